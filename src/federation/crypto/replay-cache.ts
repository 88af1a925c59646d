// Remembers signature nonces until their signatures could no longer be accepted, so a captured request
// replayed within its validity window is refused.

export interface ReplayCacheOptions {
	/**
	 * Most nonces held at once. When full, expired entries are swept; if it is still full the oldest
	 * insertion is evicted, which re-opens that nonce's window — so size it above
	 * (peak signed requests per second) × (signature lifetime + 2 × allowed clock skew).
	 * `evictions` counts how often that happened, for a metric.
	 */
	maxEntries: number;
}

/**
 * A bounded in-memory replay cache. Keys are opaque strings (callers include the key id with the
 * nonce). Memory is bounded by `maxEntries`; each entry is forgotten once `forgetAfter` has passed.
 * A restarted process starts empty: signature lifetimes must stay short (minutes) for that to be safe.
 * @example
 * const cache = new ReplayCache({ maxEntries: 100_000 });
 * verifyRequest(req, { ..., seenNonce: (nonce, forgetAfter, now) => cache.seen(nonce, forgetAfter, now) });
 */
export class ReplayCache {
	readonly maxEntries: number;
	#entries = new Map<string, number>();
	#evictions = 0;
	#lastSweep = Number.NEGATIVE_INFINITY;

	constructor(options: ReplayCacheOptions) {
		if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
			throw new RangeError("ReplayCache maxEntries must be a positive integer");
		}
		this.maxEntries = options.maxEntries;
	}

	/**
	 * True when `key` was recorded before and has not yet been forgotten (a replay). Otherwise records
	 * it until `forgetAfter` (Unix seconds) and returns false. `now` is Unix seconds.
	 */
	seen(key: string, forgetAfter: number, now: number): boolean {
		const known = this.#entries.get(key);
		if (known !== undefined && known >= now) return true;
		if (known !== undefined) this.#entries.delete(key);
		if (this.#entries.size >= this.maxEntries) this.#makeRoom(now);
		this.#entries.set(key, forgetAfter);
		return false;
	}

	/** Entries held now (expired ones included until the next sweep). */
	get size(): number {
		return this.#entries.size;
	}

	/** Unexpired entries dropped because the cache was full. */
	get evictions(): number {
		return this.#evictions;
	}

	#makeRoom(now: number): void {
		// A sweep is O(size); doing it at most once a second keeps a full cache O(1) per insert.
		if (now > this.#lastSweep) {
			this.#lastSweep = now;
			for (const [key, forgetAfter] of this.#entries) {
				if (forgetAfter < now) this.#entries.delete(key);
			}
		}
		// Map iterates in insertion order, so the first key is the oldest.
		for (const key of this.#entries.keys()) {
			if (this.#entries.size < this.maxEntries) break;
			this.#entries.delete(key);
			this.#evictions++;
		}
	}
}
