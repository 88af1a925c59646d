// The commit log as the release stream reads it (D59): one per node process, shared by every open stream. It knows
// the newest committed position (woken at once by this process's commits through store/commit-listener, and by a
// short poll for other processes' while any stream is open), tells the streams when it moves, and reads each page
// of new versions once for all the streams waiting at the same position (100 caught-up readers: one query).
import type { Store, StoredVersion } from "../../store/index.ts";

/** One page of the commit log after a position: the versions, and the position a reader is at after them. */
export interface FeedPage {
	versions: readonly StoredVersion[];
	until: string;
}

export interface ReleaseFeedOptions {
	store: Store;
	/** How often to look for other processes' commits while a stream is open. */
	pollMs: number;
	/** Versions read per page. */
	pageSize: number;
}

/** Pages kept for readers at the same position; cleared when the horizon moves. */
const CACHED_PAGES = 64;

/** The node's commit log, followed for the open streams; `wake()` is the commit listener's target. */
export class ReleaseFeed {
	readonly #options: ReleaseFeedOptions;
	readonly #listeners = new Set<() => void>();
	readonly #closers = new Set<() => void>();
	readonly #pages = new Map<string, Promise<FeedPage>>();
	#horizon: string | undefined;
	#refreshing: Promise<void> | undefined;
	#again = false;
	#timer: NodeJS.Timeout | undefined;
	#closed = false;

	constructor(options: ReleaseFeedOptions) {
		this.#options = options;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** The newest committed position this feed knows of (read now when it knows none yet). */
	async horizon(): Promise<string | undefined> {
		if (this.#horizon === undefined) await this.#refresh();
		return this.#horizon;
	}

	/** The newest committed position, read from the store now: where a stream without Last-Event-ID starts. */
	async freshHorizon(): Promise<string | undefined> {
		await this.#refresh();
		return this.#horizon;
	}

	/** Something was committed in this process: read the horizon again and tell the streams. */
	wake(): void {
		if (this.#listeners.size > 0) void this.#refresh();
	}

	/**
	 * Calls `onMove` whenever the horizon moves and `onClose` once when the feed closes; returns the unsubscribe.
	 * The poll for other processes' commits runs while anyone listens.
	 */
	listen(onMove: () => void, onClose: () => void): () => void {
		this.#listeners.add(onMove);
		this.#closers.add(onClose);
		if (this.#timer === undefined && !this.#closed) {
			this.#timer = setInterval(() => void this.#refresh(), this.#options.pollMs);
			this.#timer.unref();
		}
		return () => {
			this.#listeners.delete(onMove);
			this.#closers.delete(onClose);
			if (this.#listeners.size === 0) {
				// Nobody follows the commit log now: what the feed knows goes stale.
				this.#horizon = undefined;
				this.#pages.clear();
				if (this.#timer !== undefined) clearInterval(this.#timer);
				this.#timer = undefined;
			}
		};
	}

	/**
	 * The versions committed after `position` (from the start of the log when undefined) up to the horizon, one
	 * page; a reader at the horizon gets an empty page.
	 */
	pageAfter(position: string | undefined, horizon: string): Promise<FeedPage> {
		const key = `${position ?? ""}\u0000${horizon}`;
		const cached = this.#pages.get(key);
		if (cached !== undefined) return cached;
		const page = this.#read(position, horizon);
		if (this.#pages.size >= CACHED_PAGES) this.#pages.delete(this.#pages.keys().next().value as string);
		this.#pages.set(key, page);
		page.catch(() => this.#pages.delete(key));
		return page;
	}

	/** Stops the poll and tells every stream the node is closing (each ends with its resume position). */
	close(): void {
		this.#closed = true;
		if (this.#timer !== undefined) clearInterval(this.#timer);
		this.#timer = undefined;
		for (const onClose of [...this.#closers]) onClose();
		this.#listeners.clear();
		this.#closers.clear();
	}

	async #read(position: string | undefined, horizon: string): Promise<FeedPage> {
		if (position !== undefined && position >= horizon) return { versions: [], until: position };
		const page = await this.#options.store.query({
			versions: ["all"],
			limit: this.#options.pageSize,
			...(position === undefined ? {} : { addedAfter: position }),
		});
		const versions = page.items.filter((v) => v.dateAdded <= horizon);
		const until = page.more && versions.length > 0 ? (versions.at(-1)?.dateAdded ?? horizon) : horizon;
		return { versions, until };
	}

	/** Reads the horizon; one read at a time, and one more when asked meanwhile (no commit is missed). */
	async #refresh(): Promise<void> {
		if (this.#refreshing !== undefined) {
			this.#again = true;
			return this.#refreshing;
		}
		this.#refreshing = (async () => {
			do {
				this.#again = false;
				// A failed read keeps the old horizon: the next commit or poll reads it again.
				const horizon = await this.#options.store.commitHorizon().catch(() => undefined);
				if (horizon !== undefined && horizon !== this.#horizon) {
					this.#horizon = horizon;
					this.#pages.clear();
					for (const onMove of [...this.#listeners]) onMove();
				}
			} while (this.#again);
		})().finally(() => {
			this.#refreshing = undefined;
		});
		return this.#refreshing;
	}
}
