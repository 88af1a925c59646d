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

/**
 * Tokenizes JSON text without recursion and reports the first syntax error, duplicate key or
 * forbidden key (`__proto__`, `prototype` under `constructor`), each with a path. With `stopAt`,
 * stops there and returns the path of the value being read (used to place depth and size errors).
 */
export function inspectJson(text: string, stopAt: number = text.length): Finding {
	const limit = Math.min(stopAt, text.length);
	const stack: Frame[] = [];
	type Expect = "value" | "value-or-end" | "key" | "key-or-end" | "colon" | "comma-or-end" | "done";
	let expect: Expect = "value";
	let i = 0;
	const syntax = (reason: string): Finding => ({ kind: "syntax", index: i, path: pathOf(stack), reason });
	const afterValue = (): Expect => (stack.length === 0 ? "done" : "comma-or-end");
	for (;;) {
		while (i < limit && isSpace(text.charCodeAt(i))) i++;
		if (i >= limit) {
			if (limit < text.length) return { kind: "stopped", path: pathOf(stack) };
			return expect === "done" ? { kind: "ok" } : syntax("unexpected end of input (truncated?)");
		}
		const c = text.charCodeAt(i);
		const top = stack[stack.length - 1];
		if (expect === "done") return syntax("unexpected data after the end of the JSON value");
		if (expect === "colon") {
			if (c !== 0x3a) return syntax("expected ':' after a property name");
			expect = "value";
			i++;
			continue;
		}
		if (expect === "comma-or-end") {
			const frame = top as Frame;
			if (c === 0x2c) {
				if (!frame.isObject) frame.index++;
				else frame.key = undefined;
				expect = frame.isObject ? "key" : "value";
				i++;
			} else if (c === (frame.isObject ? 0x7d : 0x5d)) {
				stack.pop();
				i++;
				expect = afterValue();
			} else {
				return syntax(`expected ',' or '${frame.isObject ? "}" : "]"}'`);
			}
			continue;
		}
		if (expect === "key" || expect === "key-or-end") {
			if (c === 0x7d && expect === "key-or-end") {
				stack.pop();
				i++;
				expect = afterValue();
				continue;
			}
			if (c === 0x7d) return syntax("trailing comma before '}'");
			if (c !== 0x22) return syntax("expected a double-quoted property name");
			const end = stringEnd(text, i, limit);
			if (end < 0) return syntax("unterminated or invalid property name");
			let key: string;
			try {
				key = JSON.parse(text.slice(i, end)) as string;
			} catch {
				return syntax("invalid escape in a property name");
			}
			const frame = top as Frame;
			frame.key = key;
			const parent = stack[stack.length - 2];
			const forbidden =
				key === "__proto__" ||
				(key === "prototype" && parent?.isObject === true && parent.key === "constructor");
			if (forbidden) return { kind: "forbidden", index: i, path: pathOf(stack), key };
			if (frame.keys?.has(key)) return { kind: "duplicate", index: i, path: pathOf(stack), key };
			frame.keys?.add(key);
			i = end;
			expect = "colon";
			continue;
		}
		// expect is "value" or "value-or-end"
		if (c === 0x5d && expect === "value-or-end") {
			stack.pop();
			i++;
			expect = afterValue();
			continue;
		}
		if (c === 0x5d || c === 0x7d)
			return syntax(top?.isObject === false ? "trailing comma before ']'" : "expected a value");
		if (c === 0x7b) {
			stack.push({ isObject: true, keys: new Set(), key: undefined, index: 0 });
			expect = "key-or-end";
			i++;
		} else if (c === 0x5b) {
			stack.push({ isObject: false, keys: undefined, key: undefined, index: 0 });
			expect = "value-or-end";
			i++;
		} else if (c === 0x22) {
			const end = stringEnd(text, i, limit);
			if (end < 0) return syntax("unterminated string or raw control character in a string");
			i = end;
			expect = afterValue();
		} else if (text.startsWith("true", i) || text.startsWith("null", i)) {
			i += 4;
			expect = afterValue();
		} else if (text.startsWith("false", i)) {
			i += 5;
			expect = afterValue();
		} else {
			NUMBER.lastIndex = i;
			if (!NUMBER.test(text))
				return syntax(
					`unexpected ${JSON.stringify(text.slice(i, i + 8))} (NaN, Infinity, quotes and comments are not JSON)`,
				);
			i = NUMBER.lastIndex;
			expect = afterValue();
		}
	}
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
