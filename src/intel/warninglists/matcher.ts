// The compiled form of every warninglist: built once when the lists change, then `hits` answers per value from
// memory — CIDR entries in sorted ranges, string and hostname entries in one hash table, substrings and regexes
// tried per list.
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
	substrings: readonly number[];
	regexes: readonly number[];
}

/**
 * Compiles lists into a matcher. Entries a list's type cannot read (a CIDR entry that is no address) are skipped:
 * lists are checked when loaded (misp-format.ts), so only a built-in list could carry one, and its test would say.
 */
export function compileWarninglists(lists: readonly Warninglist[]): WarninglistMatcher {
	const kinds = lists.map((list) => kindsOfList(list.type, list.matchingAttributes));
	const cidrEntries: ConstructorParameters<typeof IpRangeIndex>[0][number][] = [];
	const strings = new EntryTable();
	const hosts = new EntryTable();
	const substrings = new Map<number, readonly string[]>();
	const regexes = new Map<number, readonly { entry: string; test: RegexTest }[]>();
	lists.forEach((list, index) => {
		if ((kinds[index] as ReadonlySet<ObservableKind>).size === 0) return;
		const hitOf = (entry: string): WarninglistHit => ({
			list: list.name,
			description: list.description,
			type: list.type,
			entry,
		});
		switch (list.type) {
			case "cidr":
				for (const written of list.entries) {
					const entry = written.trim();
					cidrEntries.push({ entry, list: index, hit: hitOf(entry) });
				}
				break;
			case "string":
				for (const entry of list.entries) strings.add(foldEntry(entry, false), index);
				break;
			case "hostname":
				for (const entry of list.entries) hosts.add(hostKey(entry), index);
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
	});
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
				strings: listsOfType("string", kind).length > 0,
				hosts: listsOfType("hostname", kind).length > 0,
				substrings: listsOfType("substring", kind),
				regexes: listsOfType("regex", kind),
			},
		]),
	);

	return {
		lists,
		hits(o) {
			const plan = plans[o.kind];
			if (plan === undefined) return NONE;
			let ipHits = NONE;
			if (plan.cidr) ipHits = ips.hits(o.value, parseCidr) ?? NONE;
			if (!plan.strings && !plan.hosts && plan.substrings.length === 0 && plan.regexes.length === 0) {
				return ipHits;
			}
			const found: WarninglistHit[] = [...ipHits];
			const add = (index: number, entry: string): void => {
				const list = lists[index] as Warninglist;
				if (applies(index, o.kind) && !found.some((hit) => hit.list === list.name))
					found.push({ list: list.name, description: list.description, type: list.type, entry });
			};
			const folded = o.value.toLowerCase();
			if (plan.strings) strings.each(folded, add);
			if (plan.hosts) {
				const host = hostOf(o.kind, folded);
				if (host !== undefined) hosts.eachHost(host, add);
			}
			for (const index of plan.substrings) {
				const entry = (substrings.get(index) ?? []).find((candidate) => folded.includes(candidate));
				if (entry !== undefined) add(index, entry);
			}
			for (const index of plan.regexes) {
				const entry = (regexes.get(index) ?? []).find((regex) => regex.test(o.value));
				if (entry !== undefined) add(index, entry.entry);
			}
			return found.length === 0 ? NONE : found;
		},
	};
}

/** A hostname entry as values are: the domain's normal form (IDN as punycode) when it has one, else folded. */
function hostKey(entry: string): string {
	const folded = foldEntry(entry, true);
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
