// Object ids interned to small integer ordinals: a STIX id (`type--uuid`) is kept as its type's number and the
// uuid's 16 bytes in one open-addressing table, about 30 bytes an object instead of a string and a Map entry (~110).
import { GrowableUint16 } from "./growable.ts";

const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
/** Where each of a uuid's 32 hex digits goes among its 36 characters (the rest are hyphens). */
const UUID_POSITIONS = Array.from({ length: 36 }, (_, i) => i).filter(
	(i) => i !== 8 && i !== 13 && i !== 18 && i !== 23,
);

/**
 * Ordinals for object ids: `intern` gives an id its ordinal (the same while the id is held), `release` frees it
 * for reuse, `idOf` writes the id back. Ids that are not `type--uuid` in lower case keep their string.
 */
export class IdTable {
	readonly #types: string[] = [""];
	readonly #typeNumbers = new Map<string, number>();
	/** Per ordinal: its type's number, 0 when the ordinal is free. */
	readonly #typeOf = new GrowableUint16();
	#uuids = new Uint32Array(4 * 1024);
	/** Open addressing: ordinal + 1; 0 empty; -1 a removed entry. */
	#slots = new Int32Array(2048);
	#used = 0;
	#removed = 0;
	/** Ids that are not type--uuid (custom or malformed), by string. */
	readonly #oddOrdinals = new Map<string, number>();
	readonly #oddIds = new Map<number, string>();
	readonly #free: number[] = [];
	/** Scratch for idOf: the 36 character codes of a uuid, hyphens in place. */
	readonly #codes: number[] = new Array<number>(36).fill(45);
	#next = 0;
	#count = 0;

	/** How many ids are held. */
	get size(): number {
		return this.#count;
	}

	/** The id's ordinal, or -1 when it is not held. */
	ordinalOf(id: string): number {
		const parsed = parseId(id, this.#typeNumbers);
		if (parsed === undefined) return this.#oddOrdinals.get(id) ?? -1;
		const slot = this.#find(parsed);
		return slot < 0 ? -1 : (this.#slots[slot] as number) - 1;
	}

	/** The id's ordinal, given one when it has none. */
	intern(id: string): number {
		let parsed = parseId(id, this.#typeNumbers);
		if (parsed !== undefined) {
			const slot = this.#find(parsed);
			if (slot >= 0) return (this.#slots[slot] as number) - 1;
		} else {
			const odd = this.#oddOrdinals.get(id);
			if (odd !== undefined) return odd;
		}
		const type = this.#typeNumber(id.slice(0, Math.max(0, id.indexOf("--"))));
		// A type seen for the first time: its id parses now that the type has a number.
		parsed ??= parseId(id, this.#typeNumbers);
		const ordinal = this.#free.pop() ?? this.#next++;
		this.#count++;
		this.#typeOf.set(ordinal, type);
		if (parsed === undefined) {
			this.#oddOrdinals.set(id, ordinal);
			this.#oddIds.set(ordinal, id);
			return ordinal;
		}
		this.#store(ordinal, parsed.words);
		this.#insert(parsed, ordinal);
		return ordinal;
	}

	/** Frees an ordinal (its id is no longer held); it may be given to another id later. */
	release(ordinal: number): void {
		if (this.#typeOf.get(ordinal) === 0) return;
		const odd = this.#oddIds.get(ordinal);
		if (odd !== undefined) {
			this.#oddIds.delete(ordinal);
			this.#oddOrdinals.delete(odd);
		} else {
			const slot = this.#find({ type: this.#typeOf.get(ordinal), words: this.#wordsOf(ordinal) });
			if (slot >= 0) {
				this.#slots[slot] = -1;
				this.#removed++;
			}
		}
		this.#typeOf.set(ordinal, 0);
		this.#free.push(ordinal);
		this.#count--;
	}

	/** The id held under `ordinal`. */
	idOf(ordinal: number): string {
		const odd = this.#oddIds.get(ordinal);
		if (odd !== undefined) return odd;
		// One string from 36 character codes: half the cost of concatenating 20 pieces (an answer writes many ids).
		const codes = this.#codes;
		for (let word = 0; word < 4; word++) {
			const bits = this.#uuids[ordinal * 4 + word] as number;
			for (let nibble = 0; nibble < 8; nibble++)
				codes[UUID_POSITIONS[word * 8 + nibble] as number] = HEX_CODES[
					(bits >>> (28 - 4 * nibble)) & 15
				] as number;
		}
		return `${this.#types[this.#typeOf.get(ordinal)]}--${String.fromCharCode(...codes)}`;
	}

	/** The type of the id held under `ordinal`, or undefined when the ordinal is free. */
	typeOf(ordinal: number): string | undefined {
		const type = this.#typeOf.get(ordinal);
		return type === 0 ? undefined : this.#types[type];
	}

	#typeNumber(type: string): number {
		let number = this.#typeNumbers.get(type);
		if (number === undefined) {
			number = this.#types.length;
			if (number > 0xffff)
				throw new Error("more than 65,535 object types: the index holds at most that many");
			this.#types.push(type);
			this.#typeNumbers.set(type, number);
		}
		return number;
	}

	#store(ordinal: number, words: readonly number[]): void {
		if ((ordinal + 1) * 4 > this.#uuids.length) {
			const next = new Uint32Array(Math.max((ordinal + 1) * 4, Math.ceil(this.#uuids.length * 1.5)));
			next.set(this.#uuids);
			this.#uuids = next;
		}
		this.#uuids.set(words, ordinal * 4);
	}

	#wordsOf(ordinal: number): number[] {
		return Array.from(this.#uuids.subarray(ordinal * 4, ordinal * 4 + 4));
	}

	/** hashOf for the id held under `ordinal`, read in place (a rehash visits every id). */
	#hashAt(ordinal: number): number {
		const at = ordinal * 4;
		return hash(this.#uuids[at] as number, this.#uuids[at + 3] as number, this.#typeOf.get(ordinal));
	}

	/** The slot holding this id, or -1. */
	#find(key: ParsedId): number {
		const mask = this.#slots.length - 1;
		for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
			const held = this.#slots[slot] as number;
			if (held === 0) return -1;
			if (held > 0 && this.#matches(held - 1, key)) return slot;
		}
	}

	#matches(ordinal: number, key: ParsedId): boolean {
		const at = ordinal * 4;
		const u = this.#uuids;
		return (
			u[at] === key.words[0] &&
			u[at + 1] === key.words[1] &&
			u[at + 2] === key.words[2] &&
			u[at + 3] === key.words[3] &&
			this.#typeOf.get(ordinal) === key.type
		);
	}

	#insert(key: ParsedId, ordinal: number): void {
		if ((this.#used + this.#removed + 1) * 2 > this.#slots.length) this.#rehash();
		const mask = this.#slots.length - 1;
		let slot = hashOf(key) & mask;
		while ((this.#slots[slot] as number) > 0) slot = (slot + 1) & mask;
		if (this.#slots[slot] === -1) this.#removed--;
		this.#slots[slot] = ordinal + 1;
		this.#used++;
	}

	/** Doubles the table when live entries fill a quarter of it; otherwise rebuilds it without removed slots. */
	#rehash(): void {
		const live = this.#used - this.#removed;
		const size = live * 4 > this.#slots.length ? this.#slots.length * 2 : this.#slots.length;
		const old = this.#slots;
		this.#slots = new Int32Array(size);
		this.#used = 0;
		this.#removed = 0;
		const mask = size - 1;
		for (const held of old) {
			if (held <= 0) continue;
			const ordinal = held - 1;
			let slot = this.#hashAt(ordinal) & mask;
			while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
			this.#slots[slot] = held;
			this.#used++;
		}
	}
}

interface ParsedId {
	type: number;
	words: readonly number[];
}

/** `type--uuid` with a known type and a lower-case uuid as four 32-bit words; undefined otherwise. */
function parseId(id: string, types: ReadonlyMap<string, number>): ParsedId | undefined {
	const split = id.indexOf("--");
	if (split < 1 || id.length !== split + 38) return undefined;
	const words = uuidWords(id, split + 2);
	if (words === undefined) return undefined;
	const type = types.get(id.slice(0, split));
	// An unknown type is interned before its first id is parsed (intern registers it), so it is found next time.
	return type === undefined ? undefined : { type, words };
}

/** The 128 bits of the lower-case uuid at `start` as four words, in one pass (a regex and parseInt cost 4× more). */
function uuidWords(id: string, start: number): number[] | undefined {
	const words = [0, 0, 0, 0];
	let nibbles = 0;
	for (let i = 0; i < 36; i++) {
		const code = id.charCodeAt(start + i);
		if (i === 8 || i === 13 || i === 18 || i === 23) {
			if (code !== 45) return undefined;
			continue;
		}
		const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
		if (digit < 0) return undefined;
		const word = nibbles >>> 3;
		words[word] = (((words[word] as number) << 4) | digit) >>> 0;
		nibbles++;
	}
	return words;
}

function hashOf(key: ParsedId): number {
	return hash(key.words[0] as number, key.words[3] as number, key.type);
}

/** Mixes a uuid's first and last words (random in v4 and v5 ids) with the type's number. */
function hash(first: number, last: number, type: number): number {
	let h = Math.imul(first, 0x9e3779b1) ^ last;
	h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ Math.imul(type, 0xc2b2ae35);
	return (h ^ (h >>> 13)) >>> 0;
}
