// A version reduced to what every backend writes: its header fields and its JSON text, built once per object.
import { type StixObject, versionOf } from "../stix/core.ts";

/**
 * What a backend needs of an object version, without the parsed object: a bulk writer (ingest) can
 * encode each object as soon as it is validated and let the object go, so that a batch waiting for
 * its transaction holds one string per object instead of a tree of small objects (D20).
 */
export interface EncodedVersion {
	readonly id: string;
	readonly type: string;
	/** `spec_version`, "2.1" when absent (SCOs). */
	readonly specVersion: string;
	/** `modified`, else `created`, else "" (see versionOf). */
	readonly version: string;
	readonly revoked: boolean;
	/** `JSON.stringify(object)`: the stored body, compared byte for byte before any canonical comparison. */
	readonly body: string;
	/** The references `Store.referencesTo` answers for, as [toId, kind] (see referencesOf). */
	readonly refs: readonly (readonly [string, string])[];
}

const REF_LISTS = ["object_refs", "where_sighted_refs", "observed_data_refs"] as const;

/**
 * The references of an object that a store records for `referencesTo`: container and sighting lists,
 * `sighting_of_ref`, and a relationship's ends with its type (`source_ref:derived-from`).
 */
export function referencesOf(object: StixObject): [string, string][] {
	const refs: [string, string][] = [];
	for (const kind of REF_LISTS) {
		const list: unknown = object[kind];
		if (Array.isArray(list)) for (const id of list) if (typeof id === "string") refs.push([id, kind]);
	}
	if (typeof object.sighting_of_ref === "string") refs.push([object.sighting_of_ref, "sighting_of_ref"]);
	const relationshipType = object.relationship_type;
	if (object.type === "relationship" && typeof relationshipType === "string") {
		for (const side of ["source_ref", "target_ref"] as const) {
			const id = object[side];
			if (typeof id === "string") refs.push([id, `${side}:${relationshipType}`]);
		}
	}
	return refs;
}

/**
 * Encodes a validated object: the one place an object's stored body is serialised.
 * @example encodeVersion(indicator).body === JSON.stringify(indicator) // true
 */
export function encodeVersion(object: StixObject): EncodedVersion {
	return {
		id: object.id,
		type: object.type,
		specVersion: object.spec_version ?? "2.1",
		version: versionOf(object),
		revoked: object.revoked === true,
		body: JSON.stringify(object),
		refs: referencesOf(object),
	};
}
