// What `suggest` completes: every indexed value and the names of named objects, in one case-insensitive order.
import { SortedKeys } from "./sorted-keys.ts";

/**
 * A suggestion's subject: a value's ordinal or a name's. Stored in one SortedKeys as 2 × a value's ordinal and
 * 2 × a name's + 1: both non-negative, since SortedKeys reads a negative ordinal as a removed pair (a name stored
 * negative was dropped by the first merge, so a rebuilt index suggested no names).
 */
export type LabelRef = { value: number } | { name: number };

/** At most this many labels under a prefix are weighed for "most named first": a bound on a suggestion's work. */
const WEIGHED = 5000;

/** Names of objects with how many objects carry each, and the ordered labels of names and values. */
export class Labels {
	readonly #ordered = new SortedKeys<string>();
	readonly #nameOrdinals = new Map<string, number>();
	readonly #names: (string | undefined)[] = [];
	readonly #nameCounts: number[] = [];
	readonly #freeNames: number[] = [];

	addValue(value: string, ordinal: number, bulk = false): void {
		this.#add(lowerCase(value), valueKey(ordinal), bulk);
	}

	/** Sorts what a rebuild appended. */
	seal(): void {
		this.#ordered.seal();
	}

	removeValue(value: string, ordinal: number): void {
		this.#ordered.remove(lowerCase(value), valueKey(ordinal));
	}

	/** Counts one more object named `name`; returns the name's ordinal (to give back to `removeName`). */
	addName(name: string, bulk = false): number {
		const held = this.#nameOrdinals.get(name);
		if (held !== undefined) {
			this.#nameCounts[held] = (this.#nameCounts[held] ?? 0) + 1;
			return held;
		}
		const ordinal = this.#freeNames.pop() ?? this.#names.length;
		this.#names[ordinal] = name;
		this.#nameCounts[ordinal] = 1;
		this.#nameOrdinals.set(name, ordinal);
		this.#add(lowerCase(name), nameKey(ordinal), bulk);
		return ordinal;
	}

	removeName(ordinal: number): void {
		const name = this.#names[ordinal];
		if (name === undefined) return;
		const count = (this.#nameCounts[ordinal] ?? 1) - 1;
		this.#nameCounts[ordinal] = count;
		if (count > 0) return;
		this.#ordered.remove(lowerCase(name), nameKey(ordinal));
		this.#nameOrdinals.delete(name);
		this.#names[ordinal] = undefined;
		this.#freeNames.push(ordinal);
	}

	nameOf(ordinal: number): string | undefined {
		return this.#names[ordinal];
	}

	nameCount(ordinal: number): number {
		return this.#names[ordinal] === undefined ? 0 : (this.#nameCounts[ordinal] ?? 0);
	}

	/** The labels starting with `prefix` (case-insensitive), at most `WEIGHED` of them, in label order. */
	startingWith(prefix: string): LabelRef[] {
		const low = prefix.toLowerCase();
		const found: LabelRef[] = [];
		this.#ordered.scan(low, `${low}\uffff`, (_key, ordinal) => {
			found.push(ordinal % 2 === 0 ? { value: ordinal / 2 } : { name: (ordinal - 1) / 2 });
			return found.length < WEIGHED;
		});
		return found;
	}

	#add(key: string, ordinal: number, bulk: boolean): void {
		if (bulk) this.#ordered.addUnsorted(key, ordinal);
		else this.#ordered.add(key, ordinal);
	}
}

/** The lower-case form, as the same string when it already is one: most values are, and a copy costs its size again. */
function lowerCase(text: string): string {
	const lower = text.toLowerCase();
	return lower === text ? text : lower;
}

function valueKey(ordinal: number): number {
	return ordinal * 2;
}

function nameKey(ordinal: number): number {
	return ordinal * 2 + 1;
}
