// Evaluating STIX 2.1 patterns (§9) against observed-data and SCOs: which observations match, and how.

import type { PatternAst } from "../ast.ts";
import { locate, type PatternError } from "../errors.ts";
import { parsePattern } from "../index.ts";
import {
	DEFAULT_EVALUATION_LIMITS,
	type EvaluationLimits,
	type EvaluationOutcome,
	PatternEvaluation,
} from "./evaluation.ts";
import { type ObservationIssue, toObservations } from "./observations.ts";

export { Budget, BudgetExceeded } from "./budget.ts";
export type { BoundObservation, EvaluationLimits, EvaluationOutcome } from "./evaluation.ts";
export { DEFAULT_EVALUATION_LIMITS, PatternEvaluation } from "./evaluation.ts";
export type { RegexProblem } from "./leaves.ts";
export { like } from "./like.ts";
export { isSco, type Observation, type ObservationIssue, toObservations } from "./observations.ts";
export { compileRegex, MAX_PROGRAM, runRegex } from "./regex/pike-vm.ts";
export { RegexSyntaxError, requiredLiteral } from "./regex/syntax.ts";
export {
	type CompiledPattern,
	compilePattern,
	matchesObject,
	matchesObservation,
	singleObservation,
} from "./single.ts";

/** What an evaluation answers: the outcome, or why there is none; and what was wrong with the input objects. */
export type EvaluationResult =
	| (Extract<EvaluationOutcome, { ok: true }> & { issues: ObservationIssue[] })
	| {
			ok: false;
			/** The pattern's problems, located (syntax, §9 rules, a regex the linear-time engine refuses). */
			errors: PatternError[];
			/** Set when the pattern is fine but the work would exceed the budget. */
			tooCostly?: { message: string; limit: number };
			issues: ObservationIssue[];
	  };

/**
 * Prepares an evaluation of a pattern over a list of STIX objects (a bundle's `objects`: observed-data with the
 * SCOs they refer to, 2.0 observed-data with an `objects` dictionary, or bare SCOs). Returns the located
 * pattern errors instead when the pattern does not parse, or a started evaluation to `advance` in slices.
 */
export function startEvaluation(
	pattern: string | PatternAst,
	objects: readonly unknown[],
	limits: Partial<EvaluationLimits> = {},
):
	| { evaluation: PatternEvaluation; text: string | undefined; issues: ObservationIssue[] }
	| {
			errors: PatternError[];
			issues: ObservationIssue[];
	  } {
	const { observations, issues } = toObservations(objects);
	let ast: PatternAst;
	if (typeof pattern === "string") {
		const parsed = parsePattern(pattern);
		if (!parsed.ok) return { errors: parsed.errors, issues };
		ast = parsed.pattern;
	} else {
		ast = pattern;
	}
	const evaluation = new PatternEvaluation(ast, observations, { ...DEFAULT_EVALUATION_LIMITS, ...limits });
	return { evaluation, text: typeof pattern === "string" ? pattern : undefined, issues };
}

/** Turns an evaluation's outcome into the public result, locating regex problems in the pattern text. */
export function resultOf(
	outcome: EvaluationOutcome,
	text: string | undefined,
	issues: ObservationIssue[],
): EvaluationResult {
	if (outcome.ok) return { ...outcome, issues };
	const errors = (outcome.regexProblems ?? []).map((problem) =>
		text === undefined
			? {
					code: "regex" as const,
					offset: problem.offset,
					line: 1,
					column: problem.offset + 1,
					message: problem.message,
					excerpt: "",
				}
			: locate(text, { code: "regex", offset: problem.offset, message: problem.message }),
	);
	return outcome.tooCostly === undefined
		? { ok: false, errors, issues }
		: { ok: false, errors, tooCostly: outcome.tooCostly, issues };
}

/**
 * Evaluates a pattern over STIX objects in one go, bounded by `limits` (DEFAULT_EVALUATION_LIMITS: 2,000,000 steps,
 * about 0.1–0.3 s). Returns whether it matched and the bindings: for each way it matched, the observation bound to
 * each `[...]` and the SCOs in it that satisfied the comparisons.
 *
 * @example
 * evaluatePattern("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", [{ type: "ipv4-addr", id: "ipv4-addr--…", value: "198.51.100.7" }])
 * // { ok: true, matched: true, bindings: [[{ leafOffset: 0, index: 0, id: "ipv4-addr--…", objects: ["ipv4-addr--…"], copy: 0 }]], … }
 */
export function evaluatePattern(
	pattern: string | PatternAst,
	objects: readonly unknown[],
	limits: Partial<EvaluationLimits> = {},
): EvaluationResult {
	const started = startEvaluation(pattern, objects, limits);
	if ("errors" in started) return { ok: false, errors: started.errors, issues: started.issues };
	return resultOf(started.evaluation.run(), started.text, started.issues);
}
