// Observable values interned to ordinals in one open-addressing table (4 bytes a slot, against ~40 for a Map entry;
// the value string itself is kept once, no `kind:` copy), each with its posting list: the ordinals of the objects
// that name it, the first two inline, the rest aside.
import { GrowableInt32, GrowableUint16 } from "./growable.ts";
import { ownCopy } from "./own-copy.ts";

/** Values by kind, and which objects name each. */
export class ValueTable {
	readonly #kinds: string[] = [""];
	readonly #kindNumbers = new Map<string, number>();
	/** Per value ordinal: its kind's number, 0 when free. */
	readonly #kindOf = new GrowableUint16();
	readonly #values: (string | undefined)[] = [];
	readonly #free: number[] = [];
	/** Open addressing over (kind, value): ordinal + 1; 0 empty; -1 a removed entry. */
	#slots = new Int32Array(1024);
	#used = 0;
	/**
	 * Per value ordinal, side by side: the first object naming it (at 2 × ordinal) and the second (at 2 × ordinal
	 * + 1, see #secondOf), so a lookup reads both from one cache line rather than two.
	 */
	readonly #postings = new GrowableInt32(-1, 2048);
	readonly #more = new Map<number, number[]>();
	#count = 0;

	/** How many distinct values are held. */
	get size(): number {
		return this.#count;
	}

	/** The value's ordinal, or -1 when no object names it. */
	ordinalOf(kind: string, value: string): number {
		const kindNumber = this.#kindNumbers.get(kind);
		if (kindNumber === undefined) return -1;
		const slot = this.#find(kindNumber, value, hashOf(kindNumber, value));
		return slot < 0 ? -1 : ordinalIn(this.#slots[slot] as number);
	}

	/** The value's ordinal, given one (with no objects) when it has none. */
	intern(kind: string, value: string): number {
		let kindNumber = this.#kindNumbers.get(kind);
		if (kindNumber === undefined) {
			kindNumber = this.#kinds.length;
			this.#kinds.push(kind);
			this.#kindNumbers.set(kind, kindNumber);
		}
		// Hashed once for the probe and the insert: a rebuild interns every value of a million objects.
		const hash = hashOf(kindNumber, value);
		const slot = this.#find(kindNumber, value, hash);
		if (slot >= 0) return ordinalIn(this.#slots[slot] as number);
		const ordinal = this.#free.pop() ?? this.#values.length;
		if (ordinal >= MAX_VALUES)
			throw new Error(
				`the observable index holds at most ${MAX_VALUES} distinct values: run more node processes, each with part of the data`,
			);
		this.#values[ordinal] = ownCopy(value);
		this.#kindOf.set(ordinal, kindNumber);
		this.#insert(ordinal, hash);
		this.#count++;
		return ordinal;
	}

	/** The kinds of value ever held. */
	kinds(): readonly string[] {
		return this.#kinds.slice(1);
	}

	kindOf(ordinal: number): string {
		return this.#kinds[this.#kindOf.get(ordinal)] ?? "";
	}

	valueOf(ordinal: number): string {
		return this.#values[ordinal] ?? "";
	}

	/** Records that object `object` names value `ordinal` (once: the caller adds each pair once). */
	addObject(ordinal: number, object: number): void {
		if (this.#postings.get(2 * ordinal) < 0) this.#postings.set(2 * ordinal, object);
		else if (this.#postings.get(2 * ordinal + 1) === -1) this.#postings.set(2 * ordinal + 1, object);
		else {
			const more = this.#more.get(ordinal);
			if (more === undefined) {
				this.#more.set(ordinal, [object]);
				this.#setSecond(ordinal, this.#secondOf(ordinal), true);
			} else more.push(object);
		}
	}

	/** Forgets that `object` names value `ordinal`; a value no object names any more is freed (returns true). */
	removeObject(ordinal: number, object: number): boolean {
		const more = this.#hasMore(ordinal) ? this.#more.get(ordinal) : undefined;
		if (this.#postings.get(2 * ordinal) === object) {
			this.#postings.set(2 * ordinal, this.#secondOf(ordinal));
			this.#setSecond(ordinal, this.#shift(ordinal, more), this.#more.has(ordinal));
		} else if (this.#secondOf(ordinal) === object) {
			this.#setSecond(ordinal, this.#shift(ordinal, more), this.#more.has(ordinal));
		} else if (more !== undefined) {
			const at = more.indexOf(object);
			if (at >= 0) more.splice(at, 1);
			if (more.length === 0) {
				this.#more.delete(ordinal);
				this.#setSecond(ordinal, this.#secondOf(ordinal), false);
			}
		}
		if (this.#postings.get(2 * ordinal) >= 0) return false;
		this.#release(ordinal);
		return true;
	}

	/** How many objects name value `ordinal`. */
	countOf(ordinal: number): number {
		if (ordinal < 0 || this.#postings.get(2 * ordinal) < 0) return 0;
		const second = this.#postings.get(2 * ordinal + 1);
		if (second === -1) return 1;
		return second >= 0 ? 2 : 2 + (this.#more.get(ordinal)?.length ?? 0);
	}

	/** Calls `visit` with each object naming value `ordinal`, in the order they were added, until it returns false. */
	forEachObject(ordinal: number, visit: (object: number) => boolean): void {
		const first = this.#postings.get(2 * ordinal);
		if (first < 0 || !visit(first)) return;
		const second = this.#postings.get(2 * ordinal + 1);
		if (second === -1) return;
		if (second >= 0) {
			visit(second);
			return;
		}
		if (!visit(-2 - second)) return;
		for (const object of this.#more.get(ordinal) ?? []) if (!visit(object)) return;
	}

	/**
	 * The second object naming a value, -1 when none. Its slot holds it as is, or as -2 - object when more objects
	 * follow in #more: most values are named by one or two objects, and they then read no Map (a cache miss).
	 */
	#secondOf(ordinal: number): number {
		const second = this.#postings.get(2 * ordinal + 1);
		return second >= -1 ? second : -2 - second;
	}

	#hasMore(ordinal: number): boolean {
		return this.#postings.get(2 * ordinal + 1) < -1;
	}

	#setSecond(ordinal: number, object: number, more: boolean): void {
		this.#postings.set(2 * ordinal + 1, more && object >= 0 ? -2 - object : object);
	}

	#shift(ordinal: number, more: number[] | undefined): number {
		if (more === undefined) return -1;
		const next = more.shift() as number;
		if (more.length === 0) this.#more.delete(ordinal);
		return next;
	}

	#release(ordinal: number): void {
		const kindNumber = this.#kindOf.get(ordinal);
		const slot = this.#find(kindNumber, this.valueOf(ordinal), hashOf(kindNumber, this.valueOf(ordinal)));
		if (slot >= 0) this.#slots[slot] = -1;
		this.#values[ordinal] = undefined;
		this.#kindOf.set(ordinal, 0);
		this.#free.push(ordinal);
		this.#count--;
	}

	/** The slot holding (kind, value), or -1. */
	#find(kindNumber: number, value: string, hash: number): number {
		const mask = this.#slots.length - 1;
		const tag = tagOf(hash);
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const held = this.#slots[slot] as number;
			if (held === 0) return -1;
			// The tag first: a probe past another value reads no string (a random one, a cache miss at 1M values).
			if (held > 0 && held >>> ORDINAL_BITS === tag) {
				const ordinal = ordinalIn(held);
				if (this.#values[ordinal] === value && this.#kindOf.get(ordinal) === kindNumber) return slot;
			}
		}
	}

	#insert(ordinal: number, hash: number): void {
		// Slots used (live or removed) stay under 70 % of the table: probes stay short (~2 for a value held),
		// and a million values fit 2^21 slots (8 MiB) rather than 2^22.
		if ((this.#used + 1) * 10 > this.#slots.length * 7) this.#rehash();
		const mask = this.#slots.length - 1;
		let slot = hash & mask;
		while ((this.#slots[slot] as number) > 0) slot = (slot + 1) & mask;
		if (this.#slots[slot] === 0) this.#used++;
		this.#slots[slot] = slotOf(ordinal, hash);
	}

	/** Doubles the table when live values fill 35 % of it; otherwise rebuilds it without removed slots. */
	#rehash(): void {
		const size = this.#count * 20 > this.#slots.length * 7 ? this.#slots.length * 2 : this.#slots.length;
		const old = this.#slots;
		this.#slots = new Int32Array(size);
		this.#used = 0;
		const mask = size - 1;
		for (const held of old) {
			if (held <= 0) continue;
			const ordinal = ordinalIn(held);
			let slot = hashOf(this.#kindOf.get(ordinal), this.valueOf(ordinal)) & mask;
			while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
			this.#slots[slot] = held;
			this.#used++;
		}
	}
}

/**
 * A slot holds ordinal + 1 in its low ORDINAL_BITS and 5 bits of the value's hash above them (the sign bit stays
 * clear: -1 marks a removed entry, 0 an empty one).
 */
const ORDINAL_BITS = 26;
const ORDINAL_MASK = (1 << ORDINAL_BITS) - 1;
/** Ordinals fit the slot's low bits: 67 million distinct values, far past what one process's memory holds. */
const MAX_VALUES = ORDINAL_MASK - 1;

function tagOf(hash: number): number {
	return (hash >>> ORDINAL_BITS) & 31;
}

function slotOf(ordinal: number, hash: number): number {
	return (tagOf(hash) << ORDINAL_BITS) | (ordinal + 1);
}

function ordinalIn(held: number): number {
	return (held & ORDINAL_MASK) - 1;
}

/** FNV-1a over the value's UTF-16 code units, mixed with the kind's number. */
function hashOf(kindNumber: number, value: string): number {
	let h = Math.imul(0x811c9dc5 ^ kindNumber, 0x01000193);
	for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
	return (h ^ (h >>> 15)) >>> 0;
}
