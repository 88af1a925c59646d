// Turns pattern text into tokens, following the lexer rules of STIXPattern.g4; stops at the first bad character.

import { describePosition, PatternAbort } from "./errors.ts";
import { checkBase64, checkHex, checkTimestamp, type LiteralProblem } from "./literals.ts";

export type TokenKind =
	| "("
	| ")"
	| "["
	| "]"
	| ":"
	| "."
	| ","
	| "*"
	| "operator"
	| "keyword"
	| "identifier"
	| "string"
	| "integer"
	| "float"
	| "boolean"
	| "hex"
	| "binary"
	| "timestamp"
	| "eof";

/** One token. `text` is the source text; for operators `value` is the canonical spelling (`==` → `=`, `<>` → `!=`). */
export interface Token {
	kind: TokenKind;
	offset: number;
	end: number;
	text: string;
	/** Decoded value of strings, numbers, booleans and typed constants; `text` otherwise. */
	value: string | number | boolean;
}

/** The grammar's keywords; all upper case except the booleans, which lex as `boolean` tokens. */
export const KEYWORDS: ReadonlySet<string> = new Set([
	"AND",
	"OR",
	"NOT",
	"FOLLOWEDBY",
	"LIKE",
	"MATCHES",
	"ISSUPERSET",
	"ISSUBSET",
	"EXISTS",
	"LAST",
	"IN",
	"START",
	"STOP",
	"SECONDS",
	"WITHIN",
	"REPEATS",
	"TIMES",
]);

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
	"(": "(",
	")": ")",
	"[": "[",
	"]": "]",
	":": ":",
	".": ".",
	",": ",",
	"*": "*",
};

/** The grammar's WS set, which is Unicode's White_Space. */
function isWhitespace(c: number): boolean {
	return (
		c === 32 ||
		(c >= 9 && c <= 13) ||
		c === 0x85 ||
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x2028 ||
		c === 0x2029 ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000
	);
}

function isIdentifierStart(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentifierPart(c: number): boolean {
	return isIdentifierStart(c) || (c >= 48 && c <= 57) || c === 45;
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** How a character is named in a message: printable ones quoted, others as U+XXXX. */
export function describeChar(ch: string | undefined): string {
	if (ch === undefined) return "end of pattern";
	const code = ch.codePointAt(0) ?? 0;
	return code > 32 && code < 127 ? `'${ch}'` : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A typed constant's token kind and the check of its body. */
interface TypedLiteral {
	kind: TokenKind;
	check: (s: string) => LiteralProblem | null;
}

const TYPED_LITERALS: Readonly<Record<string, TypedLiteral>> = {
	h: { kind: "hex", check: checkHex },
	b: { kind: "binary", check: checkBase64 },
	t: { kind: "timestamp", check: checkTimestamp },
};

/** Tokenizes the whole text; throws PatternAbort at the first lexical error. Ends with an `eof` token. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	const n = text.length;
	const fail = (offset: number, message: string): never => {
		throw new PatternAbort({ code: "syntax", offset, message });
	};
	let i = 0;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (isWhitespace(c)) {
			i++;
			continue;
		}
		const ch = text[i] as string;
		if (c === 47 && text.charCodeAt(i + 1) === 42) {
			const close = text.indexOf("*/", i + 2);
			if (close === -1) fail(n, `expected '*/' to close the comment opened at ${describePosition(text, i)}`);
			i = close + 2;
			continue;
		}
		if (c === 47 && text.charCodeAt(i + 1) === 47) {
			while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
			continue;
		}
		const punct = PUNCTUATION[ch];
		if (punct !== undefined && !(c === 46 && isDigit(text.charCodeAt(i + 1)))) {
			tokens.push({ kind: punct, offset: i, end: i + 1, text: ch, value: ch });
			i++;
			continue;
		}
		if (c === 39) {
			i = readString(text, i, tokens, fail);
			continue;
		}
		if (isIdentifierStart(c)) {
			const typed = TYPED_LITERALS[ch];
			i =
				typed !== undefined && text.charCodeAt(i + 1) === 39
					? readTypedLiteral(text, i, typed, tokens, fail)
					: readWord(text, i, tokens);
			continue;
		}
		if (isDigit(c) || c === 43 || c === 45 || c === 46) {
			i = readNumber(text, i, tokens, fail);
			continue;
		}
		const op = readOperator(text, i);
		if (op !== null) {
			tokens.push({
				kind: "operator",
				offset: i,
				end: i + op.length,
				text: text.slice(i, i + op.length),
				value: op.canonical,
			});
			i += op.length;
			continue;
		}
		fail(i, `unexpected character ${describeChar(String.fromCodePoint(text.codePointAt(i) ?? c))}`);
	}
	tokens.push({ kind: "eof", offset: n, end: n, text: "", value: "" });
	return tokens;
}

/** A typed constant (`h'…'`, `b'…'`, `t'…'`) opening at `start`: checked, pushed; returns the index after it. */
function readTypedLiteral(
	text: string,
	start: number,
	typed: TypedLiteral,
	tokens: Token[],
	fail: (o: number, m: string) => never,
): number {
	const close = text.indexOf("'", start + 2);
	if (close === -1)
		fail(
			text.length,
			`expected ' to close the ${typed.kind} constant opened at ${describePosition(text, start)}`,
		);
	const body = text.slice(start + 2, close);
	const problem = typed.check(body);
	if (problem) fail(start + 2 + problem.index, problem.message);
	const value =
		typed.kind === "hex" ? body.toLowerCase() : typed.kind === "binary" ? body.replace(/[\r\n]/g, "") : body;
	tokens.push({ kind: typed.kind, offset: start, end: close + 1, text: text.slice(start, close + 1), value });
	return close + 1;
}

/** An identifier, keyword or boolean starting at `start`: pushed; returns the index after it. */
function readWord(text: string, start: number, tokens: Token[]): number {
	let i = start + 1;
	while (i < text.length && isIdentifierPart(text.charCodeAt(i))) i++;
	const word = text.slice(start, i);
	if (word === "true" || word === "false") {
		tokens.push({ kind: "boolean", offset: start, end: i, text: word, value: word === "true" });
	} else {
		tokens.push({
			kind: KEYWORDS.has(word) ? "keyword" : "identifier",
			offset: start,
			end: i,
			text: word,
			value: word,
		});
	}
	return i;
}

function readString(
	text: string,
	open: number,
	tokens: Token[],
	fail: (o: number, m: string) => never,
): number {
	let value = "";
	let chunk = open + 1;
	// A plain scan: indexOf("\\") would look to the end of the text for every string, quadratic overall.
	for (let i = chunk; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 39) {
			value += text.slice(chunk, i);
			tokens.push({ kind: "string", offset: open, end: i + 1, text: text.slice(open, i + 1), value });
			return i + 1;
		}
		if (c === 92) {
			const next = text[i + 1];
			if (next !== "'" && next !== "\\") {
				fail(
					i,
					`invalid escape '\\${next ?? ""}' in a string: only \\' and \\\\ are allowed (write \\\\ for a backslash)`,
				);
			}
			value += text.slice(chunk, i) + next;
			i++;
			chunk = i + 1;
		}
	}
	return fail(
		text.length,
		`expected ' to close the string opened at ${describePosition(text, open)} (write an apostrophe inside a string as \\')`,
	);
}

function readNumber(
	text: string,
	start: number,
	tokens: Token[],
	fail: (o: number, m: string) => never,
): number {
	let i = start;
	const sign = text[i] === "+" || text[i] === "-" ? text[i] : "";
	if (sign) i++;
	const intStart = i;
	while (isDigit(text.charCodeAt(i))) i++;
	const intDigits = text.slice(intStart, i);
	if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
		i++;
		while (isDigit(text.charCodeAt(i))) i++;
		const raw = text.slice(start, i);
		tokens.push({ kind: "float", offset: start, end: i, text: raw, value: Number(raw) });
		return i;
	}
	if (intDigits === "") fail(start, `unexpected character ${describeChar(text[start])}`);
	if (intDigits.length > 1 && intDigits.startsWith("0")) {
		fail(intStart, `integer '${intDigits}' has a leading zero; write it without one`);
	}
	const raw = text.slice(start, i);
	tokens.push({ kind: "integer", offset: start, end: i, text: raw, value: Number(raw) });
	return i;
}

function readOperator(text: string, i: number): { length: number; canonical: string } | null {
	const two = text.slice(i, i + 2);
	if (two === "==") return { length: 2, canonical: "=" };
	if (two === "<>" || two === "!=") return { length: 2, canonical: "!=" };
	if (two === "<=" || two === ">=") return { length: 2, canonical: two };
	const one = text[i];
	if (one === "=" || one === "<" || one === ">") return { length: 1, canonical: one };
	return null;
}
