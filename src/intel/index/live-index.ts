// The index a running node keeps: built from the store, then following its commit log until closed.
import type { Logger } from "../../log/index.ts";
import type { Store } from "../../store/index.ts";
import { buildIndex } from "./build-index.ts";
import { followStore } from "./follow-store.ts";
import type { ObservableIndex } from "./observable-index.ts";

export interface LiveIndexOptions {
	log?: Logger;
	/** How often to look for other processes' commits (default 1 s). */
	pollMs?: number;
	onProgress?: (done: number) => void;
}

/** An index kept current with a store. */
export interface LiveIndex {
	index: ObservableIndex;
	/**
	 * Resolves once everything committed before the call is indexed: an answer that must see a write awaits it.
	 * Rejects with the store's error when the commit log cannot be read.
	 */
	settled(): Promise<void>;
	/** Reads the commit log now: the store's commit listener calls it after each commit of this process. */
	wake(): void;
	/** How long the rebuild took, in milliseconds. */
	readonly buildMs: number;
	/** Stops following (the index stays readable). */
	close(): Promise<void>;
}

/**
 * Builds the index from `store` and follows the store's commit log; `close` stops following.
 * @example const intel = await openLiveIndex(store, { log }); const wrapped = withCommitListener(store, intel.wake);
 */
export async function openLiveIndex(store: Store, options: LiveIndexOptions = {}): Promise<LiveIndex> {
	const started = performance.now();
	const index = await buildIndex(
		store,
		options.onProgress === undefined ? {} : { onProgress: options.onProgress },
	);
	const buildMs = performance.now() - started;
	const stop = new AbortController();
	const follower = followStore(index, store, {
		signal: stop.signal,
		...(options.log === undefined ? {} : { log: options.log }),
		...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
	});
	return {
		index,
		buildMs,
		settled: follower.settled,
		wake: follower.wake,
		async close() {
			stop.abort();
			await follower.stopped;
		},
	};
}
