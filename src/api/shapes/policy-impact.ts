// Shapes of a policy change's impact (D62): a job started by POST /policy/impact and read by GET /policy/impact/{job}.
import { z } from "zod";

/** POST /policy/impact as JSON; the proposed file may also be sent as it is, as YAML. */
export const ImpactJsonBody = z.strictObject({
	text: z.string().meta({ description: "the proposed policy file (YAML)" }),
});
export type ImpactJsonBody = z.output<typeof ImpactJsonBody>;

export const ImpactJobParams = z.strictObject({
	job: z.string().min(1).max(100).meta({ description: "the job id POST /policy/impact answered" }),
});
export type ImpactJobParams = z.output<typeof ImpactJobParams>;

export const ImpactJobStarted = z
	.strictObject({
		job: z.string(),
		total: z
			.number()
			.int()
			.meta({ description: "stored objects the impact reads (its progress counts to this)" }),
	})
	.meta({ id: "ImpactJobStarted" });
export type ImpactJobStarted = z.output<typeof ImpactJobStarted>;

export const ImpactExample = z
	.strictObject({
		id: z.string(),
		type: z.string(),
		name: z.string().optional(),
		rule: z.string().meta({
			description:
				"the deciding rule under the proposed policy (`scope.tlp`): for a gain the one that now releases, for a loss the one that now withholds",
		}),
		reason: z.string().meta({ description: "the rule's sentence, as the gate's trace gives it" }),
	})
	.meta({ id: "ImpactExample" });
export type ImpactExample = z.output<typeof ImpactExample>;

export const PartyImpact = z
	.strictObject({
		id: z.string(),
		name: z.string(),
		before: z.number().int().meta({ description: "objects the party receives under the current policy" }),
		after: z.number().int().meta({ description: "objects it would receive under the proposed one" }),
		gained: z.number().int(),
		lost: z.number().int(),
		gainedExamples: z.array(ImpactExample),
		lostExamples: z.array(ImpactExample),
	})
	.meta({ id: "PartyImpact" });
export type PartyImpact = z.output<typeof PartyImpact>;

export const PolicyImpactResult = z
	.strictObject({
		baseVersion: z.number().int().meta({ description: "the applied version compared against (0: none)" }),
		purpose: z.string(),
		objects: z.number().int(),
		classes: z.number().int().meta({ description: "decision classes the objects fell into (D62)" }),
		decidedPerObject: z.number().int().meta({ description: "objects the gate was asked about one by one" }),
		parties: z.array(PartyImpact),
	})
	.meta({ id: "PolicyImpactResult" });
export type PolicyImpactResult = z.output<typeof PolicyImpactResult>;

export const IMPACT_JOB_STATES = ["running", "done", "failed"] as const;
export const IMPACT_PHASES = ["reading", "deciding", "per-object"] as const;

export const ImpactJob = z
	.strictObject({
		job: z.string(),
		state: z.enum(IMPACT_JOB_STATES),
		phase: z
			.enum(IMPACT_PHASES)
			.meta({ description: "what the job is doing: `done` of `total` counts this phase" }),
		done: z.number().int(),
		total: z.number().int(),
		startedAt: z.string(),
		finishedAt: z.string().optional(),
		result: PolicyImpactResult.optional(),
		error: z.string().optional().meta({ description: "why a failed job failed" }),
	})
	.meta({ id: "ImpactJob" });
export type ImpactJob = z.output<typeof ImpactJob>;
