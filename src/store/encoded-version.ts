// A version reduced to what every backend writes: its header fields and its JSON text, built once per object.
import { type StixObject, versionOf } from "../stix/core.ts";
import { HANDLING_REFERENCES, referencesWithPaths } from "../stix/references/index.ts";

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

/**
 * The references of an object that a store records for `referencesTo`: every id it names through a
 * reference property at any depth (stix/references, the table the egress gate filters by), markings and
 * author aside, each with its path as the kind (`object_refs`, `src_ref`, `body_multipart.body_raw_ref`,
 * `extensions.archive-ext.contains_refs`, custom `x_…_ref`s); a relationship's ends carry its type
 * (`source_ref:derived-from`).
 */
export function referencesOf(object: StixObject): [string, string][] {
	const relationshipType = object.relationship_type;
	const typed = object.type === "relationship" && typeof relationshipType === "string";
	const refs: [string, string][] = [];
	for (const [id, path] of referencesWithPaths(object, HANDLING_REFERENCES)) {
		const end = object.type === "relationship" && (path === "source_ref" || path === "target_ref");
		if (!end) refs.push([id, path]);
		else if (typed) refs.push([id, `${path}:${relationshipType}`]);
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
