// The pattern error vocabulary: stable codes, and turning an offset into line, column and a caret excerpt.

/** Stable codes for pattern errors; never reuse or rename one. */
export const PATTERN_ERROR_CODES = [
	"syntax",
	"too-long",
	"too-deep",
	"too-many-comparisons",
	"qualifier",
	"object-type",
	"property",
	"mixed-object-types",
	"constant",
	"regex",
] as const;
export type PatternErrorCode = (typeof PATTERN_ERROR_CODES)[number];

/** One problem in a pattern, located at the offending character. */
export interface PatternError {
	code: PatternErrorCode;
	/** UTF-16 index into the pattern text. */
	offset: number;
	/** 1-based. */
	line: number;
	/** 1-based, in UTF-16 code units. */
	column: number;
	message: string;
	/** The offending line (or an 80-character window of it) and a caret under the offending character. */
	excerpt: string;
}

/** An error before it is located in the text. */
export interface PatternIssue {
	code: PatternErrorCode;
	offset: number;
	message: string;
}

/** Thrown inside the lexer and parser to stop at the first syntax or limit error; never escapes this folder. */
export class PatternAbort extends Error {
	readonly issue: PatternIssue;
	constructor(issue: PatternIssue) {
		super(issue.message);
		this.issue = issue;
	}
}

/** 1-based line and column of `offset`; `\r\n`, `\n` and `\r` all end a line. */
export function lineAndColumn(
	text: string,
	offset: number,
): { line: number; column: number; lineStart: number } {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(offset, text.length);
	for (let i = 0; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: end - lineStart + 1, lineStart };
}

/** "column 7" on a one-line pattern, "line 2, column 7" otherwise: how messages name a place. */
export function describePosition(text: string, offset: number): string {
	const { line, column } = lineAndColumn(text, offset);
	return line === 1 && !/[\r\n]/.test(text) ? `column ${column}` : `line ${line}, column ${column}`;
}

const EXCERPT_WIDTH = 80;

/** Locates an issue: line, column and an excerpt with a caret. */
export function locate(text: string, issue: PatternIssue): PatternError {
	const offset = Math.max(0, Math.min(issue.offset, text.length));
	const { line, column, lineStart } = lineAndColumn(text, offset);
	let lineEnd = text.length;
	for (let i = lineStart; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) {
			lineEnd = i;
			break;
		}
	}
	let from = lineStart;
	let to = lineEnd;
	if (to - from > EXCERPT_WIDTH) {
		from = Math.max(lineStart, offset - EXCERPT_WIDTH / 2);
		to = Math.min(lineEnd, from + EXCERPT_WIDTH);
		from = Math.max(lineStart, to - EXCERPT_WIDTH);
	}
	const prefix = from > lineStart ? "…" : "";
	const suffix = to < lineEnd ? "…" : "";
	// Tabs stay tabs under the caret so it lines up however the reader's terminal renders them.
	const pad = text.slice(from, offset).replace(/[^\t]/g, " ");
	const excerpt = `${prefix}${text.slice(from, to)}${suffix}\n${prefix ? " " : ""}${pad}^`;
	return { code: issue.code, offset, line, column, message: issue.message, excerpt };
}
