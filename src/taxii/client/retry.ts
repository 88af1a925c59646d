// When and how long to wait before repeating a request: capped, jittered exponential backoff and Retry-After.

export interface RetryPolicy {
	/** Attempts in all, the first included; 1 disables retries. */
	readonly maxAttempts: number;
	/** Ceiling of the first backoff; it doubles with each attempt. */
	readonly baseDelayMs: number;
	/** No backoff exceeds this. */
	readonly maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the request fails instead. */
	readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 5 * 60_000,
});

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
	new Promise((resolve, reject) => {
		if (signal?.aborted === true) {
			reject(signal.reason);
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener("abort", onAbort);
			resolve();
		}, ms);
		signal?.addEventListener("abort", onAbort, { once: true });
	});

/**
 * "Full jitter" backoff: a uniform draw in [0, min(max, base·2^(attempt-1))], so that many clients
 * retrying after the same outage do not return in lockstep.
 * @param attempt the attempt that just failed, from 1
 * @example backoffDelay(3, DEFAULT_RETRY, () => 1) // → 2000
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP-date, RFC 9110 §10.2.3);
 * undefined when absent or unreadable.
 * @example retryAfterMs("120", Date.now()) // → 120000
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
	if (header === null) return undefined;
	const value = header.trim();
	if (/^\d+$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Statuses worth repeating a request for: rate limiting and transient server failures (not 501), never other 4xx. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}
