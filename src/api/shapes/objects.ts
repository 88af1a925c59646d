// What the object routes answer: objects as the egress gate released them, pages of them, suggestions and counts.
import { z } from "zod";

/** A STIX object as it travels (stix/core.ts StixObject): the common properties typed, the rest open. */
export const StixObject = z
	.looseObject({
		type: z.string(),
		id: z.string(),
		spec_version: z.string().optional(),
		created: z.string().optional(),
		modified: z.string().optional(),
		revoked: z.boolean().optional(),
		created_by_ref: z.string().optional(),
		object_marking_refs: z.array(z.string()).optional(),
	})
	.meta({
		id: "StixObject",
		description:
			"a STIX 2.1 object as released to the requester (possibly transformed: then it has a new id)",
	});
export type StixObject = z.output<typeof StixObject>;

const dateAdded = z.string().meta({ description: "when this node stored it" });
const next = z
	.string()
	.optional()
	.meta({ description: "pass as `cursor` for the next page; absent on the last" });

export const ObjectEntry = z.strictObject({ object: StixObject, dateAdded }).meta({ id: "ObjectEntry" });
export type ObjectEntry = z.output<typeof ObjectEntry>;

export const SearchResult = z.strictObject({ items: z.array(ObjectEntry), next });
export type SearchResult = z.output<typeof SearchResult>;

/**
 * A property through which a referrer names an object, by its path: `object_refs`, `source_ref`, `target_ref`,
 * `sighting_of_ref`, an observable's `src_ref`, `extensions.archive-ext.contains_refs`, … (any reference
 * property but markings and author).
 */
export const ReferenceKind = z.string();
export type ReferenceKind = z.output<typeof ReferenceKind>;

export const ReferrerEntry = z
	.strictObject({
		object: StixObject,
		dateAdded,
		kinds: z.array(ReferenceKind).min(1).meta({
			description:
				"the properties of the released copy that name the object, by path (a relationship's `source_ref`, `target_ref`, or both; `object_refs`; an observable's `src_ref`, `extensions.archive-ext.contains_refs`, …)",
		}),
	})
	.meta({ id: "ReferrerEntry" });
export type ReferrerEntry = z.output<typeof ReferrerEntry>;

export const ReferrersResult = z.strictObject({ id: z.string(), items: z.array(ReferrerEntry), next });
export type ReferrersResult = z.output<typeof ReferrersResult>;

export const VersionsResult = z.strictObject({ id: z.string(), items: z.array(ObjectEntry) });
export type VersionsResult = z.output<typeof VersionsResult>;

export const Suggestion = z.strictObject({ text: z.string(), type: z.string(), id: z.string() });
export type Suggestion = z.output<typeof Suggestion>;

export const AutocompleteResult = z.strictObject({ items: z.array(Suggestion) });
export type AutocompleteResult = z.output<typeof AutocompleteResult>;

export const FacetsResult = z.strictObject({
	total: z.number().int(),
	types: z.record(z.string(), z.number().int()).meta({ description: "released objects per STIX type" }),
	markings: z
		.record(z.string(), z.number().int())
		.optional()
		.meta({ description: "with `q`: released results per marking definition id of their copy" }),
	partial: z
		.literal(true)
		.optional()
		.meta({ description: "without `q`: only the first 5,000 latest versions were counted; more are stored" }),
});
export type FacetsResult = z.output<typeof FacetsResult>;
