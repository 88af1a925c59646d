// Token buckets keyed by client (a user, or the source address of failed sign-ins), refilled continuously.
// Hand-written rather than rate-limiter-flexible, whose windows are fixed: docs/deps.md and decisions D44.

export interface RateLimitOptions {
	/** Requests a client may make in a burst. */
	burst: number;
	/** Tokens added per second, i.e. the sustained request rate. */
	perSecond: number;
}

/** Requests of one signed-in user (TAXII and REST together). */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 200, perSecond: 50 };

/**
 * Failed sign-ins from one source address: a client that guesses tokens is slowed to one guess per two
 * seconds after a burst of 20 (a mistyped token is refused long before that).
 */
export const DEFAULT_FAILED_SIGN_IN_LIMIT: RateLimitOptions = { burst: 20, perSecond: 0.5 };

/** Below this many buckets nothing is swept: a small map costs less than looking through it. */
const SWEEP_AT = 100_000;

/**
 * Token buckets keyed by client. A client with a full bucket is not remembered (forgetting it changes
 * nothing), so memory holds only clients still refilling: at most max(100,000, twice their number), which
 * is the requests of the last `burst / perSecond` seconds at most, however many addresses a flood uses.
 * @example const wait = limiter.take(user.id); if (wait > 0) answer429(wait);
 */
export class RateLimiter {
	readonly #options: RateLimitOptions;
	readonly #now: () => number;
	readonly #buckets = new Map<string, { tokens: number; at: number }>();
	/** The size that triggers the next sweep; doubled past what a sweep leaves, so sweeps cost O(1) per request. */
	#sweepAt = SWEEP_AT;

	/** `now` returns milliseconds (injectable for tests). */
	constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
		this.#options = options;
		this.#now = now;
	}

	/** Seconds `client` must wait before its next token, or 0 when it has one now (nothing is taken or stored). */
	waitFor(client: string): number {
		const bucket = this.#buckets.get(client);
		return bucket === undefined ? 0 : this.#waitOf(this.#refill(bucket, this.#now()));
	}

	/**
	 * Takes `cost` tokens (one by default; a fraction or 0 for requests that cost less) for `client`; returns the
	 * seconds to wait when it had less than one token (and takes nothing).
	 */
	take(client: string, cost = 1): number {
		if (cost <= 0) return this.waitFor(client);
		const now = this.#now();
		const known = this.#buckets.get(client);
		const bucket = known === undefined ? { tokens: this.#options.burst, at: now } : this.#refill(known, now);
		const wait = this.#waitOf(bucket);
		if (wait > 0) return wait;
		bucket.tokens -= cost;
		if (known === undefined) this.#remember(client, bucket, now);
		return 0;
	}

	/** How many clients are remembered (those still refilling, and any not yet swept). */
	get size(): number {
		return this.#buckets.size;
	}

	/** Whole seconds until the bucket holds a token (at least 1, as `Retry-After` counts), or 0 if it holds one. */
	#waitOf(bucket: { tokens: number }): number {
		return bucket.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.#options.perSecond));
	}

	#refill(bucket: { tokens: number; at: number }, now: number): { tokens: number; at: number } {
		const { burst, perSecond } = this.#options;
		bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
		bucket.at = now;
		return bucket;
	}

	#remember(client: string, bucket: { tokens: number; at: number }, now: number): void {
		if (this.#buckets.size >= this.#sweepAt) {
			this.#sweep(now);
			this.#sweepAt = Math.max(SWEEP_AT, 2 * this.#buckets.size);
		}
		this.#buckets.set(client, bucket);
	}

	/** Forgets every client whose bucket has refilled: it would start full anyway. */
	#sweep(now: number): void {
		const { burst, perSecond } = this.#options;
		for (const [client, bucket] of this.#buckets)
			if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(client);
	}
}
