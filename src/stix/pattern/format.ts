// Canonical text for a pattern AST: single spaces, upper-case keywords, `=`/`!=`, minimal quoting.

import type {
	ComparisonExpression,
	Constant,
	ObjectPath,
	ObservationExpression,
	PatternAst,
	Qualifier,
} from "./ast.ts";
import { KEYWORDS } from "./lexer.ts";

/**
 * Formats a pattern canonically. Groups in the AST are kept; where a hand-built AST nests a looser
 * operator under a tighter one without a group, parentheses are added so the text parses back to
 * the same tree.
 *
 * @example
 * formatPattern(parse("[ file:hashes.'SHA-256'=='ab' ]")) // "[file:hashes.'SHA-256' = 'ab']"
 */
export function formatPattern(ast: PatternAst): string {
	return observation(ast);
}

const OBSERVATION_RANK = { FOLLOWEDBY: 0, OR: 1, AND: 2 } as const;
const BOOLEAN_RANK = { OR: 0, AND: 1 } as const;

function observation(node: ObservationExpression): string {
	switch (node.kind) {
		case "observation":
			return `[${comparison(node.comparison)}]${qualifiers(node.qualifiers)}`;
		case "observation-group":
			return `(${observation(node.expression)})${qualifiers(node.qualifiers)}`;
		case "observation-operation": {
			const rank = OBSERVATION_RANK[node.operator];
			return node.operands
				.map((operand, i) => {
					const text = observation(operand);
					// Left-associative: a same-rank operation needs parentheses except as the first operand.
					const wrap =
						operand.kind === "observation-operation" &&
						(OBSERVATION_RANK[operand.operator] < rank ||
							(OBSERVATION_RANK[operand.operator] === rank && i > 0));
					return wrap ? `(${text})` : text;
				})
				.join(` ${node.operator} `);
		}
	}
}

function comparison(node: ComparisonExpression): string {
	switch (node.kind) {
		case "comparison": {
			const not = node.negated ? "NOT " : "";
			if (node.operator === "EXISTS" || node.value === null) return `${not}EXISTS ${objectPath(node.path)}`;
			return `${objectPath(node.path)} ${not}${node.operator} ${constant(node.value)}`;
		}
		case "comparison-group":
			return `(${comparison(node.expression)})`;
		case "comparison-operation": {
			const rank = BOOLEAN_RANK[node.operator];
			return node.operands
				.map((operand, i) => {
					const text = comparison(operand);
					const wrap =
						operand.kind === "comparison-operation" &&
						(BOOLEAN_RANK[operand.operator] < rank || (BOOLEAN_RANK[operand.operator] === rank && i > 0));
					return wrap ? `(${text})` : text;
				})
				.join(` ${node.operator} `);
		}
	}
}

function qualifiers(list: Qualifier[]): string {
	return list
		.map((q) => {
			if (q.kind === "within") return ` WITHIN ${formatNumber(q.seconds, false)} SECONDS`;
			if (q.kind === "repeats") return ` REPEATS ${q.times} TIMES`;
			return ` START t'${q.start}' STOP t'${q.stop}'`;
		})
		.join("");
}

const BARE_PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `type:a.b[0].'c-d'`, quoting names that are not plain identifiers or that are keywords. */
export function objectPath(path: ObjectPath): string {
	let text = `${path.objectType}:`;
	path.steps.forEach((step, i) => {
		if (step.kind === "index") {
			text += `[${step.index}]`;
			return;
		}
		const bare =
			BARE_PROPERTY.test(step.name) &&
			!KEYWORDS.has(step.name) &&
			step.name !== "true" &&
			step.name !== "false";
		text += `${i > 0 ? "." : ""}${bare ? step.name : quote(step.name)}`;
	});
	return text;
}

function quote(text: string): string {
	return `'${text.replace(/[\\']/g, "\\$&")}'`;
}

/** One constant as pattern text. */
export function constant(value: Constant): string {
	switch (value.type) {
		case "string":
			return quote(value.value);
		case "integer":
			return formatNumber(value.value, false);
		case "float":
			return formatNumber(value.value, true);
		case "boolean":
			return String(value.value);
		case "binary":
			return `b'${value.value}'`;
		case "hex":
			return `h'${value.value}'`;
		case "timestamp":
			return `t'${value.value}'`;
		case "set":
			return `(${value.values.map(constant).join(", ")})`;
	}
}

/** Plain decimal (the grammar has no exponent); floats always keep a fractional part. */
function formatNumber(n: number, float: boolean): string {
	let text = String(n);
	const e = text.indexOf("e");
	if (e !== -1) {
		const sign = n < 0 ? "-" : "";
		const [whole = "", fraction = ""] = text.slice(sign.length, e).split(".");
		const exponent = Number(text.slice(e + 1));
		const digits = whole + fraction;
		const point = whole.length + exponent;
		text =
			point <= 0
				? `${sign}0.${"0".repeat(-point)}${digits}`
				: point >= digits.length
					? `${sign}${digits}${"0".repeat(point - digits.length)}`
					: `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
	}
	return float && !text.includes(".") ? `${text}.0` : text;
}
