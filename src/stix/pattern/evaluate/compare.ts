// One comparison of one value with a constant (§9.6.1, §9.6.2): =, !=, ordering, IN, LIKE, MATCHES, ISSUBSET,
// ISSUPERSET, with the type rules: numbers with numbers, strings by code point, t'' with timestamp strings,
// b'' and h'' with binary (`_hex`, `_bin`) properties or with strings whose characters are all below U+0100.

import type { Comparison, PrimitiveConstant } from "../ast.ts";
import { checkTimestamp, compareTimestamps } from "../literals.ts";
import type { Budget } from "./budget.ts";
import { type Block, contains, parseBlock } from "./cidr.ts";
import { like } from "./like.ts";
import { type CompiledRegex, runRegex } from "./regex/pike-vm.ts";
import type { PathValue } from "./values.ts";

/** A comparison's constant, prepared once: a MATCHES regex compiled, an ISSUBSET/ISSUPERSET block parsed. */
export interface Prepared {
	regex?: CompiledRegex;
	block?: Block;
	/** A LIKE's longest run without wildcards: a value without it cannot match, whatever the rest. */
	likeLiteral?: string;
}

/** What a comparison needs besides the value: its prepared constant, and the budget. */
export interface CompareContext {
	prepared: Prepared | undefined;
	budget: Budget;
}

/** -1, 0 or 1; undefined when the two cannot be ordered (different types, or not orderable). */
type Order = -1 | 0 | 1 | undefined;

/**
 * Whether one value satisfies the comparison, NOT included. A value of another type than the constant is
 * unequal: `=` is false and `!=` true; ordering and the string operators are false (NOT makes them true).
 */
export function compareValue(comparison: Comparison, item: PathValue, context: CompareContext): boolean {
	return holds(comparison, item, context) !== comparison.negated;
}

function holds(comparison: Comparison, item: PathValue, context: CompareContext): boolean {
	const constant = comparison.value;
	if (constant === null) return true; // EXISTS: the value is there
	switch (comparison.operator) {
		case "=":
			return order(item, constant as PrimitiveConstant) === 0;
		case "!=":
			return order(item, constant as PrimitiveConstant) !== 0;
		case "<":
			return order(item, constant as PrimitiveConstant) === -1;
		case "<=": {
			const o = order(item, constant as PrimitiveConstant);
			return o === -1 || o === 0;
		}
		case ">":
			return order(item, constant as PrimitiveConstant) === 1;
		case ">=": {
			const o = order(item, constant as PrimitiveConstant);
			return o === 1 || o === 0;
		}
		case "IN":
			return constant.type === "set" && constant.values.some((v) => order(item, v) === 0);
		case "LIKE": {
			const text = textOf(item);
			if (text === undefined || constant.type !== "string") return false;
			const literal = context.prepared?.likeLiteral;
			if (literal !== undefined && !text.includes(literal)) return false;
			return like(text, constant.value, context.budget);
		}
		case "MATCHES": {
			const text = textOf(item);
			return (
				text !== undefined &&
				context.prepared?.regex !== undefined &&
				runRegex(context.prepared.regex, text, context.budget)
			);
		}
		case "ISSUBSET":
		case "ISSUPERSET":
			return containment(comparison.operator, item.value, context.prepared?.block);
		case "EXISTS":
			return true;
	}
}

/** The text LIKE and MATCHES see: a string, or binary data as one character per byte. */
function textOf(item: PathValue): string | undefined {
	if (typeof item.value !== "string") return undefined;
	if (item.encoding === undefined) return item.value;
	const bytes = bytesOf(item);
	if (bytes === undefined) return undefined;
	let text = "";
	for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
	return text;
}

function containment(operator: "ISSUBSET" | "ISSUPERSET", value: unknown, other: Block | undefined): boolean {
	if (typeof value !== "string" || other === undefined) return false;
	const block = parseBlock(value);
	if (block === undefined) return false;
	return operator === "ISSUBSET" ? contains(other, block) : contains(block, other);
}

function sign(n: number): -1 | 0 | 1 {
	return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** How a value orders against a constant, by the constant's type. */
function order(item: PathValue, constant: PrimitiveConstant): Order {
	const value = item.value;
	switch (constant.type) {
		case "integer":
		case "float":
			return typeof value === "number" ? sign(value - constant.value) : undefined;
		case "boolean":
			return typeof value === "boolean" ? (value === constant.value ? 0 : undefined) : undefined;
		case "string":
			return typeof value === "string" && item.encoding === undefined
				? compareCodePoints(value, constant.value)
				: undefined;
		case "timestamp":
			return typeof value === "string" && checkTimestamp(value) === null
				? (compareTimestamps(value, constant.value) as -1 | 0 | 1)
				: undefined;
		case "binary":
		case "hex": {
			const bytes = bytesOf(item);
			const wanted = constant.type === "hex" ? hexBytes(constant.value) : base64Bytes(constant.value);
			return bytes === undefined || wanted === undefined ? undefined : compareBytes(bytes, wanted);
		}
	}
}

/** Compares by Unicode code point, not UTF-16 unit (they differ above U+FFFF). */
export function compareCodePoints(a: string, b: string): -1 | 0 | 1 {
	if (a === b) return 0;
	const x = a[Symbol.iterator]();
	const y = b[Symbol.iterator]();
	for (;;) {
		const p = x.next();
		const q = y.next();
		if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
		const c = p.value.codePointAt(0) as number;
		const d = q.value.codePointAt(0) as number;
		if (c !== d) return c < d ? -1 : 1;
	}
}

function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
	return sign(a.length - b.length);
}

/** The bytes of a binary property, or of a string whose code points are all below 256 (§9.6.2). */
function bytesOf(item: PathValue): Uint8Array | undefined {
	const value = item.value;
	if (typeof value !== "string") return undefined;
	if (item.encoding === "hex") return hexBytes(value);
	if (item.encoding === "base64") return base64Bytes(value);
	const bytes = new Uint8Array(value.length);
	for (let i = 0; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c > 0xff) return undefined;
		bytes[i] = c;
	}
	return bytes;
}

function hexBytes(hex: string): Uint8Array | undefined {
	if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
	const bytes = new Uint8Array(hex.length / 2);
	for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return bytes;
}

function base64Bytes(text: string): Uint8Array | undefined {
	try {
		const binary = atob(text.replace(/[\r\n]/g, ""));
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	} catch {
		return undefined;
	}
}
