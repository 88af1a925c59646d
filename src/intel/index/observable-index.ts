// The in-memory observable index: which objects name a value, what is related to a value (blocks, domains, one
// file's hashes), and text over names and descriptions. Object ids and values are interned to ordinals; the store
// stays the truth and the index is rebuilt from it at start-up (D46).
import { MAX_OBSERVABLE_LENGTH, type Observable, type ObservableKind } from "../../observables/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { IndicatorPatterns } from "../indicator-patterns.ts";
import { DomainTree, parentsOf } from "./domain-tree.ts";
import { GrowableInt32 } from "./growable.ts";
import { IdTable } from "./id-table.ts";
import { entryOf, type IndexEntry } from "./index-entry.ts";
import { IpBlocks, parseBlock } from "./ip-blocks.ts";
import { Labels } from "./labels.ts";
import { ObjectValues } from "./object-values.ts";
import { TextIndex } from "./text-index.ts";
import { ValueTable } from "./value-table.ts";

/**
 * How a related object's value (`via`) stands to the value asked about: the same value; inside the asked block;
 * a block containing the asked address or block; a sub-domain; a parent domain (of a domain, a URL's host or an
 * e-mail address's domain); another hash of the same file; an indicator whose pattern (LIKE, MATCHES, a range…)
 * the value satisfies (`pattern`: matching asks the index's `patterns`, never `related`).
 */
export type Relation =
	| "exact"
	| "within"
	| "contains"
	| "subdomain"
	| "parent-domain"
	| "same-file"
	| "pattern";

/** One object related to a value, and through which value. */
export interface RelatedObject {
	id: string;
	relation: Relation;
	via: Observable;
}

/** A completion of a typed prefix: a value (its kind) or an object's name, with how many objects carry it. */
export interface Suggestion {
	label: string;
	kind: ObservableKind | "name";
	count: number;
}

/** What `related` collects with (see #collector). */
type Collect = ((relation: Relation, visitValues: (visit: (value: number) => boolean) => void) => void) & {
	found: RelatedObject[];
};

const HASH_KINDS: ReadonlySet<string> = new Set(["md5", "sha1", "sha256", "sha512", "ssdeep", "tlsh"]);
const DEFAULT_LIMIT = 100;

/**
 * Every indexed object's values, words and name, answering in memory. Not safe to share between processes:
 * each node process builds its own (buildIndex) and keeps it current (followStore).
 */
export class ObservableIndex {
	readonly #ids = new IdTable();
	readonly #values = new ValueTable();
	readonly #blocks = new IpBlocks();
	readonly #domains = new DomainTree();
	readonly #text = new TextIndex();
	readonly #labels = new Labels();
	readonly #objectValues = new ObjectValues();
	/** Per object ordinal: the ordinal of the name it is suggested by (-1: none). */
	readonly #nameOf = new GrowableInt32(-1);
	/**
	 * The commit-log position (dateAdded/deletedAt) the index reflects: everything committed at or before it is
	 * indexed. Set by buildIndex, moved on by followStore; undefined: nothing read yet (follow from the start).
	 */
	position: string | undefined;
	/** True while a rebuild adds in bulk (range structures append and sort once). */
	#bulk = false;
	/** Indicators whose patterns are not plain values, kept current by put and remove (D48 addendum). */
	readonly patterns = new IndicatorPatterns();

	/** (Re)indexes the latest version of an object: replaces whatever this id had. */
	put(object: StixObject): void {
		this.putEntry(entryOf(object));
		this.patterns.put(object);
	}

	/** Indexes an entry (what `put` reads from an object), replacing whatever its id had. */
	putEntry(entry: IndexEntry): void {
		const before = this.#ids.size;
		const object = this.#ids.intern(entry.id);
		// Held before: forget what this id named (one parse of the id either way).
		if (this.#ids.size === before) this.#unindex(object);
		this.#objectValues.set(
			object,
			entry.observables.map((observable) => this.#addValue(object, observable)),
		);
		this.#text.put(object, entry.text);
		if (entry.name !== undefined) this.#nameOf.set(object, this.#labels.addName(entry.name, this.#bulk));
	}

	remove(id: string): void {
		this.patterns.remove(id);
		const object = this.#ids.ordinalOf(id);
		if (object < 0) return;
		this.#unindex(object);
		this.#ids.release(object);
	}

	/** Ids of objects naming exactly this value, in the order they were indexed. */
	exact(o: Observable): readonly string[] {
		const value = this.#values.ordinalOf(o.kind, o.value);
		if (value < 0) return [];
		const ids: string[] = [];
		this.#values.forEachObject(value, (object) => ids.push(this.#ids.idOf(object)) > 0);
		return ids;
	}

	/** How many objects name exactly this value. */
	count(o: Observable): number {
		return this.#values.countOf(this.#values.ordinalOf(o.kind, o.value));
	}

	/**
	 * Everything related to a value: the objects naming it, then those naming a value related to it (see
	 * Relation), at most `limit` objects per relation (default 100). An object appears once, under its first
	 * relation. Addresses are related only to blocks and blocks to addresses when both are indexed values.
	 */
	related(o: Observable, options: { limit?: number } = {}): RelatedObject[] {
		const collect = this.#collector(options.limit ?? DEFAULT_LIMIT);
		const self = this.#values.ordinalOf(o.kind, o.value);
		collect("exact", (visit) => {
			if (self >= 0) visit(self);
		});
		if (o.kind === "ipv4" || o.kind === "ipv6") this.#relatedBlocks(o.value, collect);
		const domain = domainOf(o);
		if (domain !== undefined) this.#relatedDomains(o.kind === "domain", domain, collect);
		if (HASH_KINDS.has(o.kind) && self >= 0) collect("same-file", (visit) => this.#sameFile(self, visit));
		return collect.found;
	}

	/**
	 * Object ids naming `text` as a value of any kind, then those whose names, aliases, external ids (T1059,
	 * CVE-…) or descriptions hold every word of `text`, best first (a name, alias or id match before a
	 * description match). At most `limit` (default 100); `types` keeps only objects of those types.
	 */
	search(text: string, options: { limit?: number; types?: readonly string[] } = {}): string[] {
		const limit = options.limit ?? DEFAULT_LIMIT;
		const types = options.types === undefined ? undefined : new Set(options.types);
		const accept = (object: number) => types === undefined || types.has(this.#ids.typeOf(object) ?? "");
		const objects = new Set<number>();
		this.#valueObjects(text.trim(), (object) => {
			if (accept(object)) objects.add(object);
			return objects.size < limit;
		});
		for (const object of this.#text.search(text, limit, accept)) objects.add(object);
		return [...objects].slice(0, limit).map((object) => this.#ids.idOf(object));
	}

	/** Values and names starting with `prefix` (case-insensitive), most-named first, then in label order. */
	suggest(prefix: string, limit: number): Suggestion[] {
		if (prefix === "" || limit <= 0) return [];
		const suggestions = this.#labels.startingWith(prefix).map((label): Suggestion => {
			if ("name" in label)
				return {
					label: this.#labels.nameOf(label.name) ?? "",
					kind: "name",
					count: this.#labels.nameCount(label.name),
				};
			return {
				label: this.#values.valueOf(label.value),
				kind: this.#values.kindOf(label.value) as ObservableKind,
				count: this.#values.countOf(label.value),
			};
		});
		return suggestions.sort((a, b) => b.count - a.count).slice(0, limit);
	}

	/** The observables an indexed object names (for correlation of an object); [] when it names none or is unknown. */
	observablesOfId(id: string): readonly Observable[] {
		const object = this.#ids.ordinalOf(id);
		return object < 0 ? [] : this.#valueOrdinals(object).map((value) => this.#observableOf(value));
	}

	/** The type of an indexed object, undefined when the index does not hold it. */
	typeOf(id: string): string | undefined {
		const object = this.#ids.ordinalOf(id);
		return object < 0 ? undefined : this.#ids.typeOf(object);
	}

	/** Whether the index holds this object. */
	has(id: string): boolean {
		return this.#ids.ordinalOf(id) >= 0;
	}

	/** How many objects and distinct values are indexed. */
	get size(): { objects: number; values: number } {
		return { objects: this.#ids.size, values: this.#values.size };
	}

	/**
	 * Runs `work` with range structures appending unsorted, sorting once at the end: how a rebuild of a
	 * million objects avoids a million ordered inserts.
	 */
	async bulk<T>(work: () => Promise<T>): Promise<T> {
		this.#bulk = true;
		try {
			return await work();
		} finally {
			this.#bulk = false;
			this.#blocks.seal();
			this.#domains.seal();
			this.#labels.seal();
		}
	}

	/**
	 * Collects related objects: `collect(relation, visitValues)` takes the objects of each value `visitValues`
	 * offers, at most `limit` for the relation, each object once across relations; `found` is the answer.
	 */
	#collector(limit: number): Collect {
		const found: RelatedObject[] = [];
		const seen = new SeenObjects();
		const collect = (relation: Relation, visitValues: (visit: (value: number) => boolean) => void) => {
			let taken = 0;
			visitValues((value) => {
				// Built on the first new object only: a value whose objects were all found already costs no allocation.
				let via: Observable | undefined;
				this.#values.forEachObject(value, (object) => {
					if (!seen.add(object)) return true;
					via ??= this.#observableOf(value);
					found.push({ id: this.#ids.idOf(object), relation, via });
					return ++taken < limit;
				});
				return taken < limit;
			});
		};
		return Object.assign(collect, { found });
	}

	/** Blocks within an asked block (none within an address) and blocks containing it. */
	#relatedBlocks(value: string, collect: Collect): void {
		const block = parseBlock(value);
		if (block === undefined) return;
		if (block.prefix < (block.version === 4 ? 32 : 128))
			collect("within", (visit) => this.#blocks.within(block, visit));
		collect("contains", (visit) => this.#blocks.containing(block, visit));
	}

	/** Sub-domains of an asked domain, and the indexed parents of a domain (or of the domain a URL or address is on). */
	#relatedDomains(isDomain: boolean, domain: string, collect: Collect): void {
		if (isDomain) collect("subdomain", (visit) => this.#domains.subdomains(domain, visit));
		const parents = isDomain ? parentsOf(domain) : [domain, ...parentsOf(domain)];
		collect("parent-domain", (visit) => {
			for (const parent of parents) {
				const value = this.#values.ordinalOf("domain", parent);
				if (value >= 0 && !visit(value)) return;
			}
		});
	}

	/** Records that `object` names `observable`; returns the value's ordinal. */
	#addValue(object: number, observable: Observable): number {
		// One probe of the value table: intern answers a held value's ordinal, and the size says whether it was new.
		const before = this.#values.size;
		const value = this.#values.intern(observable.kind, observable.value);
		if (this.#values.size > before) this.#relate(value, observable, true);
		this.#values.addObject(value, object);
		return value;
	}

	#unindex(object: number): void {
		for (const value of this.#valueOrdinals(object)) {
			const observable = this.#observableOf(value);
			if (this.#values.removeObject(value, object)) this.#relate(value, observable, false);
		}
		this.#objectValues.clear(object);
		this.#text.remove(object);
		const name = this.#nameOf.get(object);
		if (name >= 0) {
			this.#labels.removeName(name);
			this.#nameOf.set(object, -1);
		}
	}

	/** Adds a new value to (or removes a freed one from) the structures that relate values and complete them. */
	#relate(value: number, observable: Observable, add: boolean): void {
		const block =
			observable.kind === "ipv4" || observable.kind === "ipv6" ? parseBlock(observable.value) : undefined;
		if (add) {
			if (block !== undefined) this.#blocks.add(block, value, this.#bulk);
			if (observable.kind === "domain") this.#domains.add(observable.value, value, this.#bulk);
			// The table's own copy of the string, not the caller's (which may be a slice of a whole pattern).
			this.#labels.addValue(this.#values.valueOf(value), value, this.#bulk);
			return;
		}
		if (block !== undefined) this.#blocks.remove(block, value);
		if (observable.kind === "domain") this.#domains.remove(observable.value, value);
		this.#labels.removeValue(observable.value, value);
	}

	#valueOrdinals(object: number): number[] {
		return this.#objectValues.get(object);
	}

	#observableOf(value: number): Observable {
		return { kind: this.#values.kindOf(value) as ObservableKind, value: this.#values.valueOf(value) };
	}

	/**
	 * Other hashes of the file a hash names: those named beside it by an object that names at most one hash of
	 * each algorithm (a file SCO; an indicator testing one file). An object naming two MD5s names two files.
	 */
	#sameFile(hash: number, visit: (value: number) => boolean): void {
		const visited = new Set<number>([hash]);
		this.#values.forEachObject(hash, (object) => {
			const hashes = this.#valueOrdinals(object).filter((value) =>
				HASH_KINDS.has(this.#values.kindOf(value)),
			);
			const kinds = new Set(hashes.map((value) => this.#values.kindOf(value)));
			if (kinds.size !== hashes.length) return true;
			for (const value of hashes) {
				if (visited.has(value)) continue;
				visited.add(value);
				if (!visit(value)) return false;
			}
			return true;
		});
	}

	/** The objects naming `text` as a value of any kind (a search for "8.8.8.8" finds what names it). */
	#valueObjects(text: string, visit: (object: number) => boolean): void {
		// No value is longer (observables/ refuses longer ones): a pasted page is not hashed once per kind.
		if (text.length > MAX_OBSERVABLE_LENGTH) return;
		for (const kind of this.#values.kinds()) {
			const value = this.#values.ordinalOf(kind, text);
			if (value < 0) continue;
			let going = true;
			this.#values.forEachObject(value, (object) => {
				going = visit(object);
				return going;
			});
			if (!going) return;
		}
	}
}

/**
 * The object ordinals an answer has taken: a short array scanned while small (most answers are a few dozen
 * objects, where a Set's hashing and growth cost more than the scan), a Set past that.
 */
class SeenObjects {
	readonly #few: number[] = [];
	#many: Set<number> | undefined;

	/** Adds `object`; false when it was already there. */
	add(object: number): boolean {
		if (this.#many !== undefined) {
			if (this.#many.has(object)) return false;
			this.#many.add(object);
			return true;
		}
		if (this.#few.includes(object)) return false;
		this.#few.push(object);
		if (this.#few.length > 32) this.#many = new Set(this.#few);
		return true;
	}
}

/** The domain a value is on: a domain itself, a URL's host, an e-mail address's domain; undefined otherwise. */
function domainOf(o: Observable): string | undefined {
	if (o.kind === "domain") return o.value;
	if (o.kind === "email") {
		const at = o.value.lastIndexOf("@");
		return at < 0 ? undefined : o.value.slice(at + 1);
	}
	if (o.kind === "url") {
		try {
			const host = new URL(o.value).hostname;
			return host === "" || host.startsWith("[") || /^[\d.]+$/.test(host) ? undefined : host;
		} catch {
			return undefined;
		}
	}
	return undefined;
}
