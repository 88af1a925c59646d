// A token's last use and its `token.use` audit line (D66), written at most once per token per minute per process,
// after the request is let through: signing in never waits for it.
import type { Logger } from "../log/index.ts";
import type { Store, User } from "../store/index.ts";

/** One record per token per this many milliseconds. */
export const TOKEN_USE_INTERVAL_MS = 60_000;

/** Past this many remembered tokens, those not used within the interval are forgotten (they would record anyway). */
const SWEEP_AT = 10_000;

/**
 * Records token uses for one process. `note` is synchronous and costs a map lookup; the write (last use, and
 * one audit line) runs in the background, and a failure is logged, never thrown at the request.
 */
export class TokenUseRecorder {
	readonly #store: Store;
	readonly #nowMillis: () => number;
	readonly #logger: Logger | undefined;
	readonly #recorded = new Map<string, number>();
	readonly #pending = new Set<Promise<void>>();

	constructor(store: Store, options: { nowMillis?: () => number; logger?: Logger } = {}) {
		this.#store = store;
		this.#nowMillis = options.nowMillis ?? (() => performance.now());
		this.#logger = options.logger;
	}

	/** Notes that `user` signed in through `channel`; records it when its token was not recorded this minute. */
	note(user: User, channel: string): void {
		const now = this.#nowMillis();
		const last = this.#recorded.get(user.tokenHash);
		if (last !== undefined && now - last < TOKEN_USE_INTERVAL_MS) return;
		if (this.#recorded.size >= SWEEP_AT) this.#sweep(now);
		this.#recorded.set(user.tokenHash, now);
		const write = this.#record(user, channel).catch((error: unknown) => {
			this.#logger?.warn({ err: error, user: user.id }, "could not record a token's use");
		});
		this.#pending.add(write);
		void write.finally(() => this.#pending.delete(write));
	}

	/** Resolves once every record started so far is written (tests, shutdown). */
	async settled(): Promise<void> {
		await Promise.all([...this.#pending]);
	}

	async #record(user: User, channel: string): Promise<void> {
		await this.#store.recordTokenUse(user.tokenHash, new Date().toISOString());
		await this.#store.appendAudit({
			actor: { name: user.name, id: user.id, organizationId: user.organizationId, channel },
			action: "token.use",
			target: user.id,
			summary: `signed in over ${channel}${user.tokenPrefix === undefined ? "" : ` with ${user.tokenPrefix}…`}`,
			details: { channel },
		});
	}

	#sweep(now: number): void {
		for (const [hash, at] of this.#recorded)
			if (now - at >= TOKEN_USE_INTERVAL_MS) this.#recorded.delete(hash);
	}
}
