// Parses untrusted JSON: a byte scan for limits, native JSON.parse, then a cheap count to catch duplicate and forbidden keys.
import { AppError } from "../errors/index.ts";
import { firstInvalidUtf8, inspectJson } from "./diagnose.ts";
import { DEFAULT_LIMITS, type JsonLimits } from "./limits.ts";
import { findLoneSurrogate } from "./surrogates.ts";
import { type ScanProblem, ValueScanner } from "./value-scanner.ts";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Where a value sits: the absolute byte offset of its first byte and its path in the document. */
export interface JsonOrigin {
	readonly offset: number;
	readonly path: string;
}

const DOCUMENT: JsonOrigin = { offset: 0, path: "$" };

/**
 * Parses untrusted JSON text under `limits`. A leading UTF-8 byte order mark is skipped. Depth and
 * string sizes are checked by a byte scan before JSON.parse runs, so nothing recurses over hostile input.
 * @throws AppError E_JSON_TOO_LARGE, E_JSON_UTF8, E_JSON_DEPTH, E_JSON_STRING_TOO_LARGE, E_JSON_SYNTAX,
 * E_JSON_DUPLICATE_KEY or E_JSON_FORBIDDEN_KEY, each naming the byte offset and, where known, the path.
 * @example parseJson(new TextEncoder().encode('{"type":"bundle"}')) // → { type: "bundle" }
 */
export function parseJson(input: Uint8Array | string, limits: JsonLimits = DEFAULT_LIMITS): unknown {
	let bytes: Uint8Array;
	let text: string | undefined;
	if (typeof input === "string") {
		const size = Buffer.byteLength(input, "utf8");
		if (size > limits.maxBytes) throw tooLarge(size, limits.maxBytes);
		text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
		if (!text.isWellFormed()) throw loneSurrogate(text);
		bytes = encoder.encode(text);
	} else {
		if (input.length > limits.maxBytes) throw tooLarge(input.length, limits.maxBytes);
		bytes = input;
	}
	let origin = DOCUMENT;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		bytes = bytes.subarray(3);
		origin = { offset: 3, path: "$" };
	}
	const scanner = new ValueScanner(limits);
	scanner.scan(bytes, 0, origin.offset, false);
	if (scanner.problem !== undefined) throw problemError(scanner.problem, bytes, origin);
	if (scanner.inString || scanner.depth > 0) {
		const where = scanner.inString
			? "inside a string"
			: `with ${scanner.depth} unclosed object(s) or array(s)`;
		throw new AppError(
			"E_JSON_SYNTAX",
			`truncated JSON: input ends ${where} at byte ${origin.offset + bytes.length}`,
			{
				details: { offset: origin.offset + bytes.length },
			},
		);
	}
	return parseScanned(bytes, text, scanner, origin);
}

/**
 * The second half of parsing, for bytes a ValueScanner has already checked: decodes, parses, and
 * compares the member count of the result with the scan's (fewer means a duplicate key); looks for
 * lone surrogates only when the scan saw a `\uD…` escape. `scan` undefined: a scalar (no strings, no members).
 * Used by parseJson and by the bundle stream for each element.
 */
export function parseScanned(
	bytes: Uint8Array,
	text: string | undefined,
	scan: Pick<ValueScanner, "members" | "surrogateEscape"> | undefined,
	origin: JsonOrigin,
): unknown {
	const members = scan?.members ?? 0;
	let source = text;
	if (source === undefined) {
		try {
			source = decoder.decode(bytes);
		} catch (cause) {
			const at = origin.offset + Math.max(0, firstInvalidUtf8(bytes));
			throw new AppError("E_JSON_UTF8", `invalid UTF-8 at byte ${at}`, { cause, details: { offset: at } });
		}
	}
	let value: unknown;
	try {
		value = JSON.parse(source);
	} catch (cause) {
		throw describeFailure(source, origin, cause);
	}
	if (countMembers(value) !== members) throw describeFailure(source, origin, undefined);
	if (scan?.surrogateEscape === true) {
		const where = findLoneSurrogate(value);
		if (where !== undefined) {
			const path = joinPath(origin.path, where);
			throw new AppError("E_JSON_UTF8", `lone UTF-16 surrogate escape in a string at ${path}`, {
				details: { path },
			});
		}
	}
	return value;
}

/**
 * Counts the members of every object in a parsed value, without recursion; returns -1 as soon as an
 * object has an own `__proto__` key or a `constructor` object with a `prototype` key.
 */
function countMembers(root: unknown): number {
	if (typeof root !== "object" || root === null) return 0;
	let count = 0;
	const pending: object[] = [root];
	while (pending.length > 0) {
		const value = pending.pop() as Record<string, unknown>;
		if (Array.isArray(value)) {
			for (let i = 0; i < value.length; i++) {
				const item: unknown = value[i];
				if (typeof item === "object" && item !== null) pending.push(item);
			}
			continue;
		}
		if (Object.hasOwn(value, "__proto__")) return -1;
		const ctor: unknown = value.constructor;
		if (ctor !== Object && typeof ctor === "object" && ctor !== null && Object.hasOwn(ctor, "prototype"))
			return -1;
		// for…in rather than Object.values: no array per object (parsed objects inherit nothing enumerable)
		for (const key in value) {
			count++;
			const item = value[key];
			if (typeof item === "object" && item !== null) pending.push(item);
		}
	}
	return count;
}

/** Runs the slow pass to turn a failure of the fast path into an AppError with a path and offset. */
function describeFailure(text: string, origin: JsonOrigin, cause: unknown): AppError {
	const finding = inspectJson(text);
	const options = (index: number, extra: Record<string, unknown> = {}) => {
		const offset = origin.offset + byteIndex(text, index);
		return { offset, details: { offset, ...extra }, ...(cause === undefined ? {} : { cause }) };
	};
	switch (finding.kind) {
		case "duplicate": {
			const o = options(finding.index, { key: finding.key });
			const path = joinPath(origin.path, finding.path);
			return new AppError(
				"E_JSON_DUPLICATE_KEY",
				`duplicate key ${JSON.stringify(finding.key)} at ${path} (byte ${o.offset})`,
				{
					details: { ...o.details, path },
				},
			);
		}
		case "forbidden": {
			const o = options(finding.index, { key: finding.key });
			const path = joinPath(origin.path, finding.path);
			return new AppError(
				"E_JSON_FORBIDDEN_KEY",
				`forbidden key ${JSON.stringify(finding.key)} at ${path} (byte ${o.offset})`,
				{
					details: { ...o.details, path },
				},
			);
		}
		case "syntax": {
			const o = options(finding.index);
			const path = joinPath(origin.path, finding.path);
			return new AppError("E_JSON_SYNTAX", `invalid JSON: ${finding.reason} at ${path} (byte ${o.offset})`, {
				...(cause === undefined ? {} : { cause }),
				details: { ...o.details, path },
			});
		}
		default: {
			const reason = cause instanceof Error ? cause.message : "member count differs from the scan";
			return new AppError("E_JSON_SYNTAX", `invalid JSON at ${origin.path}: ${reason}`, {
				...(cause === undefined ? {} : { cause }),
				details: { offset: origin.offset },
			});
		}
	}
}

/** Builds the error for a limit broken during the byte scan, placing it with the slow pass. */
export function problemError(
	problem: ScanProblem,
	bytes: Uint8Array | undefined,
	origin: JsonOrigin,
): AppError {
	let path = origin.path;
	const local = problem.offset - origin.offset;
	if (bytes !== undefined && local >= 0 && local <= bytes.length) {
		try {
			const prefix = decoder.decode(bytes.subarray(0, local));
			const finding = inspectJson(`${prefix} `, prefix.length);
			if (finding.kind === "stopped") path = joinPath(origin.path, finding.path);
		} catch {
			// invalid UTF-8 before the problem: the limit error still stands, without an inner path
		}
	}
	const details = { offset: problem.offset, path, limit: problem.limit };
	if (problem.code === "E_JSON_DEPTH") {
		return new AppError(
			"E_JSON_DEPTH",
			`JSON nested deeper than the limit of ${problem.limit} levels at ${path} (byte ${problem.offset})`,
			{ details },
		);
	}
	return new AppError(
		"E_JSON_STRING_TOO_LARGE",
		`JSON string larger than the limit of ${problem.limit} bytes (maxStringBytes) at ${path} (byte ${problem.offset})`,
		{ details },
	);
}

function tooLarge(size: number, limit: number): AppError {
	return new AppError(
		"E_JSON_TOO_LARGE",
		`JSON document of ${size} bytes exceeds the limit of ${limit} bytes (maxBytes)`,
		{
			details: { size, limit },
		},
	);
}

function loneSurrogate(text: string): AppError {
	let index = 0;
	for (; index < text.length; index++) {
		const c = text.charCodeAt(index);
		if (c >= 0xdc00 && c <= 0xdfff) break;
		if (c >= 0xd800 && c <= 0xdbff) {
			const next = text.charCodeAt(index + 1);
			if (!(next >= 0xdc00 && next <= 0xdfff)) break;
			index++;
		}
	}
	return new AppError("E_JSON_UTF8", `text holds a lone UTF-16 surrogate at character ${index}`, {
		details: { index },
	});
}

function byteIndex(text: string, index: number): number {
	return Buffer.byteLength(text.slice(0, index), "utf8");
}

function joinPath(prefix: string, path: string): string {
	return prefix === "$" ? path : prefix + path.slice(1);
}
