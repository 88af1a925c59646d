// Reads a STIX pattern as MISP can hold it: one observation of `path = value` comparisons joined by AND, without
// qualifiers. Anything richer (OR, FOLLOWEDBY, other operators, NOT, qualifiers) MISP keeps only verbatim.
import type { Comparison, ComparisonExpression, Constant, PatternAst } from "../../stix/pattern/index.ts";
import { parsePattern } from "../../stix/pattern/index.ts";
import { isTypedPath } from "./attribute-types.ts";

/** One `path = value` of a plain pattern; `key` is the path as `type:a.b[*].c`, names unquoted. */
export interface PlainComparison {
	objectType: string;
	key: string;
	value: string;
}

export type PatternReading =
	| { plain: true; comparisons: PlainComparison[] }
	| { plain: false; reason: string };

/**
 * The comparisons of a plain pattern, in source order, or why the pattern is not plain.
 * @example readPlainPattern("[file:name = 'a' AND file:hashes.'SHA-256' = 'b']")
 * // { plain: true, comparisons: [{ objectType: "file", key: "file:name", value: "a" }, { …key: "file:hashes.SHA-256"… }] }
 */
export function readPlainPattern(pattern: string): PatternReading {
	const fast = readSimple(pattern);
	if (fast !== undefined) return { plain: true, comparisons: fast };
	const parsed = parsePattern(pattern);
	if (!parsed.ok)
		return { plain: false, reason: `the pattern does not parse: ${parsed.errors[0]?.message ?? ""}` };
	return readAst(parsed.pattern);
}

/** One `type:path = 'string'`: a path of bare or quoted names and indexes, a string with `\\'` and `\\\\` escapes. */
const SIMPLE_COMPARISON =
	/([a-z0-9-]+):((?:[A-Za-z0-9_]+|'[^'\\]*')(?:\.(?:[A-Za-z0-9_]+|'[^'\\]*')|\[(?:\d+|\*)\])*) = '((?:[^'\\]|\\['\\])*)'/y;

/**
 * The comparisons of the common case — `[a = 's' AND b = 's' …]` on one object type — read without the parser (the
 * export's hot path); undefined for anything else, which the parser then reads. Only shapes whose every path MISP
 * has a type for are taken here, so no path the parser would refuse can pass this way.
 */
function readSimple(pattern: string): PlainComparison[] | undefined {
	if (pattern.charCodeAt(0) !== 91 || pattern.charCodeAt(pattern.length - 1) !== 93) return undefined;
	const found: PlainComparison[] = [];
	let at = 1;
	for (;;) {
		SIMPLE_COMPARISON.lastIndex = at;
		const match = SIMPLE_COMPARISON.exec(pattern);
		if (match === null) return undefined;
		const [whole, objectType = "", path = "", value = ""] = match;
		if (found.length > 0 && found[0]?.objectType !== objectType) return undefined;
		const key = `${objectType}:${path.includes("'") ? path.replaceAll("'", "") : path}`;
		if (!isTypedPath(key)) return undefined;
		found.push({ objectType, key, value: value.includes("\\") ? value.replace(/\\(['\\])/g, "$1") : value });
		at += whole.length;
		if (at === pattern.length - 1) return found;
		if (!pattern.startsWith(" AND ", at)) return undefined;
		at += 5;
	}
}

function readAst(ast: PatternAst): PatternReading {
	if (ast.kind === "observation-group") return { plain: false, reason: "it groups observations" };
	if (ast.kind === "observation-operation") {
		return { plain: false, reason: `it joins observations with ${ast.operator}` };
	}
	if (ast.qualifiers.length > 0)
		return { plain: false, reason: "it has a qualifier (WITHIN, REPEATS, START/STOP)" };
	const comparisons: PlainComparison[] = [];
	const reason = collect(ast.comparison, comparisons);
	return reason === undefined ? { plain: true, comparisons } : { plain: false, reason };
}

/** Adds the AND-joined comparisons of `node` to `into`; returns why not, at the first one that is not plain. */
function collect(node: ComparisonExpression, into: PlainComparison[]): string | undefined {
	if (node.kind === "comparison-group") return collect(node.expression, into);
	if (node.kind === "comparison-operation") {
		if (node.operator !== "AND") return "it joins comparisons with OR";
		for (const operand of node.operands) {
			const reason = collect(operand, into);
			if (reason !== undefined) return reason;
		}
		return undefined;
	}
	return plainComparison(node, into);
}

function plainComparison(node: Comparison, into: PlainComparison[]): string | undefined {
	if (node.negated) return "it negates a comparison";
	if (node.operator !== "=") return `it compares with ${node.operator}`;
	const value = node.value === null ? undefined : textOf(node.value);
	if (value === undefined) return "it compares with a value MISP cannot hold as text";
	into.push({ objectType: node.path.objectType, key: pathKey(node), value });
	return undefined;
}

function pathKey(node: Comparison): string {
	let key = `${node.path.objectType}:`;
	node.path.steps.forEach((step, index) => {
		if (step.kind === "index") key += `[${step.index === "*" ? "*" : step.index}]`;
		else key += index === 0 ? step.name : `.${step.name}`;
	});
	return key;
}

/** Strings and numbers only: binary, hex and timestamp constants would come back from MISP as plain strings. */
function textOf(constant: Constant): string | undefined {
	if (constant.type === "string" || constant.type === "integer" || constant.type === "float") {
		return String(constant.value);
	}
	return undefined;
}
