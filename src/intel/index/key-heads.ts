// The first characters of sorted string keys packed into one typed array, so a binary search compares numbers in
// one contiguous buffer and reads a key's string only when two heads tie (a string per probe is a cache miss at 1M
// keys: the array's pointer, then the string it points to).

/** Characters a head holds: 16, four to a 32-bit word. */
export const HEAD_CHARS = 16;
/** Words per head. */
export const HEAD_WORDS = HEAD_CHARS / 4;

/**
 * Writes `key`'s head into `out` at `at`: its first 16 characters as bytes, four to a word, big-endian, so that
 * comparing heads word by word (unsigned) orders them as the strings. A character above 255 and everything after it
 * read as 255, and a short key is padded with 0: the head is then monotone — `a < b` implies head(a) ≤ head(b) —
 * so heads that differ decide the order, and only heads that tie need the strings.
 */
export function writeHead(key: string, out: Uint32Array, at: number): void {
	let saturated = false;
	for (let word = 0; word < HEAD_WORDS; word++) {
		let packed = 0;
		for (let byte = 0; byte < 4; byte++) {
			const i = word * 4 + byte;
			let code = saturated ? 255 : i < key.length ? key.charCodeAt(i) : 0;
			if (code > 255) {
				saturated = true;
				code = 255;
			}
			packed = (packed << 8) | code;
		}
		out[at + word] = packed >>> 0;
	}
}

/** The heads of `keys` (sorted or not), HEAD_WORDS words each, in the same order. */
export function headsOf(keys: readonly string[]): Uint32Array {
	const heads = new Uint32Array(keys.length * HEAD_WORDS);
	for (let i = 0; i < keys.length; i++) writeHead(keys[i] as string, heads, i * HEAD_WORDS);
	return heads;
}

/** Where a probe's head is written: one buffer, no allocation per lookup. */
const PROBE = new Uint32Array(HEAD_WORDS);

/**
 * The first index of sorted `keys` whose key is not below `key`, comparing `heads` (headsOf(keys)) first and a
 * key's string only when its head ties with the probe's.
 */
export function lowerBoundByHead(keys: readonly string[], heads: Uint32Array, key: string): number {
	writeHead(key, PROBE, 0);
	const p0 = PROBE[0] as number;
	const p1 = PROBE[1] as number;
	const p2 = PROBE[2] as number;
	const p3 = PROBE[3] as number;
	let low = 0;
	let high = keys.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const at = middle * HEAD_WORDS;
		const h0 = heads[at] as number;
		let below: boolean;
		if (h0 !== p0) below = h0 < p0;
		else {
			const h1 = heads[at + 1] as number;
			if (h1 !== p1) below = h1 < p1;
			else {
				const h2 = heads[at + 2] as number;
				if (h2 !== p2) below = h2 < p2;
				else {
					const h3 = heads[at + 3] as number;
					below = h3 !== p3 ? h3 < p3 : (keys[middle] as string) < key;
				}
			}
		}
		if (below) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * A test of "the key at index i starts with a prefix" that reads heads, set to a prefix by `set` (one instance per
 * run, reused: a lookup allocates nothing). `mayStart(i)` is false only when the key cannot start with the prefix;
 * `decisive` says a true answer is certain too (a prefix of at most 16 characters, each from 1 to 254), so the
 * key's string need not be read.
 */
export class PrefixTest {
	decisive = false;
	#q0 = 0;
	#q1 = 0;
	#q2 = 0;
	#q3 = 0;
	#m0 = 0;
	#m1 = 0;
	#m2 = 0;
	#m3 = 0;

	/** Tests for `prefix` from now on. */
	set(prefix: string): void {
		writeHead(prefix, PROBE, 0);
		const length = Math.min(prefix.length, HEAD_CHARS);
		this.#m0 = maskOf(length);
		this.#m1 = maskOf(length - 4);
		this.#m2 = maskOf(length - 8);
		this.#m3 = maskOf(length - 12);
		this.#q0 = ((PROBE[0] as number) & this.#m0) >>> 0;
		this.#q1 = ((PROBE[1] as number) & this.#m1) >>> 0;
		this.#q2 = ((PROBE[2] as number) & this.#m2) >>> 0;
		this.#q3 = ((PROBE[3] as number) & this.#m3) >>> 0;
		let decisive = prefix.length <= HEAD_CHARS;
		// 0 stands for "past the end" too, and 255 for any character from 255 up: neither tells a key's characters apart.
		for (let i = 0; i < length && decisive; i++) {
			const code = prefix.charCodeAt(i);
			if (code === 0 || code >= 255) decisive = false;
		}
		this.decisive = decisive;
	}

	/** False when the key whose head is at `heads[index * HEAD_WORDS]` cannot start with the prefix set. */
	mayStart(heads: Uint32Array, index: number): boolean {
		const at = index * HEAD_WORDS;
		return (
			((heads[at] as number) & this.#m0) >>> 0 === this.#q0 &&
			((heads[at + 1] as number) & this.#m1) >>> 0 === this.#q1 &&
			((heads[at + 2] as number) & this.#m2) >>> 0 === this.#q2 &&
			((heads[at + 3] as number) & this.#m3) >>> 0 === this.#q3
		);
	}
}

/** The mask of a word's first `bytes` bytes (none at 0 or less, all at 4 or more). */
function maskOf(bytes: number): number {
	if (bytes <= 0) return 0;
	return bytes >= 4 ? 0xffffffff : (0xffffffff << ((4 - bytes) * 8)) >>> 0;
}
