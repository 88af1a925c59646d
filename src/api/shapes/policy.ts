// What the policy routes answer: the policy as applied (its record, summary, parties, communities) and the gate's
// decisions with their traces. Enums are the policy model's own lists (policy/model.ts).
import { z } from "zod";
import {
	ENGINE_TREATMENTS,
	PARTY_STATUSES,
	PURPOSES,
	TRACE_OUTCOMES,
	TREATMENTS,
	VERDICTS,
} from "./vocabulary.ts";

export const PolicySummary = z
	.strictObject({
		parties: z.number().int(),
		localParties: z.number().int().meta({ description: "parties hosted by this node" }),
		jurisdictions: z.number().int(),
		agreements: z.number().int(),
		communities: z.number().int(),
	})
	.meta({ id: "PolicySummary", description: "counts of what a policy defines" });
export type PolicySummary = z.output<typeof PolicySummary>;

export const PolicyVersionInfo = z
	.strictObject({ version: z.number().int(), appliedAt: z.string(), appliedBy: z.string() })
	.meta({ id: "PolicyVersionInfo" });
export type PolicyVersionInfo = z.output<typeof PolicyVersionInfo>;

export const PolicyParty = z
	.strictObject({
		id: z.string(),
		name: z.string(),
		node: z.string(),
		local: z.boolean(),
		status: z.enum(PARTY_STATUSES),
	})
	.meta({ id: "PolicyParty", description: "a party of the policy (e.g. to name in an object's audience)" });
export type PolicyParty = z.output<typeof PolicyParty>;

export const PolicyCommunity = z.strictObject({ id: z.string(), name: z.string() });
export type PolicyCommunity = z.output<typeof PolicyCommunity>;

export const PolicyResult = PolicyVersionInfo.extend({
	summary: PolicySummary,
	parties: z.array(PolicyParty),
	communities: z.array(PolicyCommunity),
	text: z.string(),
});
export type PolicyResult = z.output<typeof PolicyResult>;

export const PolicyApplied = z.strictObject({
	version: z.number().int(),
	appliedAt: z.string(),
	applied: z.boolean().meta({ description: "false when the text equals the latest version" }),
	summary: PolicySummary,
});
export type PolicyApplied = z.output<typeof PolicyApplied>;

export const PolicyVersions = z.strictObject({ items: z.array(PolicyVersionInfo) });
export type PolicyVersions = z.output<typeof PolicyVersions>;

export const PolicyFileError = z
	.strictObject({
		line: z.number().int(),
		column: z.number().int(),
		path: z
			.string()
			.meta({ description: 'where in the document: `agreements.jcat.parties[2]`; "" for the file' }),
		message: z.string(),
	})
	.meta({ id: "PolicyFileError", description: "one error in a policy file, located (1-based)" });
export type PolicyFileError = z.output<typeof PolicyFileError>;

/** A treatment the released copy gets, and the rule that requires it (policy/model.ts AppliedTreatment). */
export const Treatment = z
	.strictObject({
		treatment: z.enum([...TREATMENTS, ...ENGINE_TREATMENTS]),
		objectType: z.string(),
		fields: z.array(z.string()).optional(),
		granular: z
			.boolean()
			.optional()
			.meta({ description: "`fields` are the object's own granular-marking selectors (D33)" }),
		because: z.string(),
	})
	.meta({ id: "Treatment" });
export type Treatment = z.output<typeof Treatment>;

export const TraceStep = z
	.strictObject({
		rule: z.string().meta({ description: "stable rule name, e.g. `tlp.scope`, `law.transfer`" }),
		outcome: z.enum(TRACE_OUTCOMES),
		reason: z.string(),
	})
	.meta({
		id: "TraceStep",
		description: "one rule consulted while deciding, in words an analyst understands",
	});
export type TraceStep = z.output<typeof TraceStep>;

export const Decision = z
	.strictObject({
		verdict: z.enum(VERDICTS),
		treatments: z.array(Treatment),
		addMarkings: z.array(z.string()).meta({ description: "markings attached to the released copy" }),
		trace: z.array(TraceStep),
	})
	.meta({ id: "Decision" });
export type Decision = z.output<typeof Decision>;

export const ExplainResult = z.strictObject({
	object: z.string(),
	to: z.string(),
	purpose: z.enum(PURPOSES),
	decision: Decision,
});
export type ExplainResult = z.output<typeof ExplainResult>;

export const PartyPreview = z
	.strictObject({
		partyId: z.string(),
		name: z.string(),
		node: z.string(),
		local: z.boolean(),
		verdict: z.enum(VERDICTS),
		treatments: z.array(Treatment),
		decidingRule: z
			.string()
			.meta({ description: "the rule whose outcome set the verdict, or `form` when nothing restricted it" }),
		reason: z.string(),
	})
	.meta({ id: "PartyPreview", description: "what one party would receive, and the rule that decided it" });
export type PartyPreview = z.output<typeof PartyPreview>;

export const PreviewResult = z.strictObject({
	object: z.string(),
	purpose: z.enum(PURPOSES),
	parties: z.array(PartyPreview),
});
export type PreviewResult = z.output<typeof PreviewResult>;
