// The node-wide byte budget for request bodies in flight: what every body being read or held may take together.

import { AppError } from "../errors/index.ts";

/**
 * Whose body it is. `authenticated`: the sender proved who it is before the body was read (a user's
 * token, a peer's request signature over the headers). `anonymous`: nothing is known yet (a handshake,
 * which proves its keys with the body itself); it gets a much smaller share.
 */
export type BodyPool = "authenticated" | "anonymous";

export interface BodyBudgetLimits {
	/** Bytes all bodies together may hold. */
	readonly totalBytes: number;
	/** Bytes anonymous bodies together may hold (counted in the total too). */
	readonly anonymousBytes: number;
	/** Seconds a refused sender is told to wait (Retry-After). */
	readonly retryAfterSeconds?: number;
}

/** What the budget holds now, the most it ever held, and what it refused; /metrics shows it. */
export interface BodyBudgetStats {
	readonly inFlight: Readonly<Record<BodyPool, number>>;
	readonly peak: Readonly<Record<BodyPool | "total", number>>;
	readonly refused: Readonly<Record<"busy" | "too_large", number>>;
}

interface Hold {
	pool: BodyPool;
	bytes: number;
}

/**
 * Reserves bytes per request before they are read, so the bodies of all requests together never hold
 * more than the limits: a reservation that would exceed its pool is refused (503 with Retry-After), and
 * one larger than its pool could ever hold is refused as too large (413). One per node, built by main.ts;
 * server/ releases each request's bytes when its response is done.
 * @example
 * budget.reserve(request, 1024, "authenticated"); // … read up to 1024 bytes …
 * budget.release(request);
 */
export class BodyBudget {
	readonly #limits: BodyBudgetLimits;
	readonly #holds = new WeakMap<Request, Hold>();
	readonly #inFlight = { authenticated: 0, anonymous: 0 };
	readonly #peak = { authenticated: 0, anonymous: 0, total: 0 };
	readonly #refused = { busy: 0, too_large: 0 };

	constructor(limits: BodyBudgetLimits) {
		if (limits.anonymousBytes > limits.totalBytes)
			throw new RangeError("the anonymous share cannot exceed the total body budget");
		this.#limits = limits;
	}

	/**
	 * Adds `bytes` to what `request` holds in `pool` (a request holds in one pool).
	 * @throws AppError E_BODY_BUSY (503, `retry_after_seconds`) when the pool or the total is full now;
	 *   E_BODY_TOO_LARGE (413) when the request's own bytes exceed what its pool may ever hold.
	 */
	reserve(request: Request, bytes: number, pool: BodyPool): void {
		const hold = this.#holds.get(request) ?? { pool, bytes: 0 };
		const wanted = hold.bytes + bytes;
		const poolLimit = hold.pool === "anonymous" ? this.#limits.anonymousBytes : this.#limits.totalBytes;
		if (wanted > poolLimit) {
			this.#refused.too_large++;
			throw new AppError(
				"E_BODY_TOO_LARGE",
				`the request body needs more than the ${poolLimit} bytes this node lets ${hold.pool} requests hold`,
				{ details: { limit: poolLimit } },
			);
		}
		const total = this.#inFlight.authenticated + this.#inFlight.anonymous;
		if (this.#inFlight[hold.pool] + bytes > poolLimit || total + bytes > this.#limits.totalBytes) {
			this.#refused.busy++;
			const retry = this.#limits.retryAfterSeconds ?? 1;
			throw new AppError(
				"E_BODY_BUSY",
				`the node is reading too many request bodies at once; retry in ${retry} s`,
				{ details: { retry_after_seconds: retry } },
			);
		}
		hold.bytes = wanted;
		this.#holds.set(request, hold);
		this.#inFlight[hold.pool] += bytes;
		this.#peak[hold.pool] = Math.max(this.#peak[hold.pool], this.#inFlight[hold.pool]);
		this.#peak.total = Math.max(this.#peak.total, this.#inFlight.authenticated + this.#inFlight.anonymous);
	}

	/** Gives back everything `request` holds (idempotent; a request that reserved nothing is a no-op). */
	release(request: Request): void {
		const hold = this.#holds.get(request);
		if (hold === undefined) return;
		this.#holds.delete(request);
		this.#inFlight[hold.pool] -= hold.bytes;
	}

	stats(): BodyBudgetStats {
		return {
			inFlight: { ...this.#inFlight },
			peak: { ...this.#peak },
			refused: { ...this.#refused },
		};
	}
}
