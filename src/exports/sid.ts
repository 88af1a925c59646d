// Sensor rule ids: a stable `sid` per rule, derived from the indicator id and what the rule tests, in a documented
// range, with collisions in one export moved to the next free id; and `rev` from the version (D56).

/** First sid of the range Entente writes: clear of the ranges rule vendors allocate (below 10,000,000). */
export const SID_BASE = 1_800_000_000;
/** 2^28 ids: SID_BASE + span stays below 2^31, for tools that read a sid as a signed 32-bit integer. */
export const SID_SPAN = 2 ** 28;
/** Every sid of the range is written with this many digits (1,800,000,000 to 2,068,435,455). */
export const SID_DIGITS = 10;
/** Up to this many sids are remembered in a Set; past it, one bit per sid of the range (32 MiB, fixed). */
const SET_LIMIT = 65_536;

/**
 * The sid a rule gets when nothing collides: SID_BASE + FNV-1a(`${indicatorId}\n${ruleKey}`) mod SID_SPAN. The
 * same indicator and rule get the same sid in every export, whoever receives it and whatever else it holds.
 */
export function baseSid(indicatorId: string, ruleKey: string): number {
	// The id, a newline, the key: hashed in turn rather than joined first (one string fewer per rule).
	const hash = fnv1a(ruleKey, Math.imul(fnv1a(indicatorId, 0x811c9dc5) ^ 0x0a, 0x01000193) >>> 0);
	return SID_BASE + (hash % SID_SPAN);
}

/** FNV-1a (32-bit) of `text`'s UTF-16 code units, continuing from `hash`. */
function fnv1a(text: string, hash: number): number {
	let h = hash;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return h;
}

/**
 * The version's `modified` (else `created`) in whole seconds since 1970: a newer version has a higher rev, and the
 * same version always the same one (two versions modified within one second share it).
 */
export function revOf(version: string | undefined): number {
	const ms = version === undefined ? Number.NaN : Date.parse(version);
	return Number.isFinite(ms) && ms >= 1000 ? Math.floor(ms / 1000) : 1;
}

/**
 * Hands out sids for one export, in rule order: the base sid, or on a collision the next free one in the range
 * (counted). One per export, used by one thread (format threads write base sids; the caller's thread settles them).
 */
export class SidAllocator {
	moved = 0;
	#set: Set<number> | undefined = new Set();
	#bits: Uint8Array | undefined;

	/** The sid for a rule whose base sid (`baseSid`) is `base`: that one when free, else the next free one. */
	allocate(base: number): number {
		const bits = this.#bits;
		if (bits !== undefined) {
			// Past 65,536 rules, the common case: one read of the bitmap decides, and the same byte is written.
			const offset = base - SID_BASE;
			const at = offset >>> 3;
			const byte = bits[at] as number;
			const bit = 1 << (offset & 7);
			if ((byte & bit) === 0) {
				bits[at] = byte | bit;
				return base;
			}
		}
		let sid = base;
		while (this.#taken(sid)) {
			sid = sid + 1 === SID_BASE + SID_SPAN ? SID_BASE : sid + 1;
			if (sid === base) throw new Error("every sid of the range is taken");
		}
		if (sid !== base) this.moved++;
		this.#take(sid);
		return sid;
	}

	#taken(sid: number): boolean {
		if (this.#set !== undefined) return this.#set.has(sid);
		const offset = sid - SID_BASE;
		return (((this.#bits as Uint8Array)[offset >>> 3] as number) & (1 << (offset & 7))) !== 0;
	}

	#take(sid: number): void {
		if (this.#set !== undefined) {
			this.#set.add(sid);
			if (this.#set.size < SET_LIMIT) return;
			// Past the limit a bitmap is smaller than the Set and stays the same size however many rules follow.
			const bits = new Uint8Array(SID_SPAN / 8);
			for (const taken of this.#set) setBit(bits, taken - SID_BASE);
			this.#bits = bits;
			this.#set = undefined;
			return;
		}
		setBit(this.#bits as Uint8Array, sid - SID_BASE);
	}
}

function setBit(bits: Uint8Array, offset: number): void {
	bits[offset >>> 3] = (bits[offset >>> 3] as number) | (1 << (offset & 7));
}
