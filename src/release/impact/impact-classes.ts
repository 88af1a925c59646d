// A policy change's impact (D62): the stored latest versions grouped into decision classes, one pass over the store.
import { type CompiledPolicy, isStatement, patternMentions } from "../../policy/index.ts";
import { SCO_TYPES } from "../../stix/types/index.ts";
import type { Store, StoredVersion } from "../../store/index.ts";
import { inheritedUnder } from "../inheritance.ts";
import { type NamedValue, namedKey, namedValues, OwnKeys, shapeOf } from "./impact-key.ts";

/** Members kept per class as examples (the first is the representative the gate is asked about). */
export const EXAMPLES_PER_CLASS = 3;

/**
 * Versions the gate decides alike for every party under both policies: alone (no references, no pattern), an
 * indicator (with the classes of the observables it names), or per object (its release also depends on what it
 * references: only the decision about itself is shared).
 */
export interface DecisionClass {
	index: number;
	kind: "alone" | "indicator" | "per-object";
	count: number;
	/** The version the gate is asked about for the whole class (an indicator's is read once the scan ends). */
	representative: StoredVersion | undefined;
	/** The first members. */
	examples: ExampleRef[];
	/** An indicator's held observables' classes and the types of the values it names that the node does not hold. */
	heldClasses: readonly number[];
	standInTypes: readonly string[];
}

/** A member named in the answer: its id, type and name. */
export interface ExampleRef {
	id: string;
	type: string;
	name?: string;
}

const SCO_TYPE_SET: ReadonlySet<string> = new Set(SCO_TYPES);
const NOTHING: readonly never[] = Object.freeze([]);

/** An indicator read before every observable it names was: classified once the scan ends. */
interface PendingIndicator {
	own: number;
	values: NamedValue[];
	/** Its id (an example names it; its type and name are read back for the few that are shown). */
	id: string;
	/** While its page is at hand (not kept once it waits). */
	version?: StoredVersion;
}

/** The policies a version's inheritance is read under (the edges that count depend on the house, D33). */
export interface Policies {
	current: CompiledPolicy | undefined;
	proposed: CompiledPolicy;
}

/**
 * Classifies stored latest versions page by page (`add`), then the indicators still waiting (`finish`). Observables
 * stated by several contributors (D31: which statement a party receives depends on them all) are set apart by id.
 * A page's indicators are classified at the end of the page, against the observables read so far (the page's own
 * included) and, for values the scan has not reached, the store's `heldIds`: a held one not read yet waits for
 * `finish`. When an observable an indicator was classified against is stated again later (`restart`), the scan must
 * be made again knowing every such id from the start (`severalKnown`): then nothing is classified early wrongly.
 */
export class Classes {
	readonly list: DecisionClass[] = [];
	readonly byKey = new Map<string, number>();
	/** Ids stated by several contributors: decided per object, each id counted once. */
	readonly severalStatements = new Set<string>();
	objects = 0;
	readonly #store: Store;
	readonly #policies: Policies;
	readonly #heldTypes: ReadonlySet<string>;
	readonly #ownKeys = new OwnKeys();
	/**
	 * Observable id → 2 × its class + 1 once an indicator was classified against it; -1 when stated several times.
	 */
	readonly #observables = new Map<string, number>();
	readonly #severalKnown: ReadonlySet<string>;
	#pending: PendingIndicator[] = [];
	/** True when an observable an indicator was classified against was stated again later: scan again. */
	restart = false;

	constructor(
		store: Store,
		policies: Policies,
		heldTypes: ReadonlySet<string>,
		severalKnown: ReadonlySet<string> = new Set(),
	) {
		this.#store = store;
		this.#policies = policies;
		this.#heldTypes = heldTypes;
		this.#severalKnown = severalKnown;
	}

	/** Pass 1: every version of a page joins its class; its indicators at the end of the page, or in `finish`. */
	async add(page: readonly StoredVersion[]): Promise<void> {
		const own = await this.#ownKeysOf(page);
		const indicators: PendingIndicator[] = [];
		page.forEach((version, at) => {
			if (this.#repeatedStatement(version)) return;
			this.objects++;
			const key = own[at] as number;
			const shape = shapeOf(version);
			if (shape === "indicator") {
				const mentions = patternMentions(version.object);
				if (mentions !== undefined) {
					indicators.push({
						own: key,
						values: namedValues(mentions, this.#heldTypes),
						id: version.id,
						version,
					});
					return;
				}
			}
			const kind = shape === "references" ? "per-object" : shape === "indicator" ? "indicator" : "alone";
			const index = this.#join(this.#plainKey(shape, key), kind, exampleOf(version), version);
			if (this.#observableLike(version)) this.#observables.set(version.id, index * 2);
		});
		if (indicators.length > 0) await this.#classifyIndicators(indicators);
	}

	/** The page's indicators whose named values are all known now; the others wait for `finish`. */
	async #classifyIndicators(indicators: readonly PendingIndicator[]): Promise<void> {
		const unread = new Set<string>();
		for (const i of indicators)
			for (const v of i.values) if (v.id !== undefined && !this.#observables.has(v.id)) unread.add(v.id);
		const held = unread.size === 0 ? unread : await this.#store.heldIds([...unread]);
		for (const i of indicators) {
			if (i.values.some((v) => v.id !== undefined && held.has(v.id) && !this.#observables.has(v.id))) {
				this.#pending.push({ own: i.own, values: i.values, id: i.id });
				continue;
			}
			const example = i.version === undefined ? { id: i.id, type: "indicator" } : exampleOf(i.version);
			this.#indicatorClass(i.own, i.values, example, true, i.version);
		}
	}

	/**
	 * Classifies the indicators read in pass 1, now that every observable they may name has its class, and reads
	 * the representative of each class that has none yet.
	 */
	async finish(): Promise<void> {
		const pending = this.#pending;
		this.#pending = [];
		for (const p of pending) this.#indicatorClass(p.own, p.values, { id: p.id, type: "indicator" }, true);
		const wanted = this.list.filter((c) => c.representative === undefined && c.examples[0] !== undefined);
		for (let at = 0; at < wanted.length; at += 200) {
			const batch = wanted.slice(at, at + 200);
			const read = new Map<string, StoredVersion>();
			const ids = batch.flatMap((c) => c.examples.map((example) => example.id));
			for (const version of await this.#store.latestVersions(ids)) read.set(version.id, version);
			for (const c of batch) {
				c.representative = read.get(c.examples[0]?.id as string);
				c.examples = c.examples.map((example) => {
					const version = read.get(example.id);
					return version === undefined ? example : exampleOf(version);
				});
			}
		}
	}

	/**
	 * Pass 2: the class of each version of a page as pass 1 made it (undefined: stated by several contributors, or
	 * a version pass 1 did not read).
	 */
	async classesOf(page: readonly StoredVersion[]): Promise<(number | undefined)[]> {
		const own = await this.#ownKeysOf(page);
		return page.map((version, at) => {
			if (this.severalStatements.has(version.id)) return -1;
			const key = own[at] as number;
			const shape = shapeOf(version);
			if (shape === "indicator") {
				const mentions = patternMentions(version.object);
				if (mentions !== undefined)
					return this.#indicatorClass(key, namedValues(mentions, this.#heldTypes), exampleOf(version), false);
			}
			return this.byKey.get(this.#plainKey(shape, key));
		});
	}

	/** Each version's own key, interned (the text of ownKey is compared only when fields differ). */
	async #ownKeysOf(page: readonly StoredVersion[]): Promise<number[]> {
		const ids = page.map((version) => version.id);
		const [before, after] = await inheritedUnder(this.#store, ids, [
			() => this.#policies.current,
			() => this.#policies.proposed,
		]);
		return page.map((version) =>
			this.#ownKeys.indexOf(version, before?.get(version.id), after?.get(version.id)),
		);
	}

	#plainKey(shape: "alone" | "indicator" | "references", own: number): string {
		// An indicator whose pattern does not parse is withheld by the gate whatever it names: a class of its own.
		return `${shape === "references" ? "r" : shape === "indicator" ? "u" : "a"}|${own}`;
	}

	#indicatorClass(
		own: number,
		values: readonly NamedValue[],
		example: ExampleRef,
		join: boolean,
		version?: StoredVersion,
	): number | undefined {
		const named = namedKey(values, (id) => {
			const entry = this.#observables.get(id);
			if (entry === undefined) return undefined;
			if (entry < 0) return -1;
			if (join && entry % 2 === 0) this.#observables.set(id, entry + 1);
			const index = entry >> 1;
			return this.list[index]?.kind === "per-object" ? -1 : index;
		});
		// Naming an observable decided per object (several statements, references) makes the indicator one too.
		const key = named.key === undefined ? `p|${own}` : `i|${own}|${named.key}`;
		if (!join) return this.byKey.get(key);
		if (named.key === undefined) return this.#join(key, "per-object", example, version);
		return this.#join(key, "indicator", example, version, named.heldClasses, named.standInTypes);
	}

	#join(
		key: string,
		kind: DecisionClass["kind"],
		example: ExampleRef,
		version: StoredVersion | undefined,
		heldClasses: readonly number[] = NOTHING,
		standInTypes: readonly string[] = NOTHING,
	): number {
		let index = this.byKey.get(key);
		if (index === undefined) {
			index = this.list.length;
			this.byKey.set(key, index);
			this.list.push({
				index,
				kind,
				count: 0,
				representative: version,
				examples: [],
				heldClasses,
				standInTypes,
			});
		}
		const joined = this.list[index] as DecisionClass;
		joined.count++;
		if (joined.examples.length < EXAMPLES_PER_CLASS) joined.examples.push(example);
		return index;
	}

	/** An object an indicator's pattern may name (an observable), or a statement (D31). */
	#observableLike(version: StoredVersion): boolean {
		return SCO_TYPE_SET.has(version.type) || isStatement(version.object);
	}

	/**
	 * True for a second (or later) statement of an id: the id leaves its class and is decided per object. Its
	 * first statement already counted, as an object and in its class (or among the pending indicators).
	 */
	#repeatedStatement(version: StoredVersion): boolean {
		if (!this.#observableLike(version)) return false;
		const known = this.#observables.get(version.id);
		if (known === undefined) {
			if (!this.#severalKnown.has(version.id)) return false;
			// Known from an earlier scan to be stated several times: counted once, decided per object.
			this.severalStatements.add(version.id);
			this.#observables.set(version.id, -1);
			this.objects++;
			return true;
		}
		if (known < 0) return true;
		if (known % 2 === 1) this.restart = true;
		this.severalStatements.add(version.id);
		this.#observables.set(version.id, -1);
		const first = this.list[known >> 1] as DecisionClass;
		first.count--;
		first.examples = first.examples.filter((example) => example.id !== version.id);
		if (first.representative?.id === version.id) first.representative = undefined;
		return true;
	}
}

export function exampleOf(version: StoredVersion): ExampleRef {
	const name = version.object.name;
	return typeof name === "string"
		? { id: version.id, type: version.type, name }
		: { id: version.id, type: version.type };
}
