// Full text over what analysts type: names, aliases and external ids (strong) and descriptions (weak), as
// tokens with posting lists of document numbers. A re-indexed object gets a new document; the old one is
// marked dead and swept from the postings when the dead outnumber the living.
import { GrowableInt32 } from "./growable.ts";
import { ownCopy } from "./own-copy.ts";

/** At most this many tokens of one description are indexed (its opening says what it is about). */
const DESCRIPTION_TOKENS = 256;
const MAX_TOKEN_LENGTH = 64;
/** A search reads at most this many postings of its rarest token: a bound on its work, whatever the corpus. */
const SCAN_BOUND = 100_000;
const MAX_QUERY_TOKENS = 8;
/** Texts up to this long have their tokens remembered, at most MEMO_ENTRIES of them (a few hundred KiB). */
const MEMO_TEXT_LENGTH = 200;
const MEMO_ENTRIES = 2048;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Addresses and hashes are values: the value index finds them, so text does not repeat them. */
const VALUE_SHAPED = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{32,128})$/;

/**
 * The searchable tokens of a text, lower-cased, in order: runs of letters and digits, joined by a single `.`,
 * `-` or `_` between two of them ("t1059.001", "cve-2021-44228"); values and overlong tokens left out.
 */
export function tokensOf(text: string, limit = Number.POSITIVE_INFINITY): string[] {
	const lower = text.toLowerCase();
	const tokens: string[] = [];
	let start = -1;
	for (let i = 0; i <= lower.length; i++) {
		const code = i < lower.length ? lower.charCodeAt(i) : 32;
		if (isWordCode(lower, i, code)) {
			if (start < 0) start = i;
			continue;
		}
		const joiner = code === 46 || code === 45 || code === 95;
		if (joiner && start >= 0 && i + 1 < lower.length && isWordCode(lower, i + 1, lower.charCodeAt(i + 1)))
			continue;
		if (start < 0) continue;
		const token = lower.slice(start, i);
		start = -1;
		if (token.length > MAX_TOKEN_LENGTH || VALUE_SHAPED.test(token)) continue;
		tokens.push(token);
		if (tokens.length >= limit) break;
	}
	return tokens;
}

/** ASCII letters and digits by code; anything beyond ASCII by Unicode class (a surrogate half counts as a letter). */
function isWordCode(text: string, at: number, code: number): boolean {
	if (code < 128)
		return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
	return (code >= 0xd800 && code <= 0xdfff) || WORD_CHARACTER.test(text[at] as string);
}

/** What one object says in words. */
export interface ObjectText {
	/** Names, aliases, external ids: a match here ranks first. */
	strong: readonly string[];
	description?: string | undefined;
}

/**
 * A token's documents, ascending: one number, a small array, or past `PACKED_FROM` documents an Int32Array with
 * spare room (4 bytes a document rather than 8; the common words of a million names are long lists).
 */
type Posting = number | number[] | PackedPosting;
const PACKED_FROM = 64;

class PackedPosting {
	data: Int32Array;
	length: number;

	constructor(documents: readonly number[]) {
		this.data = new Int32Array(documents.length * 2);
		this.data.set(documents);
		this.length = documents.length;
	}

	push(document: number): void {
		if (this.length === this.data.length) {
			const grown = new Int32Array(Math.ceil(this.length * 1.5));
			grown.set(this.data);
			this.data = grown;
		}
		this.data[this.length++] = document;
	}

	/** The documents, as a view (no copy). */
	view(): Int32Array {
		return this.data.subarray(0, this.length);
	}
}

/** Tokens → documents, one document per indexed object version. */
export class TextIndex {
	readonly #strong = new Map<string, Posting>();
	readonly #weak = new Map<string, Posting>();
	/** Per document: the object ordinal it indexes, -1 once dead. */
	readonly #objectOf = new GrowableInt32(-1);
	/** Per object ordinal: its live document, -1 when none. */
	readonly #documentOf = new GrowableInt32(-1);
	/** Recent texts' tokens (see #tokensOf). */
	readonly #memo = new Map<string, { limit: number; tokens: readonly string[] }>();
	#next = 0;
	#live = 0;
	#dead = 0;

	/** Indexes `text` as object `object`'s words, replacing what it had. */
	put(object: number, text: ObjectText): void {
		this.remove(object);
		const strong = new Set<string>();
		for (const field of text.strong) for (const token of this.#tokensOf(field)) strong.add(token);
		const weak = new Set(this.#tokensOf(text.description ?? "", DESCRIPTION_TOKENS));
		if (strong.size === 0 && weak.size === 0) return;
		const document = this.#next++;
		this.#objectOf.set(document, object);
		this.#documentOf.set(object, document);
		this.#live++;
		for (const token of strong) append(this.#strong, token, document);
		for (const token of weak) if (!strong.has(token)) append(this.#weak, token, document);
	}

	/**
	 * tokensOf, remembered for short texts: names repeat ("Emotet C2 server" on thousands of indicators), and a
	 * rebuild would tokenize each again. Bounded: the memo is dropped when it fills.
	 */
	#tokensOf(text: string, limit = Number.POSITIVE_INFINITY): readonly string[] {
		if (text.length > MEMO_TEXT_LENGTH) return tokensOf(text, limit);
		const memo = this.#memo.get(text);
		if (memo !== undefined && memo.limit === limit) return memo.tokens;
		const tokens = tokensOf(text, limit);
		if (this.#memo.size >= MEMO_ENTRIES) this.#memo.clear();
		this.#memo.set(text, { limit, tokens });
		return tokens;
	}

	remove(object: number): void {
		const document = this.#documentOf.get(object);
		if (document < 0) return;
		this.#objectOf.set(document, -1);
		this.#documentOf.set(object, -1);
		this.#live--;
		this.#dead++;
		if (this.#dead > 10_000 && this.#dead > this.#live) this.#sweep();
	}

	/**
	 * Object ordinals holding every token of `query` (in a strong or weak field), best first: a strong match
	 * scores 3, a weak one 1; ties go to the more recently indexed. `accept` filters (by type, say).
	 */
	search(query: string, limit: number, accept: (object: number) => boolean): number[] {
		// A query is words typed or pasted: its first words decide, whatever its length.
		const tokens = [...new Set(tokensOf(query.slice(0, 4096), MAX_QUERY_TOKENS * 4))].slice(
			0,
			MAX_QUERY_TOKENS,
		);
		if (tokens.length === 0) return [];
		const lists = tokens.map((token) => ({
			strong: toArray(this.#strong.get(token)),
			weak: toArray(this.#weak.get(token)),
		}));
		lists.sort((a, b) => a.strong.length + a.weak.length - (b.strong.length + b.weak.length));
		const [driver, ...others] = lists;
		if (driver === undefined) return [];
		const scored: { object: number; score: number; document: number }[] = [];
		let scanned = 0;
		for (const [own, list] of [
			[3, driver.strong],
			[1, driver.weak],
		] as const) {
			for (let i = list.length - 1; i >= 0 && scanned < SCAN_BOUND; i--, scanned++) {
				const document = list[i] as number;
				const object = this.#objectOf.get(document);
				if (object < 0 || !accept(object)) continue;
				let score: number = own;
				for (const other of others) {
					const found = includes(other.strong, document) ? 3 : includes(other.weak, document) ? 1 : 0;
					if (found === 0) {
						score = 0;
						break;
					}
					score += found;
				}
				if (score > 0) scored.push({ object, score, document });
			}
		}
		scored.sort((a, b) => b.score - a.score || b.document - a.document);
		return scored.slice(0, limit).map((entry) => entry.object);
	}

	/** Drops dead documents from every posting list. */
	#sweep(): void {
		for (const map of [this.#strong, this.#weak])
			for (const [token, posting] of map) {
				const live = Array.from(toArray(posting)).filter((document) => this.#objectOf.get(document) >= 0);
				if (live.length === 0) map.delete(token);
				else if (live.length === 1) map.set(token, live[0] as number);
				else map.set(token, live.length >= PACKED_FROM ? new PackedPosting(live) : live);
			}
		this.#dead = 0;
	}
}

function append(map: Map<string, Posting>, token: string, document: number): void {
	const posting = map.get(token);
	if (posting === undefined) map.set(ownCopy(token), document);
	else if (typeof posting === "number") map.set(token, [posting, document]);
	else if (Array.isArray(posting) && posting.length + 1 >= PACKED_FROM)
		map.set(token, new PackedPosting([...posting, document]));
	else posting.push(document);
}

/** Ascending documents of a posting, without copying a packed one. */
type Documents = ArrayLike<number>;

function toArray(posting: Posting | undefined): Documents {
	if (posting === undefined) return [];
	if (typeof posting === "number") return [posting];
	return Array.isArray(posting) ? posting : posting.view();
}

/** Whether ascending `list` holds `value` (binary search). */
function includes(list: Documents, value: number): boolean {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((list[middle] as number) < value) low = middle + 1;
		else high = middle;
	}
	return low < list.length && list[low] === value;
}
