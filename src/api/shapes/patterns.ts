// POST /patterns/evaluate: a STIX pattern evaluated against observations sent with it (nothing stored is read).
import { z } from "zod";

/** Most objects one evaluation takes. */
export const MAX_PATTERN_OBSERVATIONS = 10_000;

// The count is checked by the route, after the shape, so that its message survives the union (zod reports a
// failed union as one "invalid input").
const Objects = z
	.array(z.unknown().meta({ description: "an observed-data, an SCO it refers to, or a bare SCO" }))
	.meta({ description: `at most ${MAX_PATTERN_OBSERVATIONS} objects` });

export const PatternEvaluateBody = z
	.strictObject({
		pattern: z.string().min(1).meta({ description: "a STIX 2.1 pattern (§9), at most 64 KiB" }),
		observations: z.union([Objects, z.looseObject({ type: z.literal("bundle"), objects: Objects })]).meta({
			description:
				"STIX objects, or a bundle of them: observed-data (STIX 2.1 with object_refs to the SCOs sent beside " +
				"them, or 2.0 with an `objects` dictionary) and bare SCOs, each bare SCO an observation without time",
		}),
	})
	.meta({ description: "a pattern and the observations to evaluate it against" });
export type PatternEvaluateBody = z.input<typeof PatternEvaluateBody>;

const BoundObservation = z.strictObject({
	leafOffset: z
		.number()
		.int()
		.meta({ description: "offset in the pattern of the `[` this observation satisfies" }),
	index: z.number().int().meta({ description: "index of the observed-data or SCO among the objects sent" }),
	id: z.string().optional(),
	objects: z
		.array(z.string())
		.meta({ description: "ids (or 2.0 keys) of the SCOs in it that satisfied the comparisons" }),
	copy: z.number().int().meta({ description: "which of its number_observed observations (REPEATS)" }),
});

const InputProblem = z.strictObject({
	path: z
		.array(z.union([z.string(), z.number()]))
		.meta({ description: 'e.g. ["body", "observations", 3, "first_observed"]' }),
	severity: z.enum(["error", "warning"]),
	message: z.string(),
});

export const PatternEvaluation = z.strictObject({
	matched: z.boolean(),
	bindings: z.array(z.array(BoundObservation)).meta({
		description: "each a way the pattern matched: the observation bound to each `[...]` (at most 100)",
	}),
	truncated: z.boolean().meta({
		description:
			"some partial matches were not tried (over 1,000 per operator) or bindings not listed: a `matched: false` may then be a miss",
	}),
	timeUnchecked: z.boolean().meta({
		description:
			"a time constraint (WITHIN, START/STOP, FOLLOWEDBY) met a bare SCO, which has no time, and let it pass",
	}),
	steps: z.number().int().meta({ description: "work done, in steps of the evaluation's budget" }),
	problems: z
		.array(InputProblem)
		.meta({ description: "objects skipped or references not found, each located" }),
});
export type PatternEvaluation = z.output<typeof PatternEvaluation>;
