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

export const validitySchema = strict({
	from: timestamp.describe("when it starts: a date (2024-01-31, midnight UTC) or an RFC 3339 timestamp"),
	until: timestamp.optional().describe("when it ends (exclusive); absent: open-ended"),
}).describe("a validity window");

/** A 4x4 minimum such as `B2`: source A–C, then information 1–4 (X cannot be assessed, so it is no minimum). */
const evaluationMinimum = z
	.string()
	.regex(/^[ABC][1-4]$/, {
		message:
			"expected a 4x4 minimum: a source grade A, B or C, then an information grade 1–4 (e.g. B2); X cannot be a minimum",
	})
	.transform((text) => text as EvaluationMinimum);

const personalDataRuleSchema = strict({
	objectType: stixType.describe(
		"the STIX type holding personal data, e.g. ipv4-addr, email-addr, user-account",
	),
	role: z.string().min(1).optional().describe("only objects in this role (e.g. victim); absent: any"),
	fields: z
		.array(z.string().min(1))
		.min(1)
		.optional()
		.describe("the properties holding it; absent: the type's identifying value(s)"),
	treatment: z
		.enum(TREATMENTS)
		.describe(
			"drop | pseudonymise (keyed; the key stays here) | generalise (/24, IPv6 /48) | coarsen | scrub | hold",
		),
}).describe("which objects hold personal data, and how they are treated on the way out");

export const partySchema = strict({
	id: z
		.string()
		.describe("the organisation's STIX identity id (identity--<UUIDv4>), as in its created_by_ref"),
	name: z.string().min(1).describe("the organisation's name"),
	sector: z.enum(SECTORS).describe("its sector"),
	jurisdictions: z
		.array(code)
		.min(1)
		.describe("codes of the legal orders it sits in: ISO 3166-1 alpha-2 (GB) or a bloc (EU)"),
	local: z
		.boolean()
		.default(false)
		.describe("true: hosted on this node (one of the node's own organisations)"),
	node: z.string().min(1).optional().describe("the node hosting it; default: the file's node"),
	trustTier: z.number().int().min(1).describe("1 is the most trusted"),
	clients: z
		.array(shortKey)
		.default([])
		.describe("parties (keys) that count as its clients: TLP:AMBER may reach them through it"),
	status: z
		.enum(["active", "suspended"])
		.default("active")
		.describe("suspended: receives nothing, stays for its history"),
	understands: z
		.array(z.enum(["tlp1", "tlp2"]))
		.min(1)
		.default(["tlp2"])
		.describe("marking vocabularies its systems know; a TLP 1.0-only recipient gets AMBER+STRICT as RED"),
	tlpCeiling: z
		.enum(TLP_LEVELS)
		.optional()
		.describe("the most restrictive TLP level it may ever receive, whatever its agreements allow"),
}).describe("an organisation that sends or receives intelligence");

export const jurisdictionSchema = strict({
	name: z.string().min(1).describe("the legal order's name"),
	members: z.array(code).default([]).describe("codes under this one: a party in NL is also under EU"),
	legalBases: z
		.record(z.string(), z.unknown())
		.default({})
		.describe("instruments with validity windows, by key; transfer routes rest on them"),
	personalData: z
		.array(personalDataRuleSchema)
		.default([])
		.describe("personal data in this law, and its treatment when it leaves without a transfer route"),
	transferRoutes: z
		.array(
			strict({
				to: code.describe("the destination jurisdiction"),
				basis: shortKey.describe("the legal basis (a key of legalBases) it rests on"),
				purposes: z.array(z.enum(PURPOSES)).min(1).optional().describe("the purposes it covers; absent: all"),
			}).describe("a route letting personal data reach a jurisdiction as it is"),
		)
		.default([])
		.describe("destinations personal data may reach as it is, while the basis is valid"),
}).describe("the data-protection profile of a legal order");

export const legalBasisSchema = strict({
	name: z.string().min(1).describe("the instrument's name"),
	validity: validitySchema,
}).describe("a legal instrument and the window it is in force");

export const agreementSchema = strict({
	name: z.string().min(1).describe("the agreement's name"),
	kind: z
		.enum(["bilateral", "multilateral"])
		.describe("bilateral: exactly two parties; multilateral: parties and/or communities"),
	parties: z.array(shortKey).default([]).describe("parties (keys) bound by it"),
	communities: z.array(shortKey).default([]).describe("communities (keys) whose members it binds"),
	purposes: z.array(z.enum(PURPOSES)).min(1).describe("the purposes intelligence may be used for under it"),
	tlpCeiling: z
		.enum(TLP_LEVELS)
		.describe("the most restrictive TLP level that may flow (amber: clear, green and amber)"),
	// Absent: the strictest, passive use only. A ceiling is granted, never assumed.
	papCeiling: z
		.enum(PAP_LEVELS)
		.default("red")
		.describe("the most permissive action a recipient may take (PAP); default red: passive use only"),
	handlingCodes: z.boolean().default(false).describe("honours law-enforcement handling codes H0–H3"),
	onwardSharing: z.boolean().default(false).describe("recipients may pass TLP:GREEN on"),
	evidenceUse: z.boolean().default(false).describe("may be used as evidence (covers judicial-proceedings)"),
	retentionDays: z
		.number()
		.int()
		.min(1)
		.optional()
		.describe("the recipient keeps what it receives at most this many days"),
	minimumEvaluation: evaluationMinimum
		.optional()
		.describe("a 4x4 minimum such as B2: objects graded below it, or not graded, do not flow"),
	validity: validitySchema,
	treatments: z
		.array(personalDataRuleSchema)
		.default([])
		.describe("treatments required on the way out under it"),
}).describe("what may flow between parties, and under which conditions");

export const subgroupSchema = strict({
	name: z.string().min(1).describe("the subgroup's name"),
	members: z.array(shortKey).min(1).describe("parties (keys), members of the community"),
	tlpCeiling: z.enum(TLP_LEVELS).optional().describe("narrows, never widens, what flows inside it"),
}).describe("a need-to-know subset of a community's members");

export const communitySchema = strict({
	name: z.string().min(1).describe("the community's name"),
	members: z.array(shortKey).min(1).describe("parties (keys); membership is what TLP:GREEN reaches"),
	host: shortKey.optional().describe("the party (key) hosting it, if any"),
	subgroups: z
		.record(z.string(), z.unknown())
		.default({})
		.describe("need-to-know subsets of the members, by key"),
}).describe("a multilateral membership");

/**
 * One invariant's setting: `on` (the default, also `true`), or `{ off: <why> }`. Turning one off needs a
 * reason, kept with the applied version (D37).
 */
const invariantSetting = z.union(
	[
		z.literal("on"),
		z.literal(true),
		strict({ off: z.string().trim().min(1).describe("why it is off: kept with the applied version") }),
	],
	{
		error: 'expected on, or { off: "why it is off" } (an invariant is turned off only with a reason)',
	},
);

/** What each invariant promises (docs/policy-file.md, "Invariants"), for an editor's hover. */
const INVARIANT_PROMISES: Record<(typeof INVARIANTS)[number], string> = {
	"tlp-ceiling":
		"nothing leaves above the recipient's standing (its agreements, communities, clients, ceiling)",
	"red-named": "nothing marked TLP:RED leaves to a party its audience does not name",
	"victim-transfer": "victims' personal data leaves as it is only where its law or a route in force allows",
	"h3-inline": "nothing marked with handling code H3 leaves inline",
};

/** The `invariants:` section: every key one of INVARIANTS; an invariant not named is on. */
export const invariantsSchema = strict(
	Object.fromEntries(
		INVARIANTS.map((name) => [name, invariantSetting.optional().describe(INVARIANT_PROMISES[name])]),
	) as Record<(typeof INVARIANTS)[number], z.ZodOptional<typeof invariantSetting>>,
);

/** Sections are maps from a key to an entry; entries are checked one by one so one bad entry hides nothing. */
const section = z.record(z.string(), z.unknown());

export const fileSchema = strict({
	version: z
		.literal(POLICY_FILE_FORMAT, { message: `expected version: ${POLICY_FILE_FORMAT}` })
		.describe("the file's format version (not the policy's version: the node numbers each applied policy)"),
	node: z.string().min(1).describe("the node this policy is for; parties with local: true are hosted here"),
	parties: section.describe("organisations that send or receive intelligence, by short key"),
	jurisdictions: section.default({}).describe("legal orders by code (GB, US, EU)"),
	agreements: section.default({}).describe("what may flow between parties, by short key"),
	communities: section.default({}).describe("multilateral memberships, by short key"),
	invariants: invariantsSchema
		.default({})
		.describe("promises checked on every released copy; each on unless turned off with a reason"),
});

export type PartyEntry = z.output<typeof partySchema>;
export type JurisdictionEntry = z.output<typeof jurisdictionSchema>;
export type LegalBasisEntry = z.output<typeof legalBasisSchema>;
export type AgreementEntry = z.output<typeof agreementSchema>;
export type CommunityEntry = z.output<typeof communitySchema>;
export type SubgroupEntry = z.output<typeof subgroupSchema>;
export type InvariantsEntry = z.output<typeof invariantsSchema>;
