// Object ids interned to small integer ordinals: a STIX id (`type--uuid`) is kept as its type's number and the
// uuid's 16 bytes in one open-addressing table, about 30 bytes an object instead of a string and a Map entry (~110).
import { GrowableUint16 } from "./growable.ts";

const HEX_CODES = Uint8Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));

/**
 * Ordinals for object ids: `intern` gives an id its ordinal (the same while the id is held), `release` frees it
 * for reuse, `idOf` writes the id back. Ids that are not `type--uuid` in lower case keep their string.
 */
export class IdTable {
	readonly #types: string[] = [""];
	/** Per type number, `type--`: an id is then one concatenation of two strings. */
	readonly #prefixes: string[] = [""];
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
	#next = 0;
	#count = 0;

	/** How many ids are held. */
	get size(): number {
		return this.#count;
	}

	/** The id's ordinal, or -1 when it is not held. */
	ordinalOf(id: string): number {
		const type = parseId(id, this.#typeNumbers);
		if (type < 0) return type === UNKNOWN_TYPE ? -1 : (this.#oddOrdinals.get(id) ?? -1);
		const slot = this.#find(type, SCRATCH);
		return slot < 0 ? -1 : (this.#slots[slot] as number) - 1;
	}

	/** The id's ordinal, given one when it has none. */
	intern(id: string): number {
		let type = parseId(id, this.#typeNumbers);
		if (type >= 0) {
			const slot = this.#find(type, SCRATCH);
			if (slot >= 0) return (this.#slots[slot] as number) - 1;
		} else if (type === MALFORMED) {
			const odd = this.#oddOrdinals.get(id);
			if (odd !== undefined) return odd;
		}
		const typeNumber = type >= 0 ? type : this.#typeNumber(id.slice(0, Math.max(0, id.indexOf("--"))));
		// A type seen for the first time: SCRATCH holds its uuid (parseId read it before looking the type up).
		if (type === UNKNOWN_TYPE) type = typeNumber;
		const ordinal = this.#free.pop() ?? this.#next++;
		this.#count++;
		this.#typeOf.set(ordinal, typeNumber);
		if (type < 0) {
			this.#oddOrdinals.set(id, ordinal);
			this.#oddIds.set(ordinal, id);
			return ordinal;
		}
		this.#store(ordinal, SCRATCH);
		this.#insert(ordinal);
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
			SCRATCH.set(this.#uuids.subarray(ordinal * 4, ordinal * 4 + 4));
			const slot = this.#find(this.#typeOf.get(ordinal), SCRATCH);
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
		if (this.#oddIds.size > 0) {
			const odd = this.#oddIds.get(ordinal);
			if (odd !== undefined) return odd;
		}
		return (this.#prefixes[this.#typeOf.get(ordinal)] as string) + uuidText(this.#uuids, ordinal * 4);
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
			this.#prefixes.push(`${type}--`);
			this.#typeNumbers.set(type, number);
		}
		return number;
	}

	#store(ordinal: number, words: Uint32Array): void {
		if ((ordinal + 1) * 4 > this.#uuids.length) {
			const next = new Uint32Array(Math.max((ordinal + 1) * 4, Math.ceil(this.#uuids.length * 1.5)));
			next.set(this.#uuids);
			this.#uuids = next;
		}
		this.#uuids.set(words, ordinal * 4);
	}

	/** hashOf for the id held under `ordinal`, read in place (a rehash visits every id). */
	#hashAt(ordinal: number): number {
		const at = ordinal * 4;
		return hash(this.#uuids[at] as number, this.#uuids[at + 3] as number, this.#typeOf.get(ordinal));
	}

	/** The slot holding the id of type `type` and uuid `words`, or -1. */
	#find(type: number, words: Uint32Array): number {
		const mask = this.#slots.length - 1;
		const u = this.#uuids;
		const w0 = words[0] as number;
		const w1 = words[1] as number;
		const w2 = words[2] as number;
		const w3 = words[3] as number;
		for (let slot = hash(w0, w3, type) & mask; ; slot = (slot + 1) & mask) {
			const held = this.#slots[slot] as number;
			if (held === 0) return -1;
			if (held < 0) continue;
			const at = (held - 1) * 4;
			if (u[at] === w0 && u[at + 1] === w1 && u[at + 2] === w2 && u[at + 3] === w3) {
				if (this.#typeOf.get(held - 1) === type) return slot;
			}
		}
	}

	/** Places `ordinal` (its type and uuid already stored) in the table. */
	#insert(ordinal: number): void {
		if ((this.#used + this.#removed + 1) * 2 > this.#slots.length) this.#rehash();
		const mask = this.#slots.length - 1;
		let slot = this.#hashAt(ordinal) & mask;
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

/** parseId's answers that are not a type number. */
const MALFORMED = -2;
const UNKNOWN_TYPE = -1;
/** Where parseId writes the uuid it read: one buffer, no allocation per id (a rebuild parses millions). */
const SCRATCH = new Uint32Array(4);

/**
 * Reads `type--uuid` with a lower-case uuid: its uuid into SCRATCH, and returns its type's number, UNKNOWN_TYPE
 * when the id is well formed but its type has no number yet, MALFORMED otherwise.
 */
function parseId(id: string, types: ReadonlyMap<string, number>): number {
	const split = id.indexOf("--");
	if (split < 1 || id.length !== split + 38 || !uuidWords(id, split + 2)) return MALFORMED;
	return types.get(id.slice(0, split)) ?? UNKNOWN_TYPE;
}

/** The 128 bits of the lower-case uuid at `start` into SCRATCH, in one pass (a regex and parseInt cost 4× more). */
function uuidWords(id: string, start: number): boolean {
	let word = 0;
	let nibbles = 0;
	for (let i = 0; i < 36; i++) {
		const code = id.charCodeAt(start + i);
		if (i === 8 || i === 13 || i === 18 || i === 23) {
			if (code !== 45) return false;
			continue;
		}
		const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : -1;
		if (digit < 0) return false;
		word = ((word << 4) | digit) >>> 0;
		if ((++nibbles & 7) === 0) SCRATCH[(nibbles >>> 3) - 1] = word;
	}
	return true;
}

/** Mixes a uuid's first and last words (random in v4 and v5 ids) with the type's number. */
function hash(first: number, last: number, type: number): number {
	let h = Math.imul(first, 0x9e3779b1) ^ last;
	h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ Math.imul(type, 0xc2b2ae35);
	return (h ^ (h >>> 13)) >>> 0;
}

/** The hex digit code of the nibble of `word` at bit `shift`. */
function digit(word: number, shift: number): number {
	return HEX_CODES[(word >>> shift) & 15] as number;
}

/**
 * The uuid in `uuids[at..at+4]` as text, in one String.fromCharCode call with its 36 codes as arguments: the
 * string is built once, flat (concatenating pieces or spreading an array of codes costs about twice as much, and
 * an answer writes an id per object it names).
 */
function uuidText(uuids: Uint32Array, at: number): string {
	const a = uuids[at] as number;
	const b = uuids[at + 1] as number;
	const c = uuids[at + 2] as number;
	const d = uuids[at + 3] as number;
	return String.fromCharCode(
		digit(a, 28),
		digit(a, 24),
		digit(a, 20),
		digit(a, 16),
		digit(a, 12),
		digit(a, 8),
		digit(a, 4),
		digit(a, 0),
		45,
		digit(b, 28),
		digit(b, 24),
		digit(b, 20),
		digit(b, 16),
		45,
		digit(b, 12),
		digit(b, 8),
		digit(b, 4),
		digit(b, 0),
		45,
		digit(c, 28),
		digit(c, 24),
		digit(c, 20),
		digit(c, 16),
		45,
		digit(c, 12),
		digit(c, 8),
		digit(c, 4),
		digit(c, 0),
		digit(d, 28),
		digit(d, 24),
		digit(d, 20),
		digit(d, 16),
		digit(d, 12),
		digit(d, 8),
		digit(d, 4),
		digit(d, 0),
	);
}
