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
	/** Stops a build still running (see BuildOptions.signal). */
	signal?: AbortSignal;
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
	const index = await buildIndex(store, {
		...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
		...(options.signal === undefined ? {} : { signal: options.signal }),
	});
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

/** A live index whose build runs in the background: a node listens meanwhile and answers index-backed routes 503. */
export interface StartingIndex {
	/** The live index once built; undefined while building or when the build failed. */
	readonly current: LiveIndex | undefined;
	/** Versions indexed so far by the build. */
	readonly done: number;
	/** The error the build failed with, if it did. */
	readonly failure: unknown;
	/** Resolves with the live index once built; rejects when the build fails or is stopped by `close`. */
	readonly ready: Promise<LiveIndex>;
	/** Wakes the follower (nothing to do while building: the follower starts from the build's own horizon). */
	wake(): void;
	/** Stops the build if it still runs (between two pages), or the follower. */
	close(): Promise<void>;
}

/**
 * Starts building the index from `store` and returns at once: `current` is the live index once the build ends.
 * Nothing committed meanwhile is lost: the build reads from the commit horizon it read first, and the follower
 * continues from there (see buildIndex).
 * @example const starting = startLiveIndex(store, { log }); const server = await listen(…); await starting.ready;
 */
export function startLiveIndex(store: Store, options: LiveIndexOptions = {}): StartingIndex {
	const stop = new AbortController();
	let current: LiveIndex | undefined;
	let failure: unknown;
	let done = 0;
	const ready = openLiveIndex(store, {
		...options,
		signal: stop.signal,
		onProgress: (n) => {
			done = n;
			options.onProgress?.(n);
		},
	}).then(
		(live) => {
			current = live;
			return live;
		},
		(error: unknown) => {
			failure = error;
			throw error;
		},
	);
	// The caller may never await `ready` (a node that only logs the failure): the rejection is kept in `failure`.
	ready.catch(() => {});
	return {
		get current() {
			return current;
		},
		get done() {
			return done;
		},
		get failure() {
			return failure;
		},
		ready,
		wake() {
			current?.wake();
		},
		async close() {
			stop.abort();
			await ready.catch(() => {});
			await current?.close();
		},
	};
}
