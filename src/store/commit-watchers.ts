// The watchers of a store's commits (Store.watchCommits, D70): the SQLite store calls them after each object write
// or delete it commits; the PostgreSQL store hears every process's commits (postgres/commit-notices.ts).
import type { PutOutcome } from "./store.ts";

/** Listeners told after a commit; each must return quickly (wake something up) and a throw is ignored. */
export class CommitWatchers {
	readonly #listeners = new Set<() => void>();

	add(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	notify(): void {
		for (const listener of this.#listeners) {
			try {
				listener();
			} catch {
				// A watcher's failure is its own; the commit stands and the others are told.
			}
		}
	}

	/** `outcomes` passed on, the watchers told when any version was stored. */
	afterPut(outcomes: PutOutcome[]): PutOutcome[] {
		if (outcomes.some((outcome) => outcome.status === "stored")) this.notify();
		return outcomes;
	}

	/** `removed` passed on, the watchers told when anything was. */
	afterDelete(removed: number): number {
		if (removed > 0) this.notify();
		return removed;
	}
}
