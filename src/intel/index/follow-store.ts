// Keeps an index current with the store's commit log: versions added (query addedAfter) and deletions
// (listDeletions) in commit order, whoever committed them — this process (woken at once by the commit
// listener) or another one (seen at the next poll).
import type { Logger } from "../../log/index.ts";
import type { DeletionRecord, Store, StoredVersion } from "../../store/index.ts";
import type { ObservableIndex } from "./observable-index.ts";

const BATCH = 5000;
const DEFAULT_POLL_MS = 1000;

export interface FollowOptions {
	signal: AbortSignal;
	/** How often to look for other processes' commits; this process's are seen at once when `wake` is called. */
	pollMs?: number;
	log?: Logger;
}

/** A running follower. */
export interface IndexFollower {
	/** Reads the commit log now (the composition root calls it from the store's commit listener). */
	wake(): void;
	/**
	 * Resolves once everything committed before the call is indexed (tests, and answers that must see a write);
	 * rejects with the store's error when reading the commit log fails.
	 */
	settled(): Promise<void>;
	/** Resolves when the signal has stopped the follower. */
	readonly stopped: Promise<void>;
}

/**
 * Follows `store`'s commit log into `index`, from its `position` on, until `signal` aborts: a new version replaces its object's values,
 * a deleted object leaves the index. Covers every ingest path (REST, TAXII, federation, import), since all of
 * them commit to the store. A failed read is logged and retried at the next poll; `settled` then rejects with it.
 * @example const follower = followStore(index, store, { signal }); store = withCommitListener(store, follower.wake);
 */
export function followStore(index: ObservableIndex, store: Store, options: FollowOptions): IndexFollower {
	let waiters: Waiter[] = [];
	let wakeUp: (() => void) | undefined;
	let pending = true;
	const wake = () => {
		pending = true;
		wakeUp?.();
	};
	options.signal.addEventListener("abort", wake, { once: true });

	const catchUp = async (): Promise<void> => {
		for (;;) {
			const round = await readRound(store, index.position);
			if (round === undefined) return;
			apply(index, round);
			index.position = round.until;
		}
	};

	const run = async (): Promise<void> => {
		while (!options.signal.aborted) {
			if (!pending) await sleep(options.pollMs ?? DEFAULT_POLL_MS, (resolve) => (wakeUp = resolve));
			wakeUp = undefined;
			if (options.signal.aborted) break;
			pending = false;
			const serving = waiters;
			waiters = [];
			try {
				await catchUp();
				for (const waiter of serving) waiter.resolve();
			} catch (error) {
				// Those waiting hear of the failure (an answer can say the index is unavailable) rather than hang.
				for (const waiter of serving) waiter.reject(error);
				options.log?.warn({ err: error }, "observable index: reading the commit log failed; retrying");
			}
		}
		for (const waiter of waiters) waiter.resolve();
	};

	return {
		wake,
		settled: () =>
			new Promise<void>((resolve, reject) => {
				if (options.signal.aborted) return resolve();
				waiters.push({ resolve, reject });
				wake();
			}),
		stopped: run(),
	};
}

interface Waiter {
	resolve: () => void;
	reject: (error: unknown) => void;
}

interface Round {
	versions: StoredVersion[];
	deletions: DeletionRecord[];
	until: string;
}

/** The next commits after `position` up to the horizon, at most a batch of each; undefined when none. */
async function readRound(store: Store, position: string | undefined): Promise<Round | undefined> {
	const horizon = await store.commitHorizon();
	if (horizon === undefined || (position !== undefined && position >= horizon)) return undefined;
	// `last`: a version added late but older than the object's latest changes nothing the index holds.
	const page = await store.query({
		versions: ["last"],
		limit: BATCH,
		...(position === undefined ? {} : { addedAfter: position }),
	});
	let versions = page.items.filter((v) => v.dateAdded <= horizon);
	let until =
		page.more && versions.length === page.items.length ? (versions.at(-1)?.dateAdded ?? horizon) : horizon;
	const deletions = await store.listDeletions(position, until, BATCH);
	if (deletions.length === BATCH) {
		until = deletions.at(-1)?.deletedAt ?? until;
		const bound = until;
		versions = versions.filter((v) => v.dateAdded <= bound);
	}
	return { versions, deletions, until };
}

/** Applies a round's versions and deletions in commit order. */
function apply(index: ObservableIndex, round: Round): void {
	const events: { at: string; run: () => void }[] = [
		...round.versions.map((v) => ({ at: v.dateAdded, run: () => index.put(v.object) })),
		...round.deletions.map((d) => ({ at: d.deletedAt, run: () => index.remove(d.id) })),
	];
	events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	for (const event of events) event.run();
}

/** Waits `ms`, or until the function handed to `onWake` is called. */
function sleep(ms: number, onWake: (resolve: () => void) => void): Promise<void> {
	return new Promise((resolve) => {
		// Unreferenced: a follower nobody stopped does not keep a finished process alive.
		const timer = setTimeout(resolve, ms).unref();
		onWake(() => {
			clearTimeout(timer);
			resolve();
		});
	});
}
