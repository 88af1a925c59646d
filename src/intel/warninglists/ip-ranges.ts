// Every CIDR entry of every list, as sorted elementary ranges per IP version: one binary search finds the lists
// (and the entry of each) covering an address, whatever the number of lists or entries.
import type { ParsedCidr } from "../../observables/index.ts";
import type { WarninglistHit } from "./warninglist.ts";

/** A position in an address space: a number for IPv4, 32 hex digits for IPv6 (ordered as strings). */
type Key = number | string;

/** One list's entry as a range of addresses. */
interface Range {
	start: Key;
	end: Key;
	/** The first address after the range (END_OF_V6 past the last IPv6 address). */
	after: Key;
	/** The list's position among the compiled lists: hits come out in that order. */
	list: number;
	hit: WarninglistHit;
}

/** Above every IPv6 key (hex digits sort below "z"); IPv4 uses 2^32. */
const END_OF_V6 = "z";

const NONE: readonly WarninglistHit[] = Object.freeze([]);

/** One IP version's index: segment i covers [starts[i], starts[i+1]); its hits are the entries covering it. */
class FamilyIndex {
	readonly #starts: Float64Array | readonly string[];
	readonly #hits: readonly (readonly WarninglistHit[] | undefined)[];
	readonly #ends: readonly (readonly Key[] | undefined)[];

	constructor(ranges: readonly Range[], numeric: boolean) {
		const kept = outermostPerList(ranges);
		const bounds = kept.flatMap((range) => [range.start, range.after]);
		const starts = numeric ? uniqueNumbers(bounds as number[]) : uniqueStrings(bounds as string[]);
		this.#starts = starts;
		const hits: (readonly WarninglistHit[] | undefined)[] = new Array(starts.length);
		const ends: (readonly Key[] | undefined)[] = new Array(starts.length);
		// `kept` is in list order, so each segment's hits are too. Work: the segments each range spans, in all. A
		// segment one entry covers (nearly all) shares that entry's one-hit array.
		for (const range of kept) {
			const alone = Object.freeze([range.hit]);
			const end = [range.end];
			const last = indexOf(starts, range.after);
			for (let segment = indexOf(starts, range.start); segment < last; segment++) {
				const before = hits[segment];
				hits[segment] = before === undefined ? alone : Object.freeze([...before, range.hit]);
				ends[segment] = before === undefined ? end : [...(ends[segment] as Key[]), range.end];
			}
		}
		this.#hits = hits;
		this.#ends = ends;
	}

	/** The hits of every entry containing [start, end] (an address: start = end). */
	covering(start: Key, end: Key): readonly WarninglistHit[] {
		const starts = this.#starts;
		let low = 0;
		let high = starts.length;
		// The last segment starting at or before `start`.
		while (low < high) {
			const middle = (low + high) >>> 1;
			if ((starts[middle] as Key) <= start) low = middle + 1;
			else high = middle;
		}
		const hits = low === 0 ? undefined : this.#hits[low - 1];
		if (hits === undefined) return NONE;
		if (start === end) return hits;
		const ends = this.#ends[low - 1] as readonly Key[];
		const within = hits.filter((_, i) => (ends[i] as Key) >= end);
		return within.length === 0 ? NONE : within;
	}
}

function uniqueNumbers(values: readonly number[]): Float64Array {
	const sorted = Float64Array.from(values).sort();
	let n = 0;
	for (let i = 0; i < sorted.length; i++)
		if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
	return sorted.slice(0, n);
}

function uniqueStrings(values: readonly string[]): string[] {
	return [...new Set(values)].sort();
}

/** The position of `key` in sorted `starts` (it is there: every range's start and after are bounds). */
function indexOf(starts: Float64Array | readonly string[], key: Key): number {
	let low = 0;
	let high = starts.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((starts[middle] as Key) < key) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Per list, only entries no other entry of the same list contains: CIDR blocks nest or are disjoint, never overlap. */
function outermostPerList(ranges: readonly Range[]): Range[] {
	const sorted = [...ranges].sort(
		(a, b) => a.list - b.list || (a.start < b.start ? -1 : a.start > b.start ? 1 : b.end > a.end ? 1 : -1),
	);
	const kept: Range[] = [];
	for (const range of sorted) {
		const last = kept.at(-1);
		if (last !== undefined && last.list === range.list && range.start <= last.end) continue;
		kept.push(range);
	}
	return kept;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function hexOf(bytes: Uint8Array): string {
	let hex = "";
	for (const byte of bytes) hex += HEX[byte] as string;
	return hex;
}

function ipv4Start(bytes: Uint8Array): number {
	return (
		(((bytes[0] as number) << 24) |
			((bytes[1] as number) << 16) |
			((bytes[2] as number) << 8) |
			(bytes[3] as number)) >>>
		0
	);
}

/** The first, last and next-after address of a parsed block, as keys of its version. */
function keysOf(cidr: ParsedCidr): { start: Key; end: Key; after: Key } {
	if (cidr.version === 4) {
		const start = ipv4Start(cidr.bytes);
		const size = 2 ** (32 - cidr.prefix);
		return { start, end: start + size - 1, after: start + size };
	}
	const hex = hexOf(cidr.bytes);
	const last = BigInt(`0x${hex}`) + (1n << BigInt(128 - cidr.prefix)) - 1n;
	const after = last + 1n;
	return {
		start: hex,
		end: last.toString(16).padStart(32, "0"),
		after: after >> 128n === 0n ? after.toString(16).padStart(32, "0") : END_OF_V6,
	};
}

/** Where `ipv4Fast` leaves what it read: one object reused, so the hot path allocates nothing. */
const scratch = { start: 0, prefix: 0 };

/**
 * Reads an IPv4 value in normal form ("10.1.2.3", "10.0.0.0/8") into `scratch`; false when it is not one (the
 * caller then parses it the slow way).
 */
function ipv4Fast(value: string): boolean {
	let address = 0;
	let octet = 0;
	let digits = 0;
	let dots = 0;
	let i = 0;
	for (; i < value.length; i++) {
		const c = value.charCodeAt(i);
		if (c >= 0x30 && c <= 0x39) {
			octet = octet * 10 + (c - 0x30);
			if (++digits > 3 || octet > 255) return false;
		} else if (c === 0x2e && digits > 0 && dots < 3) {
			address = address * 256 + octet;
			octet = 0;
			digits = 0;
			dots++;
		} else break;
	}
	if (dots !== 3 || digits === 0) return false;
	scratch.start = address * 256 + octet;
	if (i === value.length) {
		scratch.prefix = 32;
		return true;
	}
	if (value.charCodeAt(i) !== 0x2f) return false;
	const prefix = Number(value.slice(i + 1));
	scratch.prefix = prefix;
	return Number.isInteger(prefix) && prefix >= 0 && prefix <= 32;
}

/** The CIDR entries of every list, searchable by address or block. */
export class IpRangeIndex {
	readonly #v4: FamilyIndex;
	readonly #v6: FamilyIndex;

	/**
	 * `entries`: each CIDR entry as written, its list's position and the hit it gives; `parse` reads what the fast
	 * IPv4 path cannot (observables' parseCidr). Entries neither reads are skipped (lists are checked when loaded).
	 */
	constructor(
		entries: readonly { entry: string; list: number; hit: WarninglistHit }[],
		parse: (value: string) => ParsedCidr | undefined,
	) {
		const v4: Range[] = [];
		const v6: Range[] = [];
		for (const { entry, list, hit } of entries) {
			if (ipv4Fast(entry)) {
				const size = 2 ** (32 - scratch.prefix);
				const start = Math.floor(scratch.start / size) * size;
				v4.push({ start, end: start + size - 1, after: start + size, list, hit });
				continue;
			}
			const cidr = parse(entry);
			if (cidr === undefined) continue;
			const { start, end, after } = keysOf(cidr);
			(cidr.version === 4 ? v4 : v6).push({ start, end, after, list, hit });
		}
		this.#v4 = new FamilyIndex(v4, true);
		this.#v6 = new FamilyIndex(v6, false);
	}

	/**
	 * The hits of every entry that contains the address or the whole block `value` (normal form), or undefined when
	 * `value` is no IP value at all. `parse` reads what the fast IPv4 path cannot (observables' parseCidr).
	 */
	hits(
		value: string,
		parse: (value: string) => ParsedCidr | undefined,
	): readonly WarninglistHit[] | undefined {
		if (ipv4Fast(value)) {
			const { start, prefix } = scratch;
			return this.#v4.covering(start, prefix === 32 ? start : start + 2 ** (32 - prefix) - 1);
		}
		const cidr = parse(value);
		if (cidr === undefined) return undefined;
		if (cidr.version === 4) {
			const start = ipv4Start(cidr.bytes);
			return this.#v4.covering(start, cidr.prefix === 32 ? start : start + 2 ** (32 - cidr.prefix) - 1);
		}
		if (cidr.prefix === 128) {
			const key = hexOf(cidr.bytes);
			return this.#v6.covering(key, key);
		}
		const { start, end } = keysOf(cidr);
		return this.#v6.covering(start, end);
	}
}
