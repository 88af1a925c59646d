// Which watch entries an object names (D51): CIDR containment either way, an ASN, a domain and its sub-domains
// (also as a URL's host or an e-mail address's domain), or an exact value. Built once per set of entries.
import { type FoundObservable, type Observable, observablesOf } from "../../observables/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { WatchEntry } from "../../store/index.ts";
import { ADDRESS_BITS, type IpRange, ipRangeOf, maskTo } from "../ip-range.ts";

/** One entry an object names: the entry, and the value the object names, of its kind, at its path. */
export interface WatchMatch {
	entry: WatchEntry;
	kind: string;
	value: string;
	path: string;
}

interface RangeEntry {
	range: IpRange;
	entry: WatchEntry;
}

/**
 * Entries indexed for matching: exact values by key, domains by name (a value's parents are looked up, so a
 * sub-domain costs one lookup per label), ranges by (version, prefix, network) for the blocks that contain a
 * value and sorted by start for the blocks a value contains.
 * @example new WatchMatcher(await store.listWatchEntries()).matches(indicator)
 */
export class WatchMatcher {
	readonly #exact = new Map<string, WatchEntry[]>();
	readonly #domains = new Map<string, WatchEntry[]>();
	readonly #networks = new Map<string, RangeEntry[]>();
	readonly #prefixes = { 4: new Set<number>(), 6: new Set<number>() };
	readonly #byStart: { 4: RangeEntry[]; 6: RangeEntry[] } = { 4: [], 6: [] };
	readonly size: number;

	constructor(entries: readonly WatchEntry[]) {
		this.size = entries.length;
		for (const entry of entries) this.#add(entry);
		for (const list of Object.values(this.#byStart))
			list.sort((a, b) => compare(a.range.start, b.range.start));
	}

	/** Every (entry, value) the object names; an entry matched by several values is listed once per value. */
	matches(object: StixObject): WatchMatch[] {
		if (this.size === 0) return [];
		const found: WatchMatch[] = [];
		const seen = new Set<string>();
		for (const observable of observablesOf(object)) {
			if (!isValue(observable)) continue;
			for (const entry of this.entriesNaming(observable)) {
				const key = `${entry.id}\u0000${observable.kind}\u0000${observable.value}`;
				if (seen.has(key)) continue;
				seen.add(key);
				found.push({ entry, kind: observable.kind, value: observable.value, path: observable.path });
			}
		}
		return found;
	}

	/** The entries one value falls under. */
	entriesNaming(observable: Observable): WatchEntry[] {
		const hits = [...(this.#exact.get(`${observable.kind}:${observable.value}`) ?? [])];
		if (observable.kind === "ipv4" || observable.kind === "ipv6")
			hits.push(...this.#ranges(observable.value));
		const host = hostOf(observable);
		if (host !== undefined) {
			if (ipRangeOf(host) !== undefined) hits.push(...this.#ranges(host));
			else hits.push(...this.#domainsOf(host));
		}
		return unique(hits);
	}

	#add(entry: WatchEntry): void {
		if (entry.kind === "ipv4" || entry.kind === "ipv6") {
			const range = ipRangeOf(entry.value);
			if (range !== undefined) {
				const item = { range, entry };
				push(this.#networks, networkKey(range.version, range.prefix, range.start), item);
				this.#prefixes[range.version].add(range.prefix);
				this.#byStart[range.version].push(item);
				return;
			}
		}
		if (entry.kind === "domain") push(this.#domains, entry.value, entry);
		else push(this.#exact, `${entry.kind}:${entry.value}`, entry);
	}

	/** Entries whose block contains the value's (per prefix length, one lookup), then those inside it. */
	#ranges(value: string): WatchEntry[] {
		const range = ipRangeOf(value);
		if (range === undefined) return [];
		const hits: WatchEntry[] = [];
		const bits = ADDRESS_BITS[range.version];
		for (const prefix of this.#prefixes[range.version]) {
			if (prefix > range.prefix) continue;
			const key = networkKey(range.version, prefix, maskTo(range.start, prefix, bits));
			for (const item of this.#networks.get(key) ?? []) hits.push(item.entry);
		}
		const sorted = this.#byStart[range.version];
		for (let i = lowerBound(sorted, range.start); i < sorted.length; i++) {
			const item = sorted[i];
			if (item === undefined || item.range.start > range.end) break;
			if (item.range.prefix > range.prefix) hits.push(item.entry);
		}
		return hits;
	}

	/** Entries naming the domain or one of its parents. */
	#domainsOf(domain: string): WatchEntry[] {
		const hits: WatchEntry[] = [];
		let name = domain;
		for (;;) {
			hits.push(...(this.#domains.get(name) ?? []));
			const dot = name.indexOf(".");
			if (dot < 0) return hits;
			name = name.slice(dot + 1);
		}
	}
}

/** A comparison that names a value (not LIKE, MATCHES, != …: those are not values). */
function isValue(observable: FoundObservable): boolean {
	return !("exact" in observable && observable.exact === false);
}

/** The host a value names: a domain itself, a URL's host, an e-mail address's domain. */
function hostOf(observable: Observable): string | undefined {
	if (observable.kind === "domain") return observable.value;
	if (observable.kind === "email") {
		const at = observable.value.lastIndexOf("@");
		return at < 0 ? undefined : observable.value.slice(at + 1);
	}
	if (observable.kind === "url") {
		try {
			const host = new URL(observable.value).hostname;
			return host.startsWith("[") ? host.slice(1, -1) : host;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function networkKey(version: number, prefix: number, start: bigint): string {
	return `${version}/${prefix}/${start}`;
}

function lowerBound(sorted: readonly RangeEntry[], start: bigint): number {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if ((sorted[middle]?.range.start ?? 0n) < start) low = middle + 1;
		else high = middle;
	}
	return low;
}

function compare(a: bigint, b: bigint): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
	const list = map.get(key);
	if (list === undefined) map.set(key, [value]);
	else list.push(value);
}

function unique(entries: readonly WatchEntry[]): WatchEntry[] {
	return [...new Map(entries.map((entry) => [entry.id, entry])).values()];
}
