// Runs the release webhooks inside `serve` (D59): the sender, woken at once by in-process commits (store/
// commit-listener) and by a short poll for other processes' commits and due retries. Every process of a PostgreSQL
// deployment may run it: the lease on each subscription keeps its releases sent by one process, in order.
import type { Logger } from "../../log/index.ts";
import { WakeSignal } from "../webhook/wake-signal.ts";
import { deliverReleasesOnce, type ReleaseDeliveryOptions } from "./deliver-releases.ts";

export interface ReleaseWebhookServiceOptions extends Omit<ReleaseDeliveryOptions, "logger" | "now"> {
	logger: Logger;
	/** How often to look for other processes' commits and due retries. */
	pollMs: number;
}

/** The running release webhook sender of a node: `wake()` is the commit listener's target; `stop()` waits for it. */
export class ReleaseWebhookService {
	readonly #options: ReleaseWebhookServiceOptions;
	readonly #signal = new WakeSignal();
	#loop: Promise<void> | undefined;
	#running = false;

	constructor(options: ReleaseWebhookServiceOptions) {
		this.#options = options;
	}

	/** Something was committed: send it now. */
	wake(): void {
		this.#signal.set();
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#loop = this.#run();
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#signal.set();
		await this.#loop;
	}

	async #run(): Promise<void> {
		const { logger, pollMs } = this.#options;
		while (this.#running) {
			try {
				while (this.#running && (await deliverReleasesOnce(this.#options)) > 0) {}
			} catch (error) {
				logger.error({ err: error }, "release webhooks: sending failed; retrying");
			}
			await this.#signal.wait(pollMs);
		}
	}
}
