// Enumerating and rewriting the comparisons of a pattern, e.g. to translate values before sharing it.

import type { Comparison, ComparisonExpression, ObservationExpression, PatternAst } from "./ast.ts";

/**
 * Every comparison in source order, with the object type and path it tests.
 *
 * @example
 * listComparisons(ast).map((c) => `${c.path.objectType} ${c.operator}`) // ["ipv4-addr =", "file IN"]
 */
export function listComparisons(ast: PatternAst): Comparison[] {
	const found: Comparison[] = [];
	mapComparisons(ast, (c) => {
		found.push(c);
		return c;
	});
	return found;
}

/**
 * A new AST with each comparison replaced by `rewrite(comparison)`; everything else is shared, and
 * the input is not modified. Return the argument unchanged to keep a comparison. The result is not
 * re-validated: format it and parse it again if the rewrite might break a rule.
 *
 * @example
 * const defanged = mapComparisons(ast, (c) =>
 *   c.value?.type === "string" ? { ...c, value: { ...c.value, value: c.value.value.replaceAll(".", "[.]") } } : c,
 * );
 */
export function mapComparisons(ast: PatternAst, rewrite: (comparison: Comparison) => Comparison): PatternAst {
	return mapObservation(ast, rewrite);
}

function mapObservation(
	node: ObservationExpression,
	rewrite: (c: Comparison) => Comparison,
): ObservationExpression {
	switch (node.kind) {
		case "observation":
			return { ...node, comparison: mapComparison(node.comparison, rewrite) };
		case "observation-group":
			return { ...node, expression: mapObservation(node.expression, rewrite) };
		case "observation-operation":
			return { ...node, operands: node.operands.map((operand) => mapObservation(operand, rewrite)) };
	}
}

function mapComparison(
	node: ComparisonExpression,
	rewrite: (c: Comparison) => Comparison,
): ComparisonExpression {
	switch (node.kind) {
		case "comparison":
			return rewrite(node);
		case "comparison-group":
			return { ...node, expression: mapComparison(node.expression, rewrite) };
		case "comparison-operation":
			return { ...node, operands: node.operands.map((operand) => mapComparison(operand, rewrite)) };
	}
}
