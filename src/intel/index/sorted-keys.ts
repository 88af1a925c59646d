// An ordered set of (key, ordinal) pairs for range scans that stays cheap to update: a big sorted run, a small
// sorted run taking inserts (merged into the big one when it fills), and removals marked in place.
import { headsOf, lowerBoundByHead, PrefixTest } from "./key-heads.ts";

const SMALL_RUN_LIMIT = 4096;

/**
 * Pairs of a key (a number or a string; several ordinals may share one) and an ordinal, scanned in key order.
 * `add` and `remove` are O(log n) amortised; `scan` visits a key range in order.
 */
export class SortedKeys<K extends number | string> {
	#keys: K[] = [];
	#ordinals: number[] = [];
	#tombstones = 0;
	#smallKeys: K[] = [];
	#smallOrdinals: number[] = [];
	/** Added in bulk since the last sort (a rebuild): sorted on the next read. */
	#unsorted = false;
	/** Whether the big run of string keys keeps their heads (key-heads.ts) for searches without a string per probe. */
	readonly #withHeads: boolean;
	/** The big run's heads, when kept; rebuilt whenever the big run is (a sort or a merge). */
	#heads: Uint32Array | undefined;
	readonly #prefixTest = new PrefixTest();

	/**
	 * `heads`: keep the first 16 characters of each string key of the big run in one buffer (16 bytes a key), so a
	 * search reads strings only where heads tie. For runs searched per lookup (domains), not runs read rarely.
	 */
	constructor(options: { heads?: boolean } = {}) {
		this.#withHeads = options.heads === true;
	}

	/** Live pairs. */
	get size(): number {
		return this.#keys.length - this.#tombstones + this.#smallKeys.length;
	}

	add(key: K, ordinal: number): void {
		if (this.#unsorted) {
			this.#keys.push(key);
			this.#ordinals.push(ordinal);
			return;
		}
		const at = lowerBound(this.#smallKeys, key);
		this.#smallKeys.splice(at, 0, key);
		this.#smallOrdinals.splice(at, 0, ordinal);
		if (this.#smallKeys.length >= SMALL_RUN_LIMIT) this.#merge();
	}

	/** Appends without ordering (a rebuild adds a million at once); the next read sorts once. */
	addUnsorted(key: K, ordinal: number): void {
		this.#unsorted = true;
		this.#keys.push(key);
		this.#ordinals.push(ordinal);
	}

	/** Sorts what was appended unsorted now, so that the first read after a rebuild does not pay for it. */
	seal(): void {
		this.#sort();
	}

	remove(key: K, ordinal: number): void {
		this.#sort();
		const small = this.#indexOf(this.#smallKeys, this.#smallOrdinals, key, ordinal);
		if (small >= 0) {
			this.#smallKeys.splice(small, 1);
			this.#smallOrdinals.splice(small, 1);
			return;
		}
		const big = this.#indexOf(this.#keys, this.#ordinals, key, ordinal);
		if (big < 0) return;
		this.#ordinals[big] = -1;
		this.#tombstones++;
		if (this.#tombstones > 1024 && this.#tombstones * 4 > this.#keys.length) this.#merge();
	}

	/**
	 * Calls `visit` for every live pair with `low <= key <= high`, in key order, until it returns false.
	 */
	scan(low: K, high: K, visit: (key: K, ordinal: number) => boolean): void {
		this.#scanMerged(low, high, visit);
	}

	/** `scan`, with no upper bound when `high` is undefined (the visitor then says where to stop). */
	#scanMerged(low: K, high: K | undefined, visit: (key: K, ordinal: number) => boolean): void {
		this.#sort();
		const keys = this.#keys;
		const ordinals = this.#ordinals;
		const small = this.#smallKeys;
		const smallOrdinals = this.#smallOrdinals;
		if (small.length === 0) {
			// The common case after a rebuild or a merge: one sorted run, no merging to do.
			for (let i = this.#lowerBoundBig(low); i < keys.length; i++) {
				const key = keys[i] as K;
				if (high !== undefined && key > high) return;
				const ordinal = ordinals[i] as number;
				if (ordinal >= 0 && !visit(key, ordinal)) return;
			}
			return;
		}
		let i = this.#lowerBoundBig(low);
		let j = lowerBound(small, low);
		for (;;) {
			const bigKey = i < keys.length ? keys[i] : undefined;
			const smallKey = j < small.length ? small[j] : undefined;
			const takeBig =
				bigKey !== undefined &&
				(high === undefined || bigKey <= high) &&
				(smallKey === undefined || bigKey <= smallKey);
			if (takeBig) {
				const ordinal = ordinals[i++] as number;
				if (ordinal >= 0 && !visit(bigKey, ordinal)) return;
				continue;
			}
			if (smallKey === undefined || (high !== undefined && smallKey > high)) return;
			if (!visit(smallKey, smallOrdinals[j++] as number)) return;
		}
	}

	/**
	 * Calls `visit` with the ordinal of every live pair whose key starts with `prefix`, in key order, until it
	 * returns false. The same pairs as `scan` over the prefix's range, but each key is tested in place (no bound
	 * to build) and, in the common single-run case, without a callback per key.
	 */
	scanPrefix(this: SortedKeys<string>, prefix: string, visit: (ordinal: number) => boolean): void {
		this.#sort();
		const keys = this.#keys;
		const ordinals = this.#ordinals;
		if (this.#smallKeys.length > 0) {
			// Keys starting with the prefix are contiguous in key order: the merging scan stops at the first that does not.
			this.#scanMerged(prefix, undefined, (key, ordinal) => key.startsWith(prefix) && visit(ordinal));
			return;
		}
		const heads = this.#heads;
		if (heads !== undefined) {
			// The heads answer "starts with" for a short prefix; a longer one reads the strings only of keys whose heads fit.
			const test = this.#prefixTest;
			test.set(prefix);
			for (let i = this.#lowerBoundBig(prefix); i < keys.length; i++) {
				if (!test.mayStart(heads, i) || (!test.decisive && !(keys[i] as string).startsWith(prefix))) return;
				const ordinal = ordinals[i] as number;
				if (ordinal >= 0 && !visit(ordinal)) return;
			}
			return;
		}
		for (let i = lowerBound(keys, prefix); i < keys.length; i++) {
			if (!(keys[i] as string).startsWith(prefix)) return;
			const ordinal = ordinals[i] as number;
			if (ordinal >= 0 && !visit(ordinal)) return;
		}
	}

	/** lowerBound over the big run, by heads when they are kept. */
	#lowerBoundBig(key: K): number {
		const heads = this.#heads;
		return heads === undefined
			? lowerBound(this.#keys, key)
			: lowerBoundByHead(this.#keys as string[], heads, key as string);
	}

	#indexOf(keys: K[], ordinals: number[], key: K, ordinal: number): number {
		const start = keys === this.#keys ? this.#lowerBoundBig(key) : lowerBound(keys, key);
		for (let i = start; i < keys.length && keys[i] === key; i++) if (ordinals[i] === ordinal) return i;
		return -1;
	}

	/** Sorts what a rebuild appended, by key then ordinal. */
	#sort(): void {
		if (!this.#unsorted) return;
		this.#unsorted = false;
		const order = Array.from(this.#keys.keys());
		const keys = this.#keys;
		const ordinals = this.#ordinals;
		order.sort((a, b) => {
			const ka = keys[a] as K;
			const kb = keys[b] as K;
			return ka < kb ? -1 : ka > kb ? 1 : (ordinals[a] as number) - (ordinals[b] as number);
		});
		this.#keys = order.map((i) => keys[i] as K);
		this.#ordinals = order.map((i) => ordinals[i] as number);
		this.#keepHeads();
		this.#merge();
	}

	/** Rebuilds the big run's heads (when kept) after the big run was replaced. */
	#keepHeads(): void {
		if (this.#withHeads) this.#heads = headsOf(this.#keys as string[]);
	}

	/** Folds the small run into the big one and drops removed pairs, into arrays of exactly the size needed. */
	#merge(): void {
		const small = this.#smallKeys;
		if (small.length === 0 && this.#tombstones === 0) return;
		const total = this.#keys.length - this.#tombstones + small.length;
		const keys = new Array<K>(total);
		const ordinals = new Array<number>(total);
		let at = 0;
		let j = 0;
		for (let i = 0; i < this.#keys.length; i++) {
			const ordinal = this.#ordinals[i] as number;
			if (ordinal < 0) continue;
			const key = this.#keys[i] as K;
			while (j < small.length && (small[j] as K) < key) {
				keys[at] = small[j] as K;
				ordinals[at++] = this.#smallOrdinals[j++] as number;
			}
			keys[at] = key;
			ordinals[at++] = ordinal;
		}
		for (; j < small.length; j++) {
			keys[at] = small[j] as K;
			ordinals[at++] = this.#smallOrdinals[j] as number;
		}
		this.#keys = keys;
		this.#ordinals = ordinals;
		this.#smallKeys = [];
		this.#smallOrdinals = [];
		this.#tombstones = 0;
		this.#keepHeads();
	}
}

/** The first index whose key is not below `key`. */
function lowerBound<K extends number | string>(keys: readonly K[], key: K): number {
	let low = 0;
	let high = keys.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((keys[middle] as K) < key) low = middle + 1;
		else high = middle;
	}
	return low;
}
