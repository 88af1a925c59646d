// What the policy editing routes take and answer (D63): apply with a base version, validate as you type, the file's
// JSON Schema, rollback, the diff of two versions, and the form changes made on the server.
import { z } from "zod";
import { PolicyFileError, PolicySummary } from "./policy.ts";
import { PolicyJsonBody } from "./requests.ts";
import { PAP_LEVELS, PURPOSES, SECTORS, TLP_LEVELS, TREATMENTS } from "./vocabulary.ts";

const version = z.number().int().min(1);
const baseVersion = z.number().int().min(0).meta({
	description:
		"the version your change starts from (0: none applied yet); when another is the latest, 409 E_POLICY_CONFLICT",
});
const confirmCutOff = z.boolean().optional().meta({
	description:
		"apply even though every partner would receive nothing beyond TLP:CLEAR (else 409 E_POLICY_CUTS_OFF_PARTNERS)",
});

/** PUT /policy as JSON: the file, and optionally the version it was edited from and the cut-off confirmation. */
export const PolicyApplyBody = PolicyJsonBody.extend({
	baseVersion: baseVersion.optional(),
	confirmCutOff,
}).meta({
	id: "PolicyApplyBody",
});
export type PolicyApplyBody = z.output<typeof PolicyApplyBody>;

/** PUT /policy with a YAML body: the confirmation as a query parameter (the base version is `If-Match: "N"`). */
export const PolicyApplyQuery = z.strictObject({
	confirmCutOff: z
		.enum(["true", "false"])
		.optional()
		.transform((value) => value === "true")
		.meta({ description: "true: apply even though every partner would be cut off" }),
});
export type PolicyApplyQuery = z.output<typeof PolicyApplyQuery>;

export const PolicyValidation = z
	.strictObject({
		ok: z.boolean(),
		errors: z.array(PolicyFileError),
		summary: PolicySummary.optional().meta({ description: "what the file defines, when it has no error" }),
	})
	.meta({
		id: "PolicyValidation",
		description: "a policy file checked as PUT /policy would, nothing applied",
	});
export type PolicyValidation = z.output<typeof PolicyValidation>;

export const PolicyFileSchema = z
	.record(z.string(), z.unknown())
	.meta({ id: "PolicyFileSchema", description: "a JSON Schema (2020-12) of the policy file" });
export type PolicyFileSchema = z.output<typeof PolicyFileSchema>;

export const PolicyRollbackBody = z
	.strictObject({
		version: version.meta({ description: "the version whose text to apply again, as a new version" }),
		baseVersion,
		confirmCutOff,
	})
	.meta({ id: "PolicyRollbackBody" });
export type PolicyRollbackBody = z.output<typeof PolicyRollbackBody>;

export const PolicyDiffQuery = z.strictObject({
	from: z.coerce.number().int().min(1).meta({ description: "the older version" }),
	to: z.coerce
		.number()
		.int()
		.min(1)
		.optional()
		.meta({ description: "the newer version; the latest by default" }),
});
export type PolicyDiffQuery = z.output<typeof PolicyDiffQuery>;

export const PolicyDiffLine = z
	.strictObject({
		op: z.enum(["=", "+", "-"]).meta({ description: "= kept, + added in `to`, - removed from `from`" }),
		text: z.string().meta({ description: "the line, without its newline" }),
		fromLine: z.number().int().optional().meta({ description: "1-based line in `from` (= and -)" }),
		toLine: z.number().int().optional().meta({ description: "1-based line in `to` (= and +)" }),
		noNewline: z
			.literal(true)
			.optional()
			.meta({ description: "the text's last line, with no newline after it" }),
	})
	.meta({ id: "PolicyDiffLine" });
export type PolicyDiffLine = z.output<typeof PolicyDiffLine>;

const VersionText = z.strictObject({ version: z.number().int(), text: z.string() });

export const PolicyDiff = z
	.strictObject({ from: VersionText, to: VersionText, lines: z.array(PolicyDiffLine) })
	.meta({ id: "PolicyDiff", description: "two versions' texts and a shortest line diff between them" });
export type PolicyDiff = z.output<typeof PolicyDiff>;

const shortKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "expected a short key such as uk-nca");
const date = z.string().min(1).meta({ description: "a date (2024-01-31) or an RFC 3339 timestamp" });
const treatmentRule = z.strictObject({
	objectType: z.string(),
	role: z.string().optional(),
	fields: z.array(z.string()).optional(),
	treatment: z.enum(TREATMENTS),
});

/** A new party's fields, as the policy file writes them (docs/policy-file.md). */
const NewParty = z.strictObject({
	id: z.string().meta({ description: "its STIX identity id (identity--<UUIDv4>)" }),
	name: z.string(),
	sector: z.enum(SECTORS),
	jurisdictions: z.array(z.string()).min(1),
	local: z.boolean().optional(),
	node: z.string().optional(),
	trustTier: z.number().int().min(1),
	clients: z.array(shortKey).optional(),
	status: z.enum(["active", "suspended"]).optional(),
	understands: z.array(z.enum(["tlp1", "tlp2"])).optional(),
	tlpCeiling: z.enum(TLP_LEVELS).optional(),
});

/** A new agreement's fields, as the policy file writes them. */
const NewAgreement = z.strictObject({
	name: z.string(),
	kind: z.enum(["bilateral", "multilateral"]),
	parties: z.array(shortKey).optional(),
	communities: z.array(shortKey).optional(),
	purposes: z.array(z.enum(PURPOSES)).min(1),
	tlpCeiling: z.enum(TLP_LEVELS),
	papCeiling: z.enum(PAP_LEVELS).optional(),
	handlingCodes: z.boolean().optional(),
	onwardSharing: z.boolean().optional(),
	evidenceUse: z.boolean().optional(),
	retentionDays: z.number().int().min(1).optional(),
	minimumEvaluation: z.string().optional(),
	validity: z.strictObject({ from: date, until: date.optional() }),
	treatments: z.array(treatmentRule).optional(),
});

export const PolicyChange = z
	.discriminatedUnion("kind", [
		z.strictObject({ kind: z.literal("add-party"), key: shortKey, party: NewParty }),
		z.strictObject({ kind: z.literal("add-agreement"), key: shortKey, agreement: NewAgreement }),
		z.strictObject({
			kind: z.literal("set-ceiling"),
			target: z.enum(["party", "agreement", "subgroup"]),
			key: z
				.string()
				.meta({ description: "the party's or agreement's key; for a subgroup, its community's" }),
			subgroup: z.string().optional().meta({ description: "the subgroup's key (target subgroup)" }),
			tlpCeiling: z
				.enum(TLP_LEVELS)
				.nullable()
				.optional()
				.meta({ description: "null removes a party's or subgroup's own ceiling" }),
			papCeiling: z.enum(PAP_LEVELS).optional().meta({ description: "agreements only" }),
		}),
		z.strictObject({
			kind: z.literal("set-purposes"),
			agreement: z.string(),
			purposes: z.array(z.enum(PURPOSES)).min(1),
		}),
		z.strictObject({
			kind: z.literal("set-legal-basis-window"),
			jurisdiction: z.string(),
			basis: z.string(),
			from: date,
			until: date.nullable().optional().meta({ description: "absent or null: open-ended" }),
		}),
	])
	.meta({ id: "PolicyChange", description: "one change a form makes to the policy file" });
export type PolicyChange = z.output<typeof PolicyChange>;

export const PolicyEditBody = z
	.strictObject({
		text: z.string().meta({ description: "the policy file (YAML) as edited so far" }),
		change: PolicyChange,
	})
	.meta({ id: "PolicyEditBody" });
export type PolicyEditBody = z.output<typeof PolicyEditBody>;

export const PolicyEdited = z
	.strictObject({
		text: z.string().meta({ description: "the file after the change; only the changed lines differ" }),
		errors: z
			.array(PolicyFileError)
			.meta({ description: "the new text's errors, as POST /policy/validate gives" }),
	})
	.meta({ id: "PolicyEdited" });
export type PolicyEdited = z.output<typeof PolicyEdited>;
