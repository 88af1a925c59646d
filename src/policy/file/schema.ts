// The shape of a policy file (format version 1): what each entry may say, before references are resolved.
// docs/policy-file.md explains every field; examples/policy/reference-scenario.yaml shows them in use.
import { z } from "zod";
import {
	type EvaluationMinimum,
	INVARIANTS,
	PAP_LEVELS,
	PURPOSES,
	SECTORS,
	TLP_LEVELS,
	TREATMENTS,
} from "../model.ts";

/** The only format version this build reads. */
export const POLICY_FILE_FORMAT = 1;

/** Short keys name parties, agreements, communities, subgroups and legal bases: `uk-nca`, `jcat`. */
export const SHORT_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Jurisdiction codes: ISO 3166-1 alpha-2 (`GB`) or a bloc (`EU`). */
export const JURISDICTION_CODE = /^[A-Z]{2,8}$/;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Allowed keys of a strict object, said in the unknown-key message. */
function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
	const allowed = Object.keys(shape).join(", ");
	return z.strictObject(shape, {
		error: (issue) => (issue.code === "unrecognized_keys" ? `allowed keys: ${allowed}` : undefined),
	});
}

/** An RFC 3339 timestamp or a plain date (midnight UTC), normalised to `toISOString()` form. */
const timestamp = z
	.string()
	.refine((text) => (DATE_ONLY.test(text) || RFC3339.test(text)) && isRealDate(text), {
		message: "expected a date (2024-01-31) or an RFC 3339 timestamp (2024-01-31T12:00:00Z)",
	})
	.transform((text) => new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text).toISOString());

function isRealDate(text: string): boolean {
	const time = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
	// Date.parse rolls 2024-02-30 over to March; the day must survive the round trip.
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text.slice(0, 10);
}

const shortKey = z
	.string()
	.regex(SHORT_KEY, { message: "expected a short key: lower-case letters, digits, '-'" });
const code = z.string().regex(JURISDICTION_CODE, {
	message: "expected a jurisdiction code in capitals: ISO 3166-1 alpha-2 (GB) or a bloc (EU)",
});
const stixType = z
	.string()
	.regex(/^[a-z0-9][a-z0-9-]*$/, { message: "expected a STIX type such as ipv4-addr or email-addr" });

export const validitySchema = strict({ from: timestamp, until: timestamp.optional() });

/** A 4x4 minimum such as `B2`: source A–C, then information 1–4 (X cannot be assessed, so it is no minimum). */
const evaluationMinimum = z
	.string()
	.regex(/^[ABC][1-4]$/, {
		message:
			"expected a 4x4 minimum: a source grade A, B or C, then an information grade 1–4 (e.g. B2); X cannot be a minimum",
	})
	.transform((text) => text as EvaluationMinimum);

const personalDataRuleSchema = strict({
	objectType: stixType,
	role: z.string().min(1).optional(),
	fields: z.array(z.string().min(1)).min(1).optional(),
	treatment: z.enum(TREATMENTS),
});

export const partySchema = strict({
	id: z.string(),
	name: z.string().min(1),
	sector: z.enum(SECTORS),
	jurisdictions: z.array(code).min(1),
	local: z.boolean().default(false),
	node: z.string().min(1).optional(),
	trustTier: z.number().int().min(1),
	clients: z.array(shortKey).default([]),
	status: z.enum(["active", "suspended"]).default("active"),
	understands: z
		.array(z.enum(["tlp1", "tlp2"]))
		.min(1)
		.default(["tlp2"]),
	tlpCeiling: z.enum(TLP_LEVELS).optional(),
});

export const jurisdictionSchema = strict({
	name: z.string().min(1),
	members: z.array(code).default([]),
	legalBases: z.record(z.string(), z.unknown()).default({}),
	personalData: z.array(personalDataRuleSchema).default([]),
	transferRoutes: z
		.array(strict({ to: code, basis: shortKey, purposes: z.array(z.enum(PURPOSES)).min(1).optional() }))
		.default([]),
});

export const legalBasisSchema = strict({ name: z.string().min(1), validity: validitySchema });

export const agreementSchema = strict({
	name: z.string().min(1),
	kind: z.enum(["bilateral", "multilateral"]),
	parties: z.array(shortKey).default([]),
	communities: z.array(shortKey).default([]),
	purposes: z.array(z.enum(PURPOSES)).min(1),
	tlpCeiling: z.enum(TLP_LEVELS),
	// Absent: the strictest, passive use only. A ceiling is granted, never assumed.
	papCeiling: z.enum(PAP_LEVELS).default("red"),
	handlingCodes: z.boolean().default(false),
	onwardSharing: z.boolean().default(false),
	evidenceUse: z.boolean().default(false),
	retentionDays: z.number().int().min(1).optional(),
	minimumEvaluation: evaluationMinimum.optional(),
	validity: validitySchema,
	treatments: z.array(personalDataRuleSchema).default([]),
});

export const subgroupSchema = strict({
	name: z.string().min(1),
	members: z.array(shortKey).min(1),
	tlpCeiling: z.enum(TLP_LEVELS).optional(),
});

export const communitySchema = strict({
	name: z.string().min(1),
	members: z.array(shortKey).min(1),
	host: shortKey.optional(),
	subgroups: z.record(z.string(), z.unknown()).default({}),
});

/**
 * One invariant's setting: `on` (the default, also `true`), or `{ off: <why> }`. Turning one off needs a
 * reason, kept with the applied version (D37).
 */
const invariantSetting = z.union(
	[z.literal("on"), z.literal(true), strict({ off: z.string().trim().min(1) })],
	{
		error: 'expected on, or { off: "why it is off" } (an invariant is turned off only with a reason)',
	},
);

/** The `invariants:` section: every key one of INVARIANTS; an invariant not named is on. */
export const invariantsSchema = strict(
	Object.fromEntries(INVARIANTS.map((name) => [name, invariantSetting.optional()])) as Record<
		(typeof INVARIANTS)[number],
		z.ZodOptional<typeof invariantSetting>
	>,
);

/** Sections are maps from a key to an entry; entries are checked one by one so one bad entry hides nothing. */
const section = z.record(z.string(), z.unknown());

export const fileSchema = strict({
	version: z.literal(POLICY_FILE_FORMAT, { message: `expected version: ${POLICY_FILE_FORMAT}` }),
	node: z.string().min(1),
	parties: section,
	jurisdictions: section.default({}),
	agreements: section.default({}),
	communities: section.default({}),
	invariants: invariantsSchema.default({}),
});

export type PartyEntry = z.output<typeof partySchema>;
export type JurisdictionEntry = z.output<typeof jurisdictionSchema>;
export type LegalBasisEntry = z.output<typeof legalBasisSchema>;
export type AgreementEntry = z.output<typeof agreementSchema>;
export type CommunityEntry = z.output<typeof communitySchema>;
export type SubgroupEntry = z.output<typeof subgroupSchema>;
export type InvariantsEntry = z.output<typeof invariantsSchema>;
