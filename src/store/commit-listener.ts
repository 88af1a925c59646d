// A post-commit hook for in-process listeners (e.g. the federation outbox): a Store that calls back after
// each durable object write or delete. Commits by other processes are not seen: listeners that must see
// them also follow the commit log (`query({ addedAfter })`, `listDeletions`) on their own schedule.
import type { Store } from "./store.ts";

/** Called after a write is durable; must not throw and should return quickly (wake something up). */
export type CommitListener = (change: { kind: "put" | "delete"; count: number }) => void;

/**
 * Wraps `store` so that `listener` runs after each `putVersions`, `deleteObject` and `deleteVersions` has committed.
 * Everything else passes through. The composition root wires it; nothing else needs to know.
 * @example const store = withCommitListener(raw, () => federation.wake());
 */
export function withCommitListener(store: Store, listener: CommitListener): Store {
	return {
		...store,
		async putVersions(batch) {
			const outcomes = await store.putVersions(batch);
			const stored = outcomes.filter((o) => o.status === "stored").length;
			if (stored > 0) listener({ kind: "put", count: stored });
			return outcomes;
		},
		async deleteObject(id, contributor) {
			const removed = await store.deleteObject(id, contributor);
			if (removed > 0) listener({ kind: "delete", count: removed });
			return removed;
		},
		async deleteVersions(id, datesAdded) {
			const removed = await store.deleteVersions(id, datesAdded);
			if (removed > 0) listener({ kind: "delete", count: removed });
			return removed;
		},
	};
}
