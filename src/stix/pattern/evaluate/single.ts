// A pattern compiled once and tested against one SCO at a time: the single-observation match a value lookup needs.

import type { Comparison, ComparisonExpression, ObservationExpression, PatternAst } from "../ast.ts";
import type { Budget } from "./budget.ts";
import type { Prepared } from "./compare.ts";
import { matchingObjects, observationLeaves, prepareConstants, type RegexProblem } from "./leaves.ts";
import type { Observation } from "./observations.ts";

/** A parsed pattern with its MATCHES regexes compiled, ready to test objects against. */
export interface CompiledPattern {
	readonly ast: PatternAst;
	/** The SCO types its comparisons name: only objects of these types can satisfy it. */
	readonly objectTypes: ReadonlySet<string>;
	readonly prepared: ReadonlyMap<Comparison, Prepared>;
}

/** Compiles a parsed pattern, or returns the regexes the linear-time engine refuses. */
export function compilePattern(
	ast: PatternAst,
): { ok: true; pattern: CompiledPattern } | { ok: false; problems: RegexProblem[] } {
	const leaves = observationLeaves(ast);
	const { prepared, problems } = prepareConstants(leaves);
	if (problems.length > 0) return { ok: false, problems };
	const objectTypes = new Set<string>();
	const types = (node: ComparisonExpression): void => {
		if (node.kind === "comparison") objectTypes.add(node.path.objectType);
		else if (node.kind === "comparison-group") types(node.expression);
		else for (const operand of node.operands) types(operand);
	};
	for (const leaf of leaves) types(leaf.comparison);
	return { ok: true, pattern: { ast, objectTypes, prepared } };
}

/** One SCO as an observation seen once at an unknown time; build it once to test many patterns against it. */
export function singleObservation(
	sco: Readonly<Record<string, unknown>>,
	resolve: (reference: string) => Readonly<Record<string, unknown>> | undefined = () => undefined,
): Observation {
	return {
		index: 0,
		id: typeof sco.id === "string" ? sco.id : undefined,
		objects: new Map([["0", sco]]),
		resolve,
		interval: undefined,
		count: 1,
	};
}

/**
 * Whether one SCO, seen once at an unknown time, satisfies the whole pattern: some `[...]` holds on it, OR takes
 * either side, AND and FOLLOWEDBY need two observations and so fail, REPEATS n needs n (fails above 1), and
 * WITHIN and START/STOP cannot be checked without a time, so they let it pass. References in the SCO resolve
 * through `resolve` (none by default).
 */
export function matchesObject(
	pattern: CompiledPattern,
	sco: Readonly<Record<string, unknown>>,
	budget: Budget,
	resolve?: (reference: string) => Readonly<Record<string, unknown>> | undefined,
): boolean {
	return matchesObservation(pattern, singleObservation(sco, resolve), budget);
}

/** matchesObject over an observation built by singleObservation. */
export function matchesObservation(
	pattern: CompiledPattern,
	observation: Observation,
	budget: Budget,
): boolean {
	const sco = observation.objects.values().next().value;
	if (typeof sco?.type !== "string" || !pattern.objectTypes.has(sco.type)) return false;
	const holds = (node: ObservationExpression): boolean => {
		const qualifiers = node.kind === "observation-operation" ? [] : node.qualifiers;
		if (qualifiers.some((q) => q.kind === "repeats" && q.times > 1)) return false;
		if (node.kind === "observation")
			return matchingObjects(node, observation, pattern.prepared, budget).length > 0;
		if (node.kind === "observation-group") return holds(node.expression);
		return node.operator === "OR" && node.operands.some(holds);
	};
	return holds(pattern.ast);
}
