// The compiled form of every warninglist: built once when the lists change, then `hits` answers per value from
// memory — CIDR entries in sorted ranges, string and hostname entries in one hash table, substrings and regexes
// tried per list.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import {
	OBSERVABLE_KINDS,
	type Observable,
	type ObservableKind,
	parseCidr,
	tryNormalise,
} from "../../observables/index.ts";
import { IpRangeIndex } from "./ip-ranges.ts";
import { kindsOfList } from "./misp-attributes.ts";
import type { RegexTest } from "./regex-entries.ts";
import { compileRegexEntry } from "./regex-entries.ts";
import { domainOfEmail, EntryTable, foldEntry, hostOfUrl } from "./text-entries.ts";
import type { Warninglist, WarninglistHit } from "./warninglist.ts";

/** Every list, compiled: what each value is flagged by. */
export interface WarninglistMatcher {
	/**
	 * The lists `o` is on, one hit per list (with the entry that matched), in list order; empty when none. `o` must
	 * be in normal form (observables' `normalise`/`classify`). Never throws; the array may be shared: do not change it.
	 * @example matcher.hits({ kind: "ipv4", value: "10.1.2.3" }) // [{ list: "Entente: private-use networks…", entry: "10.0.0.0/8", … }]
	 */
	hits(o: Observable): readonly WarninglistHit[];
	/** The lists compiled, in the order hits come out. */
	readonly lists: readonly Warninglist[];
}

const NONE: readonly WarninglistHit[] = Object.freeze([]);

/** What applies to one kind of value. */
interface KindPlan {
	cidr: boolean;
	/** String lists: a value is looked up once, then filtered by list. */
	strings: boolean;
	hosts: boolean;
	/** Per substring list, the entries that could occur in a value of the kind. */
	substrings: readonly { index: number; entries: readonly string[] }[];
	regexes: readonly number[];
}

/** Entries compiled between two pauses of `compileWarninglistsYielding`. */
const ENTRIES_PER_STEP = 20_000;

/**
 * Compiles lists into a matcher. Entries a list's type cannot read (a CIDR entry that is no address) are skipped:
 * lists are checked when loaded (misp-format.ts), so only a built-in list could carry one, and its test would say.
 */
export function compileWarninglists(lists: readonly Warninglist[]): WarninglistMatcher {
	const steps = compiling(lists);
	for (;;) {
		const step = steps.next();
		if (step.done === true) return step.value;
	}
}

/**
 * `compileWarninglists`, giving the event loop a turn every ENTRIES_PER_STEP entries: what a serving process uses
 * when lists change, so requests are not held for the whole compile (~0.5 s for every shared MISP list).
 */
export async function compileWarninglistsYielding(
	lists: readonly Warninglist[],
): Promise<WarninglistMatcher> {
	const steps = compiling(lists);
	for (;;) {
		const step = steps.next();
		if (step.done === true) return step.value;
		await yieldToEventLoop();
	}
}

/** The compile as steps: it yields between chunks of entries and before the ranges are sorted. */
function* compiling(lists: readonly Warninglist[]): Generator<void, WarninglistMatcher> {
	const kinds = lists.map((list) => kindsOfList(list.type, list.matchingAttributes));
	const cidrEntries: ConstructorParameters<typeof IpRangeIndex>[0][number][] = [];
	const strings = new EntryTable();
	const hosts = new EntryTable();
	const substrings = new Map<number, readonly string[]>();
	const regexes = new Map<number, readonly { entry: string; test: RegexTest }[]>();
	for (const [index, list] of lists.entries()) {
		if ((kinds[index] as ReadonlySet<ObservableKind>).size === 0) continue;
		const hitOf = (entry: string): WarninglistHit => ({
			list: list.name,
			description: list.description,
			type: list.type,
			entry,
		});
		switch (list.type) {
			case "cidr":
				for (const [i, written] of list.entries.entries()) {
					const entry = written.trim();
					cidrEntries.push({ entry, list: index, hit: hitOf(entry) });
					if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
				}
				break;
			case "string":
				for (const entry of list.entries) strings.add(foldEntry(entry, false), index);
				break;
			case "hostname":
				for (const [i, entry] of list.entries.entries()) {
					hosts.add(hostKey(entry), index);
					if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
				}
				break;
			case "substring":
				substrings.set(
					index,
					list.entries.map((entry) => foldEntry(entry, false)).filter((entry) => entry !== ""),
				);
				break;
			case "regex":
				regexes.set(
					index,
					list.entries.flatMap((entry) => {
						const test = compileRegexEntry(entry);
						return typeof test === "function" ? [{ entry, test }] : [];
					}),
				);
				break;
		}
		yield;
	}
	const ips = new IpRangeIndex(cidrEntries, parseCidr);
	const applies = (index: number, kind: ObservableKind): boolean =>
		(kinds[index] as ReadonlySet<ObservableKind>).has(kind);
	const listsOfType = (type: Warninglist["type"], kind: ObservableKind): number[] =>
		lists.flatMap((list, index) => (list.type === type && applies(index, kind) ? [index] : []));
	const plans: Partial<Record<string, KindPlan>> = Object.fromEntries(
		OBSERVABLE_KINDS.map((kind): [ObservableKind, KindPlan] => [
			kind,
			{
				cidr: listsOfType("cidr", kind).length > 0,
				strings: listsOfType("string", kind).some((index) =>
					(lists[index] as Warninglist).entries.some((entry) => couldOccurIn(kind, foldEntry(entry, false))),
				),
				hosts: listsOfType("hostname", kind).length > 0,
				substrings: listsOfType("substring", kind).flatMap((index) => {
					const possible = (substrings.get(index) ?? []).filter((entry) => couldOccurIn(kind, entry));
					return possible.length === 0 ? [] : [{ index, entries: possible }];
				}),
				regexes: listsOfType("regex", kind),
			},
		]),
	);

	/** Adds list `index`'s hit to `found` (made when the first hit comes), once per list, if it applies to `kind`. */
	const add = (
		found: WarninglistHit[] | undefined,
		index: number,
		kind: ObservableKind,
		entry: string,
	): WarninglistHit[] | undefined => {
		if (!applies(index, kind)) return found;
		const list = lists[index] as Warninglist;
		if (found?.some((hit) => hit.list === list.name)) return found;
		const hit = { list: list.name, description: list.description, type: list.type, entry };
		if (found === undefined) return [hit];
		found.push(hit);
		return found;
	};
	const addAll = (
		found: WarninglistHit[] | undefined,
		indexes: number | readonly number[] | undefined,
		kind: ObservableKind,
		entry: string,
	): WarninglistHit[] | undefined => {
		if (indexes === undefined) return found;
		if (typeof indexes === "number") return add(found, indexes, kind, entry);
		let result = found;
		for (const index of indexes) result = add(result, index, kind, entry);
		return result;
	};

	return {
		lists,
		hits(o) {
			const plan = plans[o.kind];
			if (plan === undefined) return NONE;
			const ipHits = plan.cidr ? (ips.hits(o.value, parseCidr) ?? NONE) : NONE;
			if (!plan.strings && !plan.hosts && plan.substrings.length === 0 && plan.regexes.length === 0) {
				return ipHits;
			}
			const kind = o.kind;
			let found: WarninglistHit[] | undefined = ipHits.length === 0 ? undefined : [...ipHits];
			const folded = o.value.toLowerCase();
			if (plan.strings) found = addAll(found, strings.lookup(folded), kind, folded);
			if (plan.hosts) {
				const host = hostOf(kind, folded);
				// The host, then each parent domain: a.b.example.com, b.example.com, example.com, com.
				for (let from = 0; host !== undefined; ) {
					const key = from === 0 ? host : host.slice(from);
					found = addAll(found, hosts.lookup(key), kind, key);
					const dot = host.indexOf(".", from);
					if (dot === -1) break;
					from = dot + 1;
				}
			}
			for (const { index, entries } of plan.substrings) {
				for (const entry of entries) {
					if (folded.includes(entry)) {
						found = add(found, index, kind, entry);
						break;
					}
				}
			}
			for (const index of plan.regexes) {
				const entry = (regexes.get(index) ?? []).find((regex) => regex.test(o.value));
				if (entry !== undefined) found = add(found, index, kind, entry.entry);
			}
			return found ?? NONE;
		},
	};
}

/** Characters a normal IP value is written with: an entry with any other can never be part of one. */
const IP_TEXT = /^[0-9a-f.:/]+$/;

/** Whether a string or substring entry could be (part of) a value of `kind`: IP checks skip lists of names. */
function couldOccurIn(kind: ObservableKind, entry: string): boolean {
	return (kind !== "ipv4" && kind !== "ipv6") || IP_TEXT.test(entry);
}

const PLAIN_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** A hostname entry as values are: the domain's normal form (IDN as punycode) when it has one, else folded. */
function hostKey(entry: string): string {
	const folded = foldEntry(entry, true);
	// Plain ASCII names are already in normal form; only the rest (IDN, odd characters) pays for normalising.
	if (PLAIN_HOST.test(folded)) return folded;
	const normal = tryNormalise("domain", folded);
	return "value" in normal ? normal.value : folded;
}

/** The host name a hostname list compares: a domain itself, a URL's host, an e-mail address's domain. */
function hostOf(kind: ObservableKind, value: string): string | undefined {
	if (kind === "domain") return value.endsWith(".") ? value.slice(0, -1) : value;
	if (kind === "url") return hostOfUrl(value);
	if (kind === "email") return domainOfEmail(value);
	return undefined;
}
