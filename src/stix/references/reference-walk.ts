// Finding, and withdrawing, the ids an object names: every `*_ref` / `*_refs` at any depth, custom ones included.
import type { StixObject } from "../core.ts";
import { referenceProperty } from "./reference-properties.ts";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a property name that holds one or more STIX ids (§3: `*_ref`, `*_refs`). */
export function isReferenceName(name: string): boolean {
	return name.endsWith("_ref") || name.endsWith("_refs");
}

/** `type--rest`: loose on purpose, so that a custom property cannot hide an id behind an odd spelling. */
const STIX_ID = /^[a-z0-9][a-z0-9-]*--\S+$/;

/** True for a string shaped like a STIX id (`type--…`): what a reference property may name. */
export function isStixId(value: unknown): value is string {
	return typeof value === "string" && STIX_ID.test(value);
}

/**
 * Calls `visit` on every reference property anywhere in `root` (extensions, custom properties, nested
 * lists such as `body_multipart`), with its holder and its dotted path without list steps (the
 * table's path, `extensions.archive-ext.contains_refs`). A reference property's value is not entered.
 */
export function forEachReference(
	root: Json,
	visit: (holder: Json, name: string, path: string) => void,
): void {
	// Hot on every page the gate releases: paths are built only for references and nested values.
	const walk = (node: Json, path: string): void => {
		for (const name in node) {
			if (isReferenceName(name)) {
				visit(node, name, path === "" ? name : `${path}.${name}`);
				continue;
			}
			const value = node[name];
			if (typeof value !== "object" || value === null) continue;
			const at = path === "" ? name : `${path}.${name}`;
			if (Array.isArray(value)) walkList(value, at);
			else walk(value as Json, at);
		}
	};
	// Lists of lists (a custom property may nest them) are walked too, under the same path.
	const walkList = (list: readonly unknown[], path: string): void => {
		for (const item of list)
			if (Array.isArray(item)) walkList(item, path);
			else if (isRecord(item)) walk(item, path);
	};
	walk(root, "");
}

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Reference properties that say how an object is handled and by whom rather than what it is about: its
 * markings and its author. The egress gate judges them as markings and attribution, not as references to
 * filter, and the store's backward index leaves them out (every object names its markings).
 */
export const HANDLING_REFERENCES: ReadonlySet<string> = new Set([
	"object_marking_refs",
	"marking_ref",
	"created_by_ref",
]);

/**
 * Each id `object` names and the path that names it (`src_ref`, `extensions.archive-ext.contains_refs`,
 * `body_multipart.body_raw_ref`: list steps omitted, as in the table), except through names in `skip`.
 * @example referencesWithPaths(traffic, HANDLING_REFERENCES) // [["ipv4-addr--…", "src_ref"]]
 */
export function referencesWithPaths(
	object: StixObject,
	skip: ReadonlySet<string> = NOTHING,
): [string, string][] {
	const out: [string, string][] = [];
	forEachReference(object, (holder, name, path) => {
		if (skip.has(name)) return;
		const value = holder[name];
		if (Array.isArray(value)) {
			for (const ref of value) if (isStixId(ref)) out.push([ref, path]);
		} else if (isStixId(value)) out.push([value, path]);
	});
	return out;
}

/**
 * Every id `object` names through a reference property, at any depth, except through property names in
 * `skip` (e.g. the markings, which the gate judges as markings). Values that are not STIX ids are not
 * references and are ignored. Duplicates are kept.
 * @example referencedIds(networkTraffic) // ["ipv4-addr--…", "ipv4-addr--…"]
 */
export function referencedIds(object: StixObject, skip: ReadonlySet<string> = NOTHING): string[] {
	const ids: string[] = [];
	forEachReference(object, (holder, name) => {
		if (skip.has(name)) return;
		const value = holder[name];
		if (Array.isArray(value)) {
			for (const ref of value) if (isStixId(ref)) ids.push(ref);
		} else if (isStixId(value)) ids.push(value);
	});
	return ids;
}

/** What is left of an object once references to objects the recipient may not receive are removed. */
export type Withdrawal =
	| { kind: "kept"; object: StixObject; removed: readonly string[] }
	| { kind: "withheld"; reason: string };

/** How `withdrawReferences` treats some property names. */
export interface WithdrawOptions {
	/** Names never looked at (kept as they are). */
	skip?: ReadonlySet<string>;
	/** Names whose references may not be removed: naming a refused id withholds the object (markings). */
	locked?: ReadonlySet<string>;
}

/**
 * Removes every reference to an id `keep` refuses, at any depth: a single reference goes, a list loses
 * the entry (and goes when emptied). When that leaves a holder without a property the spec requires
 * (a relationship's `target_ref`, a report's `object_refs`, an archive extension's `contains_refs`) or
 * without any of a group it needs one of (`network-traffic` src_ref / dst_ref, an observed-data's
 * `objects` / `object_refs`, a MIME part's body / body_raw_ref), the object is withheld instead.
 * Custom reference properties are optional. `object` is not modified: a changed copy is returned.
 * `keep` is asked once per distinct id; only STIX ids are asked about.
 * @example withdrawReferences(traffic, (id) => id !== hiddenIp) // { kind: "withheld", … } when src_ref was the only end
 */
export function withdrawReferences(
	object: StixObject,
	keep: (id: string) => boolean,
	options: WithdrawOptions = {},
): Withdrawal {
	const skip = options.skip ?? NOTHING;
	const locked = options.locked ?? NOTHING;
	const asked = new Set<string>();
	const refused = new Set<string>();
	for (const id of referencedIds(object, skip)) {
		if (asked.has(id)) continue;
		asked.add(id);
		if (!keep(id)) refused.add(id);
	}
	if (refused.size === 0) return { kind: "kept", object, removed: [] };
	const copy = structuredClone(object);
	const gone = (ref: unknown) => isStixId(ref) && refused.has(ref);
	let reason: string | undefined;
	forEachReference(copy, (holder, name, path) => {
		if (skip.has(name)) return;
		const value = holder[name];
		const list = Array.isArray(value);
		const refs: unknown[] = list ? value : [value];
		if (!refs.some(gone)) return;
		if (locked.has(name)) {
			reason ??= `its ${path} names a withheld object`;
			return;
		}
		const kept = refs.filter((ref) => !gone(ref));
		if (list && kept.length > 0) {
			holder[name] = kept;
			return;
		}
		delete holder[name];
		const spec = referenceProperty(object.type, path);
		const group = spec?.oneOf;
		if (spec?.required === true) reason ??= `its ${path} points only at withheld objects`;
		else if (group?.every((other) => holder[other] === undefined))
			reason ??= `its ${group.join(" and ")} point only at withheld objects`;
	});
	return reason === undefined
		? { kind: "kept", object: copy, removed: [...refused] }
		: { kind: "withheld", reason };
}
