// Observation expressions' insides (§9.5, §9.6): which SCOs of one observation satisfy a comparison expression.
// AND inside `[...]` holds on one and the same object; OR on either; a comparison names its object type.

import type { Comparison, ComparisonExpression, Observation as ObservationNode, PatternAst } from "../ast.ts";
import type { Budget } from "./budget.ts";
import { parseBlock } from "./cidr.ts";
import { compareValue, type Prepared } from "./compare.ts";
import type { Observation } from "./observations.ts";
import { compileRegex } from "./regex/pike-vm.ts";
import { RegexSyntaxError } from "./regex/syntax.ts";
import { pathValues } from "./values.ts";

/** A MATCHES regex the linear-time engine refuses, located at its constant. */
export interface RegexProblem {
	offset: number;
	message: string;
}

/** The `[...]` leaves of a pattern, in source order. */
export function observationLeaves(ast: PatternAst): ObservationNode[] {
	const leaves: ObservationNode[] = [];
	const walk = (node: PatternAst): void => {
		if (node.kind === "observation") leaves.push(node);
		else if (node.kind === "observation-group") walk(node.expression);
		else for (const operand of node.operands) walk(operand);
	};
	walk(ast);
	return leaves;
}

/**
 * Prepares every comparison's constant once: MATCHES regexes compiled, ISSUBSET/ISSUPERSET blocks parsed. A regex
 * the engine refuses is a problem, returned, not thrown, so all are reported.
 */
export function prepareConstants(leaves: readonly ObservationNode[]): {
	prepared: Map<Comparison, Prepared>;
	problems: RegexProblem[];
} {
	const prepared = new Map<Comparison, Prepared>();
	const problems: RegexProblem[] = [];
	const visit = (node: ComparisonExpression): void => {
		if (node.kind === "comparison-group") visit(node.expression);
		else if (node.kind === "comparison-operation") node.operands.forEach(visit);
		else if (node.operator === "LIKE" && node.value?.type === "string") {
			const literal = node.value.value.split(/[%_]/).reduce((a, b) => (b.length > a.length ? b : a), "");
			if (literal !== "") prepared.set(node, { likeLiteral: literal });
		} else if (
			(node.operator === "ISSUBSET" || node.operator === "ISSUPERSET") &&
			node.value?.type === "string"
		) {
			const block = parseBlock(node.value.value);
			prepared.set(node, block === undefined ? {} : { block });
		} else if (node.operator === "MATCHES" && node.value?.type === "string") {
			try {
				prepared.set(node, { regex: compileRegex(node.value.value) });
			} catch (error) {
				if (!(error instanceof RegexSyntaxError)) throw error;
				problems.push({ offset: node.value.offset, message: error.message });
			}
		}
	};
	for (const leaf of leaves) visit(leaf.comparison);
	return { prepared, problems };
}

/** The keys of the observation's objects that satisfy the leaf's comparison expression. */
export function matchingObjects(
	leaf: ObservationNode,
	observation: Observation,
	prepared: ReadonlyMap<Comparison, Prepared>,
	budget: Budget,
): string[] {
	const keys: string[] = [];
	for (const [key, object] of observation.objects) {
		if (satisfies(leaf.comparison, object, observation, prepared, budget)) keys.push(key);
	}
	return keys;
}

function satisfies(
	node: ComparisonExpression,
	object: Readonly<Record<string, unknown>>,
	observation: Observation,
	prepared: ReadonlyMap<Comparison, Prepared>,
	budget: Budget,
): boolean {
	switch (node.kind) {
		case "comparison-group":
			return satisfies(node.expression, object, observation, prepared, budget);
		case "comparison-operation":
			return node.operator === "AND"
				? node.operands.every((operand) => satisfies(operand, object, observation, prepared, budget))
				: node.operands.some((operand) => satisfies(operand, object, observation, prepared, budget));
		case "comparison":
			return comparisonHolds(node, object, observation, prepared, budget);
	}
}

/**
 * A comparison on an object of its type: some value at the path satisfies it (§9.6: a `[*]` path matches when
 * any element does). A missing property satisfies nothing, not even `!=`, and `NOT EXISTS` only on its type.
 */
function comparisonHolds(
	comparison: Comparison,
	object: Readonly<Record<string, unknown>>,
	observation: Observation,
	prepared: ReadonlyMap<Comparison, Prepared>,
	budget: Budget,
): boolean {
	budget.charge(1, "comparing values");
	if (object.type !== comparison.path.objectType) return false;
	const values = pathValues(object, comparison.path.steps, observation.resolve, budget);
	if (comparison.operator === "EXISTS") return values.length > 0 !== comparison.negated;
	const context = { prepared: prepared.get(comparison), budget };
	return values.some((value) => compareValue(comparison, value, context));
}
