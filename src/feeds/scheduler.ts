// Runs the feeds' scheduled pulls inside `serve` (D55): every poll, each feed whose time has come is pulled, one
// at a time. Every process of a deployment may run one: the store's lease lets one process pull a feed, and the
// pull re-reads the feed's schedule under it, so a feed is pulled once per interval however many serve it.
import type { Logger } from "../log/index.ts";
import type { Store } from "../store/index.ts";
import type { FeedFetch, FetchLimits } from "./fetch-feed.ts";
import { isDue, pullFeedIfDue } from "./pull.ts";

export interface FeedSchedulerOptions {
	store: Store;
	fetch: FeedFetch;
	logger: Logger;
	/** This process, for the lease (e.g. host and pid). */
	holder: string;
	/** How often to look for due feeds. */
	pollMs: number;
	limits?: FetchLimits;
}

/** The scheduled pulls of a node: `start()` once the server listens, `stop()` waits for a running pull. */
export class FeedScheduler {
	readonly #options: FeedSchedulerOptions;
	#running = false;
	#loop: Promise<void> | undefined;
	#wake: (() => void) | undefined;

	constructor(options: FeedSchedulerOptions) {
		this.#options = options;
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#loop = this.#run();
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#wake?.();
		await this.#loop;
	}

	async #run(): Promise<void> {
		const { logger, pollMs } = this.#options;
		while (this.#running) {
			try {
				await this.#pullDue();
			} catch (error) {
				logger.error({ err: error }, "feeds: the scheduled round failed; retrying");
			}
			if (!this.#running) break;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, pollMs);
				this.#wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
	}

	async #pullDue(): Promise<void> {
		const { store, fetch, holder, logger, limits } = this.#options;
		for (const feed of await store.listFeeds()) {
			if (!this.#running) return;
			if (!isDue(feed, new Date())) continue;
			const status = await pullFeedIfDue(
				{ store, fetch, holder, ...(limits === undefined ? {} : { limits }) },
				feed.id,
			);
			if (status === undefined) continue;
			const { outcome, added, updated, revoked, skipped, error } = status;
			const fields = { feed: feed.name, outcome, added, updated, revoked, skipped };
			if (outcome === "failed") logger.warn({ ...fields, error }, "feeds: pull failed");
			else logger.info(fields, "feeds: pulled");
		}
	}
}
