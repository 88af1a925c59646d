// Per-client rate limiting: one token bucket per user, refilled continuously.
import { AppError } from "../../errors/index.ts";

export interface RateLimitOptions {
	/** Requests a client may make in a burst. */
	burst: number;
	/** Tokens added per second, i.e. the sustained request rate. */
	perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 200, perSecond: 50 };

/** Token buckets keyed by client; memory is one small entry per client seen. */
export class RateLimiter {
	readonly #options: RateLimitOptions;
	readonly #now: () => number;
	readonly #buckets = new Map<string, { tokens: number; at: number }>();

	/** `now` returns milliseconds (injectable for tests). */
	constructor(options: RateLimitOptions, now: () => number = () => performance.now()) {
		this.#options = options;
		this.#now = now;
	}

	/**
	 * Takes one token for `client`.
	 * @throws AppError E_TAXII_RATE_LIMITED (429) with `retry_after_seconds` when the bucket is empty.
	 */
	take(client: string): void {
		const now = this.#now();
		const { burst, perSecond } = this.#options;
		const bucket = this.#buckets.get(client) ?? { tokens: burst, at: now };
		bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
		bucket.at = now;
		this.#buckets.set(client, bucket);
		if (bucket.tokens < 1) {
			const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
			throw new AppError("E_TAXII_RATE_LIMITED", `too many requests; retry in ${wait} s`, {
				details: { retry_after_seconds: wait },
			});
		}
		bucket.tokens -= 1;
	}
}
