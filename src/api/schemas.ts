// The REST API's shapes in zod: inputs are validated with them, and every one is written into the OpenAPI document.
import { z } from "zod";
import { PURPOSES } from "./gate.ts";

/** The purpose assumed when a request names none; agreements and transfer routes are purpose-bound. */
export const DEFAULT_PURPOSE = "network-defence" satisfies (typeof PURPOSES)[number];

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
export const PurposeQuery = z.strictObject({ purpose: PurposeParam });

export const SearchQuery = z.strictObject({
	type: z
		.string()
		.max(1000)
		.regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, "expected STIX types separated by commas")
		.optional()
		.meta({ description: "STIX types, comma-separated (`indicator,malware`)" }),
	q: z.string().min(1).max(200).optional().meta({
		description: "text to find (case-insensitive) in name, description, pattern or value",
	}),
	limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "page size" }),
	cursor: z.string().max(1000).optional().meta({ description: "`next` of the previous page" }),
	purpose: PurposeParam,
});

export const ReferrersQuery = z.strictObject({
	limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "page size" }),
	cursor: z.string().max(1000).optional().meta({ description: "`next` of the previous page" }),
	purpose: PurposeParam,
});

export const AutocompleteQuery = z.strictObject({
	prefix: z.string().min(1).max(100).meta({ description: "case-insensitive start of a name or value" }),
	limit: z.coerce.number().int().min(1).max(50).default(10),
	purpose: PurposeParam,
});

export const PolicyQuery = z.strictObject({
	version: z.coerce
		.number()
		.int()
		.min(1)
		.optional()
		.meta({ description: "a policy version; the latest by default" }),
});
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
export const PreviewQuery = z.strictObject({
	object: StixId,
	purpose: PurposeParam,
	version: ObjectVersionParam,
});

// ---- outputs (documentation; tests check answers against them)

export const StixObjectSchema = z
	.looseObject({ type: z.string(), id: z.string(), spec_version: z.string().optional() })
	.meta({
		id: "StixObject",
		description: "a STIX 2.1 object as released to the requester (possibly transformed)",
	});

export const ObjectEntry = z
	.strictObject({
		object: StixObjectSchema,
		dateAdded: z.string().meta({ description: "when this node stored it" }),
	})
	.meta({ id: "ObjectEntry" });

export const SearchResult = z.strictObject({
	items: z.array(ObjectEntry),
	next: z.string().optional().meta({ description: "pass as `cursor` for the next page; absent on the last" }),
});
export const ReferrerEntry = z
	.strictObject({
		object: StixObjectSchema,
		dateAdded: z.string().meta({ description: "when this node stored it" }),
		kinds: z.array(z.string()).min(1).meta({
			description:
				"the properties of the released copy that name the object, by path (a relationship's `source_ref`, `target_ref`, or both; `object_refs`; an observable's `src_ref`, `extensions.archive-ext.contains_refs`, …)",
		}),
	})
	.meta({ id: "ReferrerEntry" });
export const ReferrersResult = z.strictObject({
	id: z.string(),
	items: z.array(ReferrerEntry),
	next: z.string().optional().meta({ description: "pass as `cursor` for the next page; absent on the last" }),
});
export const VersionsResult = z.strictObject({ id: z.string(), items: z.array(ObjectEntry) });
export const Suggestion = z.strictObject({ text: z.string(), type: z.string(), id: z.string() });
export const AutocompleteResult = z.strictObject({ items: z.array(Suggestion) });
export const FacetsResult = z.strictObject({
	total: z.number().int(),
	types: z.record(z.string(), z.number().int()).meta({ description: "released objects per STIX type" }),
});

export const PolicySummary = z
	.strictObject({
		parties: z.number().int(),
		localParties: z.number().int(),
		jurisdictions: z.number().int(),
		agreements: z.number().int(),
		communities: z.number().int(),
	})
	.meta({ id: "PolicySummary" });
export const PolicyVersionInfo = z
	.strictObject({ version: z.number().int(), appliedAt: z.string(), appliedBy: z.string() })
	.meta({ id: "PolicyVersionInfo" });
export const PolicyParty = z
	.strictObject({
		id: z.string(),
		name: z.string(),
		node: z.string(),
		local: z.boolean(),
		status: z.enum(["active", "suspended"]),
	})
	.meta({ id: "PolicyParty", description: "a party of the policy (e.g. to name in an object's audience)" });
export const PolicyResult = PolicyVersionInfo.extend({
	summary: PolicySummary,
	parties: z.array(PolicyParty),
	communities: z.array(z.strictObject({ id: z.string(), name: z.string() })),
	text: z.string(),
});
export const PolicyApplied = z.strictObject({
	version: z.number().int(),
	appliedAt: z.string(),
	applied: z.boolean().meta({ description: "false when the text equals the latest version" }),
	summary: PolicySummary,
});
export const PolicyVersions = z.strictObject({ items: z.array(PolicyVersionInfo) });
export const PolicyFileError = z
	.strictObject({ line: z.number().int(), column: z.number().int(), path: z.string(), message: z.string() })
	.meta({ id: "PolicyFileError", description: "one error in a policy file, located (1-based)" });

const Treatment = z.looseObject({ treatment: z.string(), objectType: z.string(), because: z.string() });
export const DecisionSchema = z
	.strictObject({
		verdict: z.enum(["full", "transformed", "match-only", "contact-originator", "deny"]),
		treatments: z.array(Treatment),
		addMarkings: z.array(z.string()),
		trace: z.array(
			z.strictObject({
				rule: z.string(),
				outcome: z.enum(["pass", "deny", "transform", "restrict"]),
				reason: z.string(),
			}),
		),
	})
	.meta({ id: "Decision" });
export const ExplainResult = z.strictObject({
	object: z.string(),
	to: z.string(),
	purpose: z.string(),
	decision: DecisionSchema,
});
export const PartyPreviewSchema = z
	.strictObject({
		partyId: z.string(),
		name: z.string(),
		node: z.string(),
		local: z.boolean(),
		verdict: z.string(),
		treatments: z.array(Treatment),
		decidingRule: z.string(),
		reason: z.string(),
	})
	.meta({ id: "PartyPreview", description: "what one party would receive, and the rule that decided it" });
export const PreviewResult = z.strictObject({
	object: z.string(),
	purpose: z.string(),
	parties: z.array(PartyPreviewSchema),
});
export const MeResult = z.strictObject({
	user: z.strictObject({ id: z.string(), name: z.string(), role: z.enum(["reader", "analyst", "admin"]) }),
	organization: z
		.strictObject({
			id: z.string(),
			name: z.string(),
			sectors: z.array(z.string()),
			jurisdictions: z.array(z.string()),
		})
		.nullable(),
	party: z
		.strictObject({
			id: z.string(),
			name: z.string(),
			sector: z.string(),
			node: z.string(),
			local: z.boolean(),
		})
		.nullable()
		.meta({ description: "the organisation as the latest policy knows it; null without a policy entry" }),
});

export const ErrorBodySchema = z
	.strictObject({
		title: z.string(),
		description: z.string(),
		error_code: z
			.string()
			.optional()
			.meta({ description: "stable code, e.g. E_API_PARAMETER; see docs/api.md" }),
		http_status: z.string(),
		details: z
			.record(z.string(), z.unknown())
			.optional()
			.meta({ description: "`issues` (E_API_PARAMETER) or `errors` (E_POLICY_INVALID), …" }),
	})
	.meta({ id: "Error" });
