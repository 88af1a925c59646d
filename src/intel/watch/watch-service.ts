// Runs the watch-lists inside `serve` (D51): the matcher over the commit log, woken at once by in-process commits
// (store/commit-listener) and by a short poll for other processes' (CLI import, another serve), and the webhook
// sender. Every process of a PostgreSQL deployment may run both: the cursor's compare-and-set and the leased
// queue keep each alert recorded once and sent at least once.
import type { Logger } from "../../log/index.ts";
import type { Store } from "../../store/index.ts";
import { WakeSignal } from "../webhook/wake-signal.ts";
import { type ReleaseToOrganization, watchOnce } from "./follow.ts";
import { type AlertPayload, deliverWebhooksOnce } from "./webhook-delivery.ts";

export interface WatchServiceOptions {
	store: Store;
	release: ReleaseToOrganization;
	payloadOf: AlertPayload;
	logger: Logger;
	/** How often to look for other processes' commits and due retries. */
	pollMs: number;
	batchSize: number;
	webhooks: { allowPrivate: boolean; timeoutMs: number; retryBaseMs: number; retryMaxMs: number };
}

/** The running watch-lists of a node: `wake()` is the commit listener's target; `stop()` waits for both loops. */
export class WatchService {
	readonly #options: WatchServiceOptions;
	readonly #matchSignal = new WakeSignal();
	readonly #sendSignal = new WakeSignal();
	readonly #loops: Promise<void>[] = [];
	#running = false;

	constructor(options: WatchServiceOptions) {
		this.#options = options;
	}

	/** Something was committed: match it now. */
	wake(): void {
		this.#matchSignal.set();
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#loops.push(this.#matchLoop(), this.#sendLoop());
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#matchSignal.set();
		this.#sendSignal.set();
		await Promise.allSettled(this.#loops);
	}

	async #matchLoop(): Promise<void> {
		const { store, release, batchSize, logger, pollMs } = this.#options;
		while (this.#running) {
			try {
				for (;;) {
					const round = await watchOnce({ store, release, batchSize });
					if (round.alerts > 0) this.#sendSignal.set();
					if (round.consumed === 0 || !this.#running) break;
				}
			} catch (error) {
				logger.error({ err: error }, "watch-lists: matching the commit log failed; retrying");
			}
			await this.#matchSignal.wait(pollMs);
		}
	}

	async #sendLoop(): Promise<void> {
		const { store, payloadOf, logger, pollMs, webhooks } = this.#options;
		while (this.#running) {
			try {
				for (;;) {
					const claimed = await deliverWebhooksOnce({
						store,
						payloadOf,
						logger,
						allowPrivate: webhooks.allowPrivate,
						timeoutMs: webhooks.timeoutMs,
						retryBaseMs: webhooks.retryBaseMs,
						retryMaxMs: webhooks.retryMaxMs,
					});
					if (claimed === 0 || !this.#running) break;
				}
			} catch (error) {
				logger.error({ err: error }, "webhooks: sending failed; retrying");
			}
			await this.#sendSignal.wait(pollMs);
		}
	}
}
