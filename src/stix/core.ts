// The shapes every part of Entente shares for STIX content: a generic object and a validation issue.

/** Any STIX object as it travels: the common properties typed, the rest open. Wire names are snake_case. */
export interface StixObject {
	type: string;
	id: string;
	spec_version?: string;
	created?: string;
	modified?: string;
	revoked?: boolean;
	created_by_ref?: string;
	object_marking_refs?: string[];
	[property: string]: unknown;
}

/** One problem found in an object; validators return all of them, never just the first. */
export interface ValidationIssue {
	/** JSONPath-like location from the object's root, e.g. `$.external_references[2].url`. */
	path: string;
	/** Stable machine code, e.g. `required`, `type`, `vocab`, `id-format`, `sco-id-mismatch`. */
	code: string;
	/** One sentence a person can act on. */
	message: string;
	/** Errors make an object invalid; warnings are reported and the object is still accepted. */
	severity: "error" | "warning";
}

/**
 * The version key of an object: `modified`, else `created`, else "" for unversioned objects
 * (SCOs without timestamps). TAXII 2.1 §3.4.1 names `modified` as the version; we fall back so that
 * every stored row has one.
 */
export function versionOf(object: StixObject): string {
	return object.modified ?? object.created ?? "";
}
