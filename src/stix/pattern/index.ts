// STIX 2.1 patterning (§9): parse, check, format and rewrite patterns. The public face of this folder.

import type { PatternAst } from "./ast.ts";
import { locate, PatternAbort, type PatternError } from "./errors.ts";
import { DEFAULT_LIMITS, type PatternLimits, parseSyntax } from "./parser.ts";
import { checkRules } from "./rules.ts";

export type * from "./ast.ts";
export { BOOLEAN_OPERATORS, COMPARISON_OPERATORS, OBSERVATION_OPERATORS } from "./ast.ts";
export { PATTERN_ERROR_CODES, type PatternError, type PatternErrorCode } from "./errors.ts";
export { constant as formatConstant, formatPattern, objectPath as formatObjectPath } from "./format.ts";
export { DEFAULT_LIMITS, type PatternLimits } from "./parser.ts";
export { MAX_REGEX_LENGTH, MAX_REGEX_REPEAT } from "./regex-safety.ts";
export { listComparisons, mapComparisons } from "./visit.ts";

/** The outcome of parsing: the tree, or every error found (one when the syntax is broken). */
export type ParseResult = { ok: true; pattern: PatternAst } | { ok: false; errors: PatternError[] };

/**
 * Parses a STIX 2.1 pattern and checks the §9 rules. A syntax error or an exceeded limit stops
 * parsing and is the only error returned; otherwise every rule violation is returned.
 * Never throws on any input, however long or deeply nested.
 *
 * @example
 * const result = parsePattern("[ipv4-addr:value = '198.51.100.1'] WITHIN 0 SECONDS");
 * // { ok: false, errors: [{ code: "qualifier", offset: 42, line: 1, column: 43,
 * //   message: "WITHIN needs a positive number of seconds, not 0", excerpt: "…\n   ^" }] }
 */
export function parsePattern(text: string, limits: Partial<PatternLimits> = {}): ParseResult {
	let pattern: PatternAst;
	try {
		pattern = parseSyntax(text, { ...DEFAULT_LIMITS, ...limits });
	} catch (error) {
		if (error instanceof PatternAbort) return { ok: false, errors: [locate(text, error.issue)] };
		throw error;
	}
	const issues = checkRules(pattern);
	if (issues.length > 0) return { ok: false, errors: issues.map((issue) => locate(text, issue)) };
	return { ok: true, pattern };
}

/**
 * Validates a pattern for other validators: an empty array means valid. Offsets are UTF-16 indexes.
 *
 * @example
 * checkPattern("[file:name = 'a'") // [{ offset: 16, message: "expected ']' to close the observation expression opened at column 1, found end of pattern" }]
 */
export function checkPattern(pattern: string): { offset: number; message: string }[] {
	const result = parsePattern(pattern);
	return result.ok ? [] : result.errors.map(({ offset, message }) => ({ offset, message }));
}
