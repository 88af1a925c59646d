// Token buckets keyed by client (a user, or the source address of failed sign-ins), refilled continuously.

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

/** Buckets above this many are swept of full ones, so a flood of source addresses cannot grow memory without bound. */
const SWEEP_AT = 100_000;

/** Token buckets keyed by client; memory is one small entry per client seen recently. */
export class RateLimiter {
	readonly #options: RateLimitOptions;
	readonly #now: () => number;
	readonly #buckets = new Map<string, { tokens: number; at: number }>();

	/** `now` returns milliseconds (injectable for tests). */
	constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
		this.#options = options;
		this.#now = now;
	}

	/** Seconds `client` must wait before its next token, or 0 when it has one now (nothing is taken). */
	waitFor(client: string): number {
		const bucket = this.#refill(client);
		return bucket.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.#options.perSecond));
	}

	/** Takes one token for `client`; returns the seconds to wait when there was none (and takes nothing). */
	take(client: string): number {
		const wait = this.waitFor(client);
		if (wait === 0) {
			const bucket = this.#buckets.get(client);
			if (bucket !== undefined) bucket.tokens -= 1;
		}
		return wait;
	}

	#refill(client: string): { tokens: number; at: number } {
		const now = this.#now();
		const { burst, perSecond } = this.#options;
		if (this.#buckets.size >= SWEEP_AT) this.#sweep(now);
		const bucket = this.#buckets.get(client) ?? { tokens: burst, at: now };
		bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
		bucket.at = now;
		this.#buckets.set(client, bucket);
		return bucket;
	}

	#sweep(now: number): void {
		const { burst, perSecond } = this.#options;
		for (const [client, bucket] of this.#buckets)
			if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(client);
	}
}
