// Turns a STIX 2.0 observed-data `objects` dictionary into STIX 2.1 SCOs with ids and rewritten references.

import type { StixObject } from "../core.ts";
import { SCO_ID_NAMESPACE, scoId, uuidV5 } from "../ids/index.ts";

type Json = Record<string, unknown>;

/** SCO properties renamed between 2.0 and 2.1 (STIX 2.1 §6), by type. */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	file: { created: "ctime", modified: "mtime", accessed: "atime" },
	directory: { created: "ctime", modified: "mtime", accessed: "atime" },
	process: { binary_ref: "image_ref" },
	"user-account": { password_last_changed: "credential_last_changed" },
	"windows-registry-key": { modified: "modified_time" },
};

const isRef = (key: string): boolean => key.endsWith("_ref");
const isRefs = (key: string): boolean => key.endsWith("_refs");

/** The SCOs minted from one observed-data object, and what changed. */
export interface ConvertedObservables {
	readonly scos: StixObject[];
	readonly objectRefs: string[];
	readonly changes: string[];
}

/**
 * Converts embedded 2.0 observables to 2.1 SCOs. Objects are given ids in dependency order, so an
 * id whose contributing properties hold references (e.g. `network-traffic.src_ref`) uses the ids of
 * the objects it points to. An SCO without contributing properties gets a UUIDv5 of its
 * observed-data id and dictionary key, so that upgrading the same object twice gives the same ids.
 */
export function convertObservables(observedDataId: string, embedded: Json): ConvertedObservables {
	const changes: string[] = [];
	const keys = Object.keys(embedded);
	const ids = new Map<string, string>();
	const converted = new Map<string, Json>();
	let pending = keys.filter((key) => isObject(embedded[key]));
	while (pending.length > 0) {
		const ready = pending.filter((key) =>
			dependencies(embedded[key] as Json).every((dep) => ids.has(dep) || !(dep in embedded)),
		);
		// a reference cycle: convert the rest anyway, leaving unresolved references as they are
		const batch = ready.length > 0 ? ready : pending;
		for (const key of batch) {
			const sco = rewrite(embedded[key] as Json, ids, changes);
			const id =
				scoId(sco as StixObject) ??
				`${String(sco.type)}--${uuidV5(SCO_ID_NAMESPACE, `${observedDataId}/${key}`)}`;
			ids.set(key, id);
			converted.set(key, sco);
		}
		pending = pending.filter((key) => !ids.has(key));
	}
	const scos: StixObject[] = [];
	for (const [key, sco] of converted) {
		// references to objects converted later in a cycle are resolved now that every id is known
		const final = rewrite(sco, ids, []);
		scos.push({
			type: String(final.type),
			spec_version: "2.1",
			id: ids.get(key) as string,
			...withoutType(final),
		});
	}
	changes.push(`observed-data: objects → ${scos.length} SCOs + object_refs`);
	return { scos, objectRefs: scos.map((sco) => sco.id), changes };
}

function rewrite(object: Json, ids: ReadonlyMap<string, string>, changes: string[]): Json {
	const renames = RENAMED[String(object.type)];
	const out: Json = {};
	for (const [key, value] of Object.entries(object)) {
		const name = renames?.[key] ?? key;
		if (name !== key) changes.push(`${String(object.type)}: ${key} → ${name}`);
		if (isRef(key) && typeof value === "string") out[name] = ids.get(value) ?? value;
		else if (isRefs(key) && Array.isArray(value))
			out[name] = value.map((ref) => (typeof ref === "string" ? (ids.get(ref) ?? ref) : ref));
		else out[name] = value;
	}
	return out;
}

function dependencies(object: Json): string[] {
	const deps: string[] = [];
	for (const [key, value] of Object.entries(object)) {
		if (isRef(key) && typeof value === "string") deps.push(value);
		else if (isRefs(key) && Array.isArray(value))
			for (const ref of value) if (typeof ref === "string") deps.push(ref);
	}
	return deps;
}

function withoutType(object: Json): Json {
	const { type: _type, id: _id, spec_version: _version, ...rest } = object;
	return rest;
}

function isObject(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}
