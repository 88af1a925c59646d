// The state of one extraction: rows keyed by normal form, in order of first appearance, with counts.
import { type Observable, observableKey } from "../kinds.ts";
import { tryNormalise } from "../normalise.ts";
import { refang } from "../refang.ts";
import { classifyToken, type ReferenceKind, type TokenClass } from "./classify-token.ts";
import { scanTokens } from "./tokens.ts";
import { trimToken } from "./trim.ts";

/** One observable found in a text: its normal form, the text as first written, how often, and where first. */
export interface ExtractedObservable extends Observable {
	raw: string;
	count: number;
	firstOffset: number;
}

/** A CVE or ATT&CK technique id cited by the text: knowledge it refers to, not an observable. */
export interface ExtractedReference {
	kind: ReferenceKind;
	value: string;
	raw: string;
	count: number;
	firstOffset: number;
}

export interface Extraction {
	observables: ExtractedObservable[];
	references: ExtractedReference[];
	/** Values past `limit` were seen and left out (the rows kept still count every occurrence). */
	truncated: boolean;
}

/** Distinct candidate strings remembered (valid or not) before the memo starts afresh: binary junk is all distinct. */
const MEMO_LIMIT = 100_000;
const NEEDS_REFANG = /[[({]|\\\.|^h(?:xx|\*\*|xt|tx)ps?:|^fxps?:/i;
const SUB_SEPARATOR = /[=:]/;

/** Accumulates the observables and references of the chunks of one text scanned in order. */
export class Extractor {
	readonly #text: string;
	readonly #limit: number;
	readonly #rows = new Map<string, ExtractedObservable>();
	readonly #references = new Map<string, ExtractedReference>();
	/** `kind\0candidate` → its row, or null when it does not normalise: each distinct string normalised once. */
	#memo = new Map<string, ExtractedObservable | null>();
	#truncated = false;

	constructor(text: string, limit: number) {
		this.#text = text;
		this.#limit = limit;
	}

	/** Scans `[from, to)`, which must start and end between tokens (tokens.ts chunkEnd). */
	scan(from: number, to: number): void {
		scanTokens(this.#text, from, to, (start, end) => this.#token(start, end));
	}

	result(): Extraction {
		return {
			observables: [...this.#rows.values()],
			references: [...this.#references.values()],
			truncated: this.#truncated,
		};
	}

	#token(start: number, end: number): void {
		const span = trimToken(this.#text, start, end);
		if (span === undefined) return;
		const raw = this.#text.slice(span[0], span[1]);
		// A Markdown link, "[name](https://…)": the target is the value.
		const link = raw.indexOf("](");
		if (link > 0) {
			this.#token(span[0] + link + 2, span[1]);
			return;
		}
		if (this.#classify(raw, span[0])) return;
		// "sha256=…", "ip:1.2.3.4", "md5:…": a value after a label, when the whole is nothing.
		if (!SUB_SEPARATOR.test(raw)) return;
		let offset = span[0];
		for (const part of raw.split(SUB_SEPARATOR)) {
			const inner = trimToken(this.#text, offset, offset + part.length);
			if (inner !== undefined) this.#classify(this.#text.slice(inner[0], inner[1]), inner[0]);
			offset += part.length + 1;
		}
	}

	/** Records `raw` (at `offset`) when it is a value; whether it was. */
	#classify(raw: string, offset: number): boolean {
		const value = NEEDS_REFANG.test(raw) ? refang(raw) : raw;
		const found = classifyToken(value, value !== raw);
		if (found === undefined) return false;
		if ("reference" in found) this.#reference(found, raw, offset);
		else this.#observable(found, raw, offset);
		return true;
	}

	#observable(found: Extract<TokenClass, { kind: unknown }>, raw: string, offset: number): void {
		const memoKey = `${found.kind}\u0000${found.candidate}`;
		let row = this.#memo.get(memoKey);
		if (row === undefined) {
			row = this.#rowOf(found, raw, offset);
			if (row === undefined) return;
			if (this.#memo.size >= MEMO_LIMIT) this.#memo = new Map();
			this.#memo.set(memoKey, row);
		}
		if (row !== null) row.count++;
	}

	/** The row `found` normalises to (new rows start at count 0), null when it does not, undefined when full. */
	#rowOf(
		found: Extract<TokenClass, { kind: unknown }>,
		raw: string,
		offset: number,
	): ExtractedObservable | null | undefined {
		const normal = tryNormalise(found.kind, found.candidate);
		if ("error" in normal) return null;
		const key = observableKey(normal);
		const existing = this.#rows.get(key);
		if (existing !== undefined) return existing;
		if (this.#rows.size >= this.#limit) {
			this.#truncated = true;
			return undefined;
		}
		const row = { kind: normal.kind, value: normal.value, raw, count: 0, firstOffset: offset };
		this.#rows.set(key, row);
		return row;
	}

	#reference(found: Extract<TokenClass, { reference: unknown }>, raw: string, offset: number): void {
		const key = `${found.reference}:${found.candidate}`;
		const existing = this.#references.get(key);
		if (existing !== undefined) existing.count++;
		else if (this.#references.size < this.#limit)
			this.#references.set(key, {
				kind: found.reference,
				value: found.candidate,
				raw,
				count: 1,
				firstOffset: offset,
			});
		else this.#truncated = true;
	}
}
