// The slow path, run only after the fast path found a problem: names the problem, its path and its offset.

/** What the slow pass found; offsets are UTF-16 indexes into the text it was given. */
export type Finding =
	| { readonly kind: "ok" }
	| { readonly kind: "stopped"; readonly path: string }
	| { readonly kind: "syntax"; readonly index: number; readonly path: string; readonly reason: string }
	| {
			readonly kind: "duplicate" | "forbidden";
			readonly index: number;
			readonly path: string;
			readonly key: string;
	  };

interface Frame {
	readonly isObject: boolean;
	readonly keys: Set<string> | undefined;
	key: string | undefined;
	index: number;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_PATH_SEGMENTS = 12;

/** A JSONPath-like rendering of the frames, e.g. `$.objects[3].name`, shortened when very deep. */
function pathOf(stack: readonly Frame[]): string {
	let path = "$";
	const count = stack.length;
	const shown = Math.min(count, MAX_PATH_SEGMENTS);
	for (let k = 0; k < shown; k++) {
		const frame = stack[k] as Frame;
		if (frame.isObject) {
			if (frame.key === undefined) continue;
			path += IDENTIFIER.test(frame.key) ? `.${frame.key}` : `[${JSON.stringify(frame.key)}]`;
		} else {
			path += `[${frame.index}]`;
		}
	}
	return count > shown ? `${path}…(${count} levels)` : path;
}

/** Index just past the string starting at `start`, or -1 when unterminated or holding a raw control character. */
function stringEnd(text: string, start: number, limit: number): number {
	for (let i = start + 1; i < limit; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x5c) i++;
		else if (c === 0x22) return i + 1;
		else if (c < 0x20) return -1;
	}
	return -1;
}

function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

type Expect = "value" | "value-or-end" | "key" | "key-or-end" | "colon" | "comma-or-end" | "done";

/** Where the slow pass is: the offset, the open containers and what may come next. */
interface Cursor {
	readonly text: string;
	readonly limit: number;
	i: number;
	readonly stack: Frame[];
	expect: Expect;
}

/**
 * Tokenizes JSON text without recursion and reports the first syntax error, duplicate key or
 * forbidden key (`__proto__`, `prototype` under `constructor`), each with a path. With `stopAt`,
 * stops there and returns the path of the value being read (used to place depth and size errors).
 */
export function inspectJson(text: string, stopAt: number = text.length): Finding {
	const at: Cursor = { text, limit: Math.min(stopAt, text.length), i: 0, stack: [], expect: "value" };
	for (;;) {
		while (at.i < at.limit && isSpace(text.charCodeAt(at.i))) at.i++;
		if (at.i >= at.limit) return endOfInput(at);
		const finding = STEP[at.expect](at, text.charCodeAt(at.i));
		if (finding !== undefined) return finding;
	}
}

/** One token read in the state `at.expect`, `c` its first character: a finding ends the pass. */
const STEP: Readonly<Record<Expect, (at: Cursor, c: number) => Finding | undefined>> = {
	done: (at) => syntax(at, "unexpected data after the end of the JSON value"),
	colon: readColon,
	"comma-or-end": readCommaOrEnd,
	key: readKey,
	"key-or-end": readKey,
	value: readValue,
	"value-or-end": readValue,
};

function syntax(at: Cursor, reason: string): Finding {
	return { kind: "syntax", index: at.i, path: pathOf(at.stack), reason };
}

function afterValue(at: Cursor): Expect {
	return at.stack.length === 0 ? "done" : "comma-or-end";
}

/** The end of the text, or of the part asked about (`stopAt`). */
function endOfInput(at: Cursor): Finding {
	if (at.limit < at.text.length) return { kind: "stopped", path: pathOf(at.stack) };
	return at.expect === "done" ? { kind: "ok" } : syntax(at, "unexpected end of input (truncated?)");
}

function readColon(at: Cursor, c: number): Finding | undefined {
	if (c !== 0x3a) return syntax(at, "expected ':' after a property name");
	at.expect = "value";
	at.i++;
	return undefined;
}

/** After a value inside a container: the next member, or the container's end. */
function readCommaOrEnd(at: Cursor, c: number): Finding | undefined {
	const frame = at.stack[at.stack.length - 1] as Frame;
	if (c === 0x2c) {
		if (!frame.isObject) frame.index++;
		else frame.key = undefined;
		at.expect = frame.isObject ? "key" : "value";
		at.i++;
	} else if (c === (frame.isObject ? 0x7d : 0x5d)) {
		closeContainer(at);
	} else {
		return syntax(at, `expected ',' or '${frame.isObject ? "}" : "]"}'`);
	}
	return undefined;
}

function closeContainer(at: Cursor): void {
	at.stack.pop();
	at.i++;
	at.expect = afterValue(at);
}

/** A property name (or, first in an object, its end): duplicate and forbidden keys are findings. */
function readKey(at: Cursor, c: number): Finding | undefined {
	if (c === 0x7d && at.expect === "key-or-end") {
		closeContainer(at);
		return undefined;
	}
	if (c === 0x7d) return syntax(at, "trailing comma before '}'");
	if (c !== 0x22) return syntax(at, "expected a double-quoted property name");
	const end = stringEnd(at.text, at.i, at.limit);
	if (end < 0) return syntax(at, "unterminated or invalid property name");
	let key: string;
	try {
		key = JSON.parse(at.text.slice(at.i, end)) as string;
	} catch {
		return syntax(at, "invalid escape in a property name");
	}
	const { stack } = at;
	const frame = stack[stack.length - 1] as Frame;
	frame.key = key;
	const parent = stack[stack.length - 2];
	const forbidden =
		key === "__proto__" || (key === "prototype" && parent?.isObject === true && parent.key === "constructor");
	if (forbidden) return { kind: "forbidden", index: at.i, path: pathOf(stack), key };
	if (frame.keys?.has(key)) return { kind: "duplicate", index: at.i, path: pathOf(stack), key };
	frame.keys?.add(key);
	at.i = end;
	at.expect = "colon";
	return undefined;
}

/** A value (or, first in an array, its end): a container opens, a scalar is skipped over. */
function readValue(at: Cursor, c: number): Finding | undefined {
	const { text, stack } = at;
	if (c === 0x5d && at.expect === "value-or-end") {
		closeContainer(at);
		return undefined;
	}
	if (c === 0x5d || c === 0x7d)
		return syntax(
			at,
			stack[stack.length - 1]?.isObject === false ? "trailing comma before ']'" : "expected a value",
		);
	if (c === 0x7b || c === 0x5b) {
		const isObject = c === 0x7b;
		stack.push({ isObject, keys: isObject ? new Set() : undefined, key: undefined, index: 0 });
		at.expect = isObject ? "key-or-end" : "value-or-end";
		at.i++;
		return undefined;
	}
	const end = scalarEnd(text, at.i, at.limit, c);
	if (typeof end === "string") return syntax(at, end);
	at.i = end;
	at.expect = afterValue(at);
	return undefined;
}

/** Index just past the string, literal or number starting at `i`, or the reason it is not one. */
function scalarEnd(text: string, i: number, limit: number, c: number): number | string {
	if (c === 0x22) {
		const end = stringEnd(text, i, limit);
		return end < 0 ? "unterminated string or raw control character in a string" : end;
	}
	if (text.startsWith("true", i) || text.startsWith("null", i)) return i + 4;
	if (text.startsWith("false", i)) return i + 5;
	NUMBER.lastIndex = i;
	if (!NUMBER.test(text))
		return `unexpected ${JSON.stringify(text.slice(i, i + 8))} (NaN, Infinity, quotes and comments are not JSON)`;
	return NUMBER.lastIndex;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	const n = bytes.length;
	let i = 0;
	while (i < n) {
		const c = bytes[i] as number;
		if (c < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let min: number;
		if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
		else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
		else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
		else return i;
		if (i + need >= n) return i;
		let cp = c & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const b = bytes[i + k] as number;
			if ((b & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (b & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
		i += need + 1;
	}
	return -1;
}
