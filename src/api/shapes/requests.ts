// What requests carry: path and query parameters and bodies. Routes validate their inputs with these schemas, and
// the OpenAPI document describes the same ones.
import { z } from "zod";
import { DEFAULT_PURPOSE, PURPOSES } from "./vocabulary.ts";

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The most objects one share request may carry: previews judge each for every party, so they stay small. */
export const MAX_SHARE_OBJECTS = 500;

export const StixId = z.string().max(300).regex(STIX_ID, "expected a STIX id: type--uuid").meta({
	description: "a STIX identifier, `type--uuid`",
	example: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
});
export const PartyId = StixId.refine((id) => id.startsWith("identity--"), "expected an identity id").meta({
	description: "a party: the STIX identity id of an organisation in the policy",
});
export const PurposeParam = z.enum(PURPOSES).default(DEFAULT_PURPOSE).meta({
	description: "why the data is wanted; decides which agreements apply",
});

export const ObjectIdParams = z.strictObject({ id: StixId });
export type ObjectIdParams = z.output<typeof ObjectIdParams>;
export const PurposeQuery = z.strictObject({ purpose: PurposeParam });
export type PurposeQuery = z.output<typeof PurposeQuery>;

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const cursor = z.string().max(1000).optional().meta({ description: "`next` of the previous page" });

export const SearchQuery = z.strictObject({
	type: z
		.string()
		.max(1000)
		.regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, "expected STIX types separated by commas")
		.optional()
		.meta({ description: "STIX types, comma-separated (`indicator,malware`)" }),
	q: z
		.string()
		.min(1)
		.max(200)
		.optional()
		.meta({
			description:
				"a value (an IP or CIDR, a domain, a URL, a hash, …; defanged is fine): the objects naming it or a related " +
				"value, then those mentioning it; or text: the objects whose names, aliases, external ids, descriptions " +
				"or values hold every word, best first",
		}),
	marking: z.string().min(1).max(100).optional().meta({
		description:
			"without `q`: only objects whose released copy is marked so, by name as the dashboard counts them (`TLP:AMBER`, `unmarked`, `other marking`)",
	}),
	added: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day, YYYY-MM-DD")
		.optional()
		.meta({ description: "without `q`: only objects whose latest version this node stored on that UTC day" }),
	limit: limit(200, 50).meta({ description: "page size" }),
	cursor,
	purpose: PurposeParam,
});
export type SearchQuery = z.output<typeof SearchQuery>;

export const ReferrersQuery = z.strictObject({
	limit: limit(200, 50).meta({ description: "page size" }),
	cursor,
	purpose: PurposeParam,
});
export type ReferrersQuery = z.output<typeof ReferrersQuery>;

export const AutocompleteQuery = z.strictObject({
	prefix: z.string().min(1).max(100).meta({ description: "case-insensitive start of a name or value" }),
	limit: limit(50, 10),
	purpose: PurposeParam,
});
export type AutocompleteQuery = z.output<typeof AutocompleteQuery>;

export const PolicyQuery = z.strictObject({
	version: z.coerce
		.number()
		.int()
		.min(1)
		.optional()
		.meta({ description: "a policy version; the latest by default" }),
});
export type PolicyQuery = z.output<typeof PolicyQuery>;

export const ObjectVersionParam = z
	.string()
	.max(40)
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, "expected a STIX timestamp (UTC, ending in Z)")
	.optional()
	.meta({
		description:
			"an older version of the object (its `modified`); the latest by default. An older version is judged " +
			"under its own markings and the latest version's",
		example: "2026-01-31T12:00:00.000Z",
	});
export const ExplainQuery = z.strictObject({
	object: StixId,
	to: PartyId,
	purpose: PurposeParam,
	version: ObjectVersionParam,
});
export type ExplainQuery = z.output<typeof ExplainQuery>;
export const PreviewQuery = z.strictObject({
	object: StixId,
	purpose: PurposeParam,
	version: ObjectVersionParam,
});
export type PreviewQuery = z.output<typeof PreviewQuery>;

export const ShareQuery = z.strictObject({
	purpose: z.enum(PURPOSES).optional().meta({
		description: "why the parties would want it (default network-defence); a body's `purpose` wins",
	}),
});
export type ShareQuery = z.output<typeof ShareQuery>;

/** The objects of a share request: each element is checked by ingest, which locates every issue by its index. */
const ShareObjects = z
	.array(
		z.unknown().meta({
			description:
				'a STIX object; validated as ingest validates it, every issue located as `["body", "objects", index, …]`',
		}),
	)
	.max(MAX_SHARE_OBJECTS, `at most ${MAX_SHARE_OBJECTS} objects per request; split the bundle`);

export const ShareObjectList = z
	.strictObject({ objects: ShareObjects, purpose: z.enum(PURPOSES).optional() })
	.meta({
		description: "objects to share, and the purpose to preview them for (default: the `purpose` parameter)",
	});
export const ShareBundle = z
	.looseObject({ type: z.literal("bundle"), objects: ShareObjects })
	.meta({ description: "a STIX 2.1 bundle" });
/** The body of POST /policy/preview and POST /objects: a list of objects with an optional purpose, or a bundle. */
export const ShareBody = z.union([ShareObjectList, ShareBundle]);
export type ShareBody = z.input<typeof ShareBody>;

/** PUT /policy as JSON; the policy file may also be sent as it is, as YAML (PolicyFileText). */
export const PolicyJsonBody = z.strictObject({
	text: z.string().meta({ description: "the policy file (YAML)" }),
});
export type PolicyJsonBody = z.output<typeof PolicyJsonBody>;
export const PolicyFileText = z.string().meta({ description: "the policy file (YAML)" });
