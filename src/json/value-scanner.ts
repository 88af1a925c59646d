// The byte-level pass that runs before JSON.parse: nesting depth, string sizes and member counts, chunk by chunk.
import type { JsonLimits } from "./limits.ts";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// Byte classes for the loop outside strings: 0 means "nothing to do", so most bytes cost one lookup.
const PLAIN = 0;
const STRING = 1;
const OPEN = 2;
const CLOSE = 3;
// any other non-zero class: a colon, i.e. one object member
const CLASS = new Uint8Array(256);
CLASS[QUOTE] = STRING;
CLASS[0x7b] = OPEN;
CLASS[0x5b] = OPEN;
CLASS[0x7d] = CLOSE;
CLASS[0x5d] = CLOSE;
CLASS[0x3a] = 4;

/** A limit broken during the scan, with the absolute byte offset where it happened. */
export interface ScanProblem {
	readonly code: "E_JSON_DEPTH" | "E_JSON_STRING_TOO_LARGE";
	readonly offset: number;
	readonly limit: number;
}

/**
 * Scans the bytes of one JSON value, possibly split over many chunks, without building anything:
 * it tracks string boundaries and escapes, nesting depth and the number of object members (colons
 * outside strings), and records the first broken limit. It never recurses and never stops early,
 * so a value nested a million deep costs one counter. One tight loop per byte, no calls: measured
 * faster than skipping strings with `indexOf` on real STIX, whose strings are mostly short.
 */
export class ValueScanner {
	/** Current nesting depth relative to the value's start. */
	depth = 0;
	/** Object members seen so far (colons outside strings). */
	members = 0;
	/** True while inside a string at the end of the last chunk. */
	inString = false;
	/** The first limit broken, if any. */
	problem: ScanProblem | undefined;
	/**
	 * True once a string held an escape that may be a UTF-16 surrogate (`\uD…`), so a parsed value
	 * without one needs no walk for lone surrogates (raw UTF-8 cannot encode one). Errs towards true.
	 */
	surrogateEscape = false;

	readonly #maxDepth: number;
	readonly #depthOffset: number;
	readonly #maxStringBytes: number;
	#stringStart = 0;
	#stringBytes = 0;
	#escapePending = false;

	/**
	 * @param depthOffset how deep the scanned value sits in its document (an element of a bundle's
	 * `objects` array sits at 2), so that the depth limit and messages use document depth.
	 */
	constructor(limits: Pick<JsonLimits, "maxDepth" | "maxStringBytes">, depthOffset = 0) {
		this.#maxDepth = limits.maxDepth - depthOffset;
		this.#depthOffset = depthOffset;
		this.#maxStringBytes = limits.maxStringBytes;
	}

	/** Forgets the previous value; call before scanning the next one. */
	reset(): void {
		this.depth = 0;
		this.members = 0;
		this.inString = false;
		this.problem = undefined;
		this.surrogateEscape = false;
		this.#stringBytes = 0;
		this.#escapePending = false;
	}

	/**
	 * Scans `bytes` from `from`. With `stopAtValueEnd`, returns the index just past the value when a
	 * container closes back to depth 0 or a top-level string closes; otherwise returns -1 once every
	 * byte is consumed. `base` is the absolute offset of `bytes[0]`, used in problem reports.
	 */
	scan(bytes: Uint8Array, from: number, base: number, stopAtValueEnd: boolean): number {
		const n = bytes.length;
		if (from >= n) return -1;
		let depth = this.depth;
		let members = this.members;
		let i = from;
		let stringFrom = i;
		let end = -1;
		let inString = this.inString;
		if (inString && this.#escapePending) {
			// the escaped character was cut off by the chunk boundary: it may be a \u
			this.#escapePending = false;
			this.surrogateEscape = true;
			i++;
		}
		for (;;) {
			if (inString) {
				while (i < n) {
					const c = bytes[i];
					if (c === QUOTE) break;
					if (c === BACKSLASH) {
						// \u then d or D (or bytes not here yet): possibly a surrogate escape
						if (i + 2 >= n || (bytes[i + 1] === 0x75 && ((bytes[i + 2] as number) | 0x20) === 0x64))
							this.surrogateEscape = true;
						i += 2;
					} else {
						i++;
					}
				}
				if (i >= n) {
					if (i > n) this.#escapePending = true;
					this.#stringBytes += n - stringFrom;
					if (this.#stringBytes > this.#maxStringBytes)
						this.#fail("E_JSON_STRING_TOO_LARGE", this.#stringStart);
					break;
				}
				if (this.#stringBytes + (i - stringFrom) > this.#maxStringBytes) {
					this.#fail("E_JSON_STRING_TOO_LARGE", this.#stringStart);
				}
				this.#stringBytes = 0;
				inString = false;
				i++;
				if (stopAtValueEnd && depth === 0) {
					end = i;
					break;
				}
			}
			while (i < n) {
				const kind = CLASS[bytes[i] as number];
				if (kind === PLAIN) {
					i++;
				} else if (kind === STRING) {
					break;
				} else if (kind === OPEN) {
					depth++;
					if (depth > this.#maxDepth) this.#fail("E_JSON_DEPTH", base + i);
					i++;
				} else if (kind === CLOSE) {
					depth--;
					i++;
					if (stopAtValueEnd && depth === 0) {
						end = i;
						break;
					}
				} else {
					members++;
					i++;
				}
			}
			if (i >= n || end >= 0) break;
			inString = true;
			this.#stringStart = base + i;
			i++;
			stringFrom = i;
		}
		this.depth = depth;
		this.members = members;
		this.inString = inString;
		return end;
	}

	#fail(code: ScanProblem["code"], offset: number): void {
		if (this.problem !== undefined) return;
		const limit = code === "E_JSON_DEPTH" ? this.#maxDepth + this.#depthOffset : this.#maxStringBytes;
		this.problem = { code, offset, limit };
	}
}
