// Building MISP attributes and objects from plain comparisons: one attribute when an attribute type has exactly
// these paths, else a MISP object with one attribute per path, named after the STIX object type.
import { uuidV5In } from "../../stix/ids/index.ts";
import { attributeOf, isTypeGuard, typeOfPath } from "./attribute-types.ts";
import type { ConversionNote, MispAttribute, MispObject } from "./misp-json.ts";
import type { PlainComparison } from "./plain-pattern.ts";

/** The namespace of the uuids of a MISP object's attributes: UUIDv5 of object uuid, relation and value. */
const OBJECT_ATTRIBUTE_NAMESPACE = "5ae6a5b2-0e34-4bb4-8b0c-6d1f0e9d54a1";
const objectAttributeUuid = uuidV5In(OBJECT_ATTRIBUTE_NAMESPACE);

/** The fields every attribute this folder writes shares. */
export interface AttributeSeed {
	uuid: string;
	toIds: boolean;
	timestamp: string;
	comment: string;
	/** misp-stix's `misp:type` label, choosing among types that share a shape (hostname or domain…). */
	labelledType?: string;
	labelledCategory?: string;
	/** misp-stix's `misp:name` and `misp:meta-category` labels: the MISP object this was, kept an object. */
	labelledObject?: { name: string; meta: string };
	firstSeen?: string;
	lastSeen?: string;
}

/** MISP object names and meta-categories per STIX object type (misp-stix's stix21_to_misp_objects.json). */
const OBJECT_NAMES: Readonly<Record<string, { name: string; meta: string; description: string }>> = {
	file: { name: "file", meta: "file", description: "File object describing a file with meta-information" },
	"domain-name": {
		name: "domain-ip",
		meta: "network",
		description: "A domain/hostname and IP address seen as a tuple",
	},
	"network-traffic": {
		name: "ip-port",
		meta: "network",
		description: "An IP address (or domain) and a port",
	},
	url: {
		name: "url",
		meta: "network",
		description: "url object describes an url along with its normalized field",
	},
	"email-message": {
		name: "email",
		meta: "network",
		description: "Email object describing an email with meta-information",
	},
	"x509-certificate": {
		name: "x509",
		meta: "network",
		description: "x509 object describing a X.509 certificate",
	},
	"windows-registry-key": {
		name: "registry-key",
		meta: "misc",
		description: "Registry key object describing a Windows registry key",
	},
	"user-account": {
		name: "user-account",
		meta: "misc",
		description: "User-account object, defining aspects of user identification",
	},
	process: { name: "process", meta: "misc", description: "Object describing a system process." },
};

/** Relations a MISP object template names differently from the attribute type. */
const RELATIONS: Readonly<Record<string, string>> = {
	"file:name": "filename",
	"domain-name:resolves_to_refs[*].value": "ip",
	"network-traffic:dst_ref.value": "ip-dst",
	"network-traffic:src_ref.value": "ip-src",
	"network-traffic:dst_port": "dst-port",
	"network-traffic:src_port": "src-port",
	"email-message:from_ref.value": "from",
	"email-message:to_refs[*].value": "to",
	"email-message:subject": "subject",
	"windows-registry-key:key": "key",
};

/**
 * The comparisons as one attribute when a MISP type has exactly their paths, else as one object whose attributes
 * share the seed's to_ids and timestamp. Paths MISP has no type for are kept as `text` attributes, noted.
 */
export function attributeOrObject(
	comparisons: readonly PlainComparison[],
	seed: AttributeSeed,
	path: string,
	notes: ConversionNote[],
	/** Where a difference in how the values come back is noted (an indicator's `….pattern`); `path` by default. */
	valuesPath?: string,
): { attribute: MispAttribute } | { object: MispObject } {
	const single = seed.labelledObject === undefined ? attributeOf(comparisons, seed.labelledType) : undefined;
	if (single?.comesBackAs !== undefined) notes.push({ path: valuesPath ?? path, reason: single.comesBackAs });
	if (single !== undefined) {
		const category = seed.labelledCategory ?? single.category;
		return { attribute: attribute(seed, single.type, category, single.value) };
	}
	return { object: objectOf(comparisons, seed, path, notes) };
}

/** One attribute with the seed's shared fields. */
export function attribute(seed: AttributeSeed, type: string, category: string, value: string): MispAttribute {
	const made: MispAttribute = {
		uuid: seed.uuid,
		type,
		category,
		value,
		to_ids: seed.toIds,
		timestamp: seed.timestamp,
		comment: seed.comment,
		distribution: "5",
		disable_correlation: false,
	};
	if (seed.firstSeen !== undefined) made.first_seen = seed.firstSeen;
	if (seed.lastSeen !== undefined) made.last_seen = seed.lastSeen;
	return made;
}

function objectOf(
	comparisons: readonly PlainComparison[],
	seed: AttributeSeed,
	path: string,
	notes: ConversionNote[],
): MispObject {
	const first = comparisons.find((comparison) => !isTypeGuard(comparison)) ?? comparisons[0];
	const named = OBJECT_NAMES[first?.objectType ?? ""];
	const labelled = seed.labelledObject;
	const template = (labelled === undefined
		? named
		: {
				name: labelled.name,
				meta: labelled.meta,
				description: named?.description ?? `MISP ${labelled.name} object`,
			}) ?? {
		name: first?.objectType ?? "misc",
		meta: "misc",
		description: `STIX ${first?.objectType ?? ""} object`,
	};
	const attributes = comparisons
		.filter((comparison) => !isTypeGuard(comparison))
		.map((comparison) => {
			const known = typeOfPath(comparison.key);
			const relation = RELATIONS[comparison.key] ?? known?.type ?? relationOfPath(comparison.key);
			if (known === undefined) {
				notes.push({
					path: `${path} (${comparison.key})`,
					reason: "MISP has no attribute type for this path: kept as a text attribute named after it",
				});
			}
			const type = known?.type ?? "text";
			const value = type === "AS" ? `AS${comparison.value}` : comparison.value;
			const uuid = objectAttributeUuid(`${seed.uuid}|${relation}|${value}`);
			const made = attribute({ ...seed, uuid }, type, known?.category ?? "Other", value);
			made.object_relation = relation;
			return made;
		});
	const object: MispObject = {
		uuid: seed.uuid,
		name: template.name,
		"meta-category": template.meta,
		description: template.description,
		timestamp: seed.timestamp,
		comment: seed.comment,
		distribution: "5",
		Attribute: attributes,
		ObjectReference: [],
	};
	if (seed.firstSeen !== undefined) object.first_seen = seed.firstSeen;
	if (seed.lastSeen !== undefined) object.last_seen = seed.lastSeen;
	return object;
}

/** `file:extensions.windows-pebinary-ext.imphash` → `imphash`: the last property, kebab-case. */
function relationOfPath(key: string): string {
	const last =
		key
			.slice(key.indexOf(":") + 1)
			.split(".")
			.at(-1) ?? key;
	return last.replace(/\[.*?\]/g, "").replaceAll("_", "-");
}
