// Splits a bundle, envelope, bare object or array that arrives in chunks into its elements, one at a time.
import { AppError } from "../errors/index.ts";
import type { JsonLimits } from "./limits.ts";
import { type JsonOrigin, parseScanned, problemError } from "./parse-json.ts";
import { ValueScanner } from "./value-scanner.ts";

/** What the scanner reports, in input order. */
export type ScanEvent =
	| { readonly kind: "element"; readonly index: number; readonly value: unknown }
	| { readonly kind: "element-error"; readonly index: number; readonly error: AppError }
	| { readonly kind: "member"; readonly key: string; readonly value: unknown }
	| { readonly kind: "fatal"; readonly error: AppError }
	| { readonly kind: "end"; readonly form: "object" | "array"; readonly streamed: boolean };

type State =
	| "start"
	| "bom1"
	| "bom2"
	| "key-or-end"
	| "key"
	| "colon"
	| "value"
	| "after-member"
	| "element-or-end"
	| "element"
	| "after-element"
	| "done"
	| "finished";

type Target = "key" | "member" | "element";

interface Capture {
	readonly target: Target;
	readonly scanner: ValueScanner | undefined;
	readonly origin: JsonOrigin;
	readonly limit: number;
	parts: Uint8Array[];
	size: number;
	problem: AppError | undefined;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const EMPTY = new Uint8Array(0);

/**
 * A pull parser over the top level of a JSON document: call `push(chunk)`, then `pull()` until it
 * returns undefined, and `finish()` at end of input. Elements of the top-level array, or of the
 * `objects` array of a top-level object, are cut out byte for byte and parsed one at a time, so
 * memory is bounded by the largest element (capped at `maxObjectBytes`), not by the document.
 * An element's own failure is an `element-error` and scanning goes on; a failure of the top-level
 * structure is `fatal` and the last event.
 */
export class BundleScanner {
	readonly #limits: JsonLimits;
	readonly #memberScanner: ValueScanner;
	readonly #elementScanner: ValueScanner;
	#state: State = "start";
	#form: "object" | "array" = "object";
	#chunk: Uint8Array = EMPTY;
	#chunkBase = 0;
	#pos = 0;
	#eof = false;
	#capture: Capture | undefined;
	#key = "";
	#keys = new Set<string>();
	#topType: unknown;
	#streamed = false;
	#index = 0;
	#headerBytes = 0;

	constructor(limits: JsonLimits) {
		this.#limits = limits;
		this.#memberScanner = new ValueScanner(limits, 1);
		this.#elementScanner = new ValueScanner(limits, 2);
	}

	/** Hands over the next chunk; the previous one must have been drained with `pull()`. */
	push(chunk: Uint8Array): void {
		this.#chunkBase += this.#chunk.length;
		this.#chunk = chunk;
		this.#pos = 0;
	}

	/** Marks the end of input; the following `pull()` calls report the end or a truncation. */
	finish(): void {
		this.#eof = true;
	}

	/** The next event, or undefined when the current chunk is used up (or everything is done). */
	pull(): ScanEvent | undefined {
		for (;;) {
			if (this.#state === "finished") return undefined;
			const chunk = this.#chunk;
			if (this.#pos >= chunk.length) {
				if (!this.#eof) return undefined;
				return this.#endOfInput();
			}
			const event =
				this.#capture === undefined ? this.#structure(chunk) : this.#continue(chunk, this.#capture);
			if (event !== undefined) return event;
		}
	}

	#structure(chunk: Uint8Array): ScanEvent | undefined {
		const n = chunk.length;
		let i = this.#pos;
		while (i < n && isSpace(chunk[i] as number) && this.#state !== "bom1" && this.#state !== "bom2") i++;
		this.#pos = i;
		if (i >= n) return undefined;
		const c = chunk[i] as number;
		const offset = this.#chunkBase + i;
		this.#pos = i + 1;
		switch (this.#state) {
			case "start":
				if (c === 0xef && offset === 0) this.#state = "bom1";
				else if (c === 0x7b) this.#state = "key-or-end";
				else if (c === 0x5b) {
					this.#form = "array";
					this.#streamed = true;
					this.#state = "element-or-end";
				} else
					return this.#fatal(
						"E_BUNDLE_SHAPE",
						`expected a JSON object or array at the top level, found ${show(c)}`,
						offset,
					);
				return undefined;
			case "bom1":
			case "bom2":
				if (c !== (this.#state === "bom1" ? 0xbb : 0xbf))
					return this.#fatal("E_JSON_UTF8", "invalid UTF-8 at the start", offset);
				this.#state = this.#state === "bom1" ? "bom2" : "start";
				return undefined;
			case "key-or-end":
			case "key":
				if (c === 0x22)
					return this.#begin("key", i, undefined, this.#limits.maxStringBytes, { offset, path: "$" });
				if (c === 0x7d && this.#state === "key-or-end") this.#state = "done";
				else
					return this.#fatal(
						"E_JSON_SYNTAX",
						c === 0x7d ? "trailing comma before '}'" : `expected a property name, found ${show(c)}`,
						offset,
					);
				return undefined;
			case "colon":
				if (c !== 0x3a)
					return this.#fatal("E_JSON_SYNTAX", `expected ':' after "${this.#key}", found ${show(c)}`, offset);
				this.#state = "value";
				return undefined;
			case "value":
				if (
					c === 0x5b &&
					this.#key === "objects" &&
					!this.#streamed &&
					(this.#topType === undefined || this.#topType === "bundle")
				) {
					this.#streamed = true;
					this.#state = "element-or-end";
					return undefined;
				}
				return this.#begin("member", i, this.#memberScanner, this.#limits.maxObjectBytes, {
					offset,
					path: pathOf(this.#key),
				});
			case "after-member":
				if (c === 0x2c) this.#state = "key";
				else if (c === 0x7d) this.#state = "done";
				else return this.#fatal("E_JSON_SYNTAX", `expected ',' or '}', found ${show(c)}`, offset);
				return undefined;
			case "element-or-end":
			case "element":
				if (c === 0x5d && this.#state === "element-or-end") return this.#closeArray();
				if (c === 0x5d) return this.#fatal("E_JSON_SYNTAX", "trailing comma before ']'", offset);
				if (this.#index >= this.#limits.maxObjects) {
					return this.#fatal(
						"E_BUNDLE_TOO_MANY_OBJECTS",
						`more than ${this.#limits.maxObjects} objects (maxObjects)`,
						offset,
					);
				}
				return this.#begin(
					"element",
					i,
					this.#form === "array" ? this.#memberScanner : this.#elementScanner,
					this.#limits.maxObjectBytes,
					{
						offset,
						path: this.#form === "array" ? `$[${this.#index}]` : `$.objects[${this.#index}]`,
					},
				);
			case "after-element":
				if (c === 0x2c) this.#state = "element";
				else if (c === 0x5d) return this.#closeArray();
				else
					return this.#fatal(
						"E_JSON_SYNTAX",
						`expected ',' or ']' between objects, found ${show(c)}`,
						offset,
					);
				return undefined;
			default:
				return this.#fatal(
					"E_JSON_SYNTAX",
					`unexpected data after the end of the JSON value: ${show(c)}`,
					offset,
				);
		}
	}

	#closeArray(): undefined {
		this.#state = this.#form === "array" ? "done" : "after-member";
		return undefined;
	}

	#begin(
		target: Target,
		start: number,
		scanner: ValueScanner | undefined,
		limit: number,
		origin: JsonOrigin,
	): ScanEvent | undefined {
		const c = this.#chunk[start] as number;
		// keys are strings: the member scanner reads them too; scalars (numbers, literals) need no scanner
		const scalar = target !== "key" && c !== 0x7b && c !== 0x5b && c !== 0x22;
		const used = scalar ? undefined : (scanner ?? this.#memberScanner);
		used?.reset();
		this.#pos = start;
		const capture: Capture = { target, scanner: used, origin, limit, parts: [], size: 0, problem: undefined };
		this.#capture = capture;
		return this.#continue(this.#chunk, capture);
	}

	#continue(chunk: Uint8Array, capture: Capture): ScanEvent | undefined {
		const from = this.#pos;
		const end =
			capture.scanner === undefined
				? scalarEnd(chunk, from)
				: capture.scanner.scan(chunk, from, this.#chunkBase, true);
		this.#keep(capture, chunk.subarray(from, end < 0 ? chunk.length : end), end < 0);
		if (end < 0) {
			this.#pos = chunk.length;
			return undefined;
		}
		this.#pos = end;
		this.#capture = undefined;
		return this.#complete(capture);
	}

	/** Keeps a part of the value being captured, or drops everything once the value is known to fail. */
	#keep(capture: Capture, part: Uint8Array, spansChunks: boolean): void {
		capture.size += part.length;
		const problem = capture.scanner?.problem;
		if (capture.problem === undefined && problem !== undefined) {
			capture.problem = problemError(problem, concat([...capture.parts, part]), capture.origin);
		}
		if (capture.problem === undefined && capture.size > capture.limit) {
			const name = capture.target === "key" ? "maxStringBytes" : "maxObjectBytes";
			capture.problem = new AppError(
				"E_JSON_TOO_LARGE",
				`${capture.origin.path} is larger than the limit of ${capture.limit} bytes (${name}) (byte ${capture.origin.offset})`,
				{ details: { offset: capture.origin.offset, path: capture.origin.path, limit: capture.limit } },
			);
		}
		if (capture.problem !== undefined) {
			capture.parts = [];
			return;
		}
		// a part that spans chunks is copied: a source may refill the same buffer for its next chunk
		capture.parts.push(spansChunks ? part.slice() : part);
	}

	#complete(capture: Capture): ScanEvent | undefined {
		const { target, origin } = capture;
		let value: unknown;
		let error = capture.problem;
		if (error === undefined) {
			const bytes = concat(capture.parts);
			try {
				value = parseScanned(bytes, undefined, capture.scanner, origin);
			} catch (cause) {
				if (!(cause instanceof AppError)) throw cause;
				error = cause;
			}
		}
		if (target === "element") {
			const index = this.#index++;
			this.#state = "after-element";
			return error === undefined
				? { kind: "element", index, value }
				: { kind: "element-error", index, error };
		}
		if (error !== undefined) return this.#finishWith({ kind: "fatal", error });
		if (target === "key") return this.#acceptKey(value as string, origin.offset);
		this.#headerBytes += capture.size;
		if (this.#headerBytes > this.#limits.maxObjectBytes) {
			return this.#fatal(
				"E_JSON_TOO_LARGE",
				`top-level properties exceed ${this.#limits.maxObjectBytes} bytes (maxObjectBytes)`,
				origin.offset,
			);
		}
		if (
			this.#key === "constructor" &&
			typeof value === "object" &&
			value !== null &&
			Object.hasOwn(value, "prototype")
		) {
			return this.#fatal(
				"E_JSON_FORBIDDEN_KEY",
				'forbidden key "prototype" at $.constructor.prototype',
				origin.offset,
			);
		}
		if (this.#key === "type") this.#topType = value;
		this.#state = "after-member";
		return { kind: "member", key: this.#key, value };
	}

	#acceptKey(key: string, offset: number): ScanEvent | undefined {
		if (key === "__proto__")
			return this.#fatal("E_JSON_FORBIDDEN_KEY", `forbidden key "__proto__" at $ (byte ${offset})`, offset);
		if (this.#keys.has(key) || (key === "objects" && this.#streamed)) {
			return this.#fatal(
				"E_JSON_DUPLICATE_KEY",
				`duplicate key ${JSON.stringify(key)} at ${pathOf(key)} (byte ${offset})`,
				offset,
			);
		}
		this.#keys.add(key);
		this.#key = key;
		this.#state = "colon";
		return undefined;
	}

	#endOfInput(): ScanEvent {
		if (this.#state === "done")
			return this.#finishWith({ kind: "end", form: this.#form, streamed: this.#streamed });
		const offset = this.#chunkBase + this.#chunk.length;
		const inside = this.#capture === undefined ? "" : ` inside ${this.#capture.origin.path}`;
		return this.#fatal("E_JSON_SYNTAX", `truncated JSON: input ends${inside} at byte ${offset}`, offset);
	}

	#fatal(
		code:
			| "E_JSON_SYNTAX"
			| "E_JSON_UTF8"
			| "E_BUNDLE_SHAPE"
			| "E_BUNDLE_TOO_MANY_OBJECTS"
			| "E_JSON_DUPLICATE_KEY"
			| "E_JSON_FORBIDDEN_KEY"
			| "E_JSON_TOO_LARGE",
		message: string,
		offset: number,
	): ScanEvent {
		const text =
			message.includes("(byte ") || message.includes("at byte ") ? message : `${message} (byte ${offset})`;
		return this.#finishWith({ kind: "fatal", error: new AppError(code, text, { details: { offset } }) });
	}

	#finishWith(event: ScanEvent): ScanEvent {
		this.#state = "finished";
		this.#capture = undefined;
		return event;
	}
}

/** Index of the byte ending a number or literal, or -1 when it runs to the end of the chunk. */
function scalarEnd(bytes: Uint8Array, from: number): number {
	for (let i = from; i < bytes.length; i++) {
		const c = bytes[i] as number;
		if (c === 0x2c || c === 0x5d || c === 0x7d || isSpace(c)) return i;
	}
	return -1;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	if (parts.length === 1) return parts[0] as Uint8Array;
	let size = 0;
	for (const part of parts) size += part.length;
	const out = new Uint8Array(size);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

function pathOf(key: string): string {
	return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `$.${key}` : `$[${JSON.stringify(key)}]`;
}

function show(byte: number): string {
	return byte >= 0x20 && byte < 0x7f
		? `'${String.fromCharCode(byte)}'`
		: `byte 0x${byte.toString(16).padStart(2, "0")}`;
}
