// The release webhook table (D59, migration 18): one row per subscription, claimed under a lease.
import type { DatabaseSync } from "node:sqlite";
import { releaseSubscriptionRow, toReleaseSubscription } from "../release-subscription-rows.ts";
import type { Store } from "../store.ts";

type Sync<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
type Methods = Pick<
	Store,
	| "putReleaseSubscription"
	| "getReleaseSubscription"
	| "listReleaseSubscriptions"
	| "removeReleaseSubscription"
	| "claimReleaseSubscriptions"
	| "recordReleaseProgress"
>;
/** The release webhook methods of the Store, synchronous (the SQLite store wraps them). */
export type ReleaseSubscriptionTables = { [K in keyof Methods]: Sync<Methods[K]> };

/** Writes (and the claim's reads) on the writer connection, lists on the reader. */
export function createReleaseSubscriptionTables(
	writer: DatabaseSync,
	reader: DatabaseSync,
): ReleaseSubscriptionTables {
	const upsert = writer.prepare(
		`INSERT INTO release_subscriptions (id, org_id, next_attempt_at, disabled_at, body) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, next_attempt_at = excluded.next_attempt_at,
		 disabled_at = excluded.disabled_at, body = excluded.body`,
	);
	const byId = reader.prepare("SELECT * FROM release_subscriptions WHERE id = ?");
	const byIdForWrite = writer.prepare("SELECT * FROM release_subscriptions WHERE id = ?");
	const ofOrganization = reader.prepare(
		"SELECT * FROM release_subscriptions WHERE org_id = ? ORDER BY rowid",
	);
	const all = reader.prepare("SELECT * FROM release_subscriptions ORDER BY rowid");
	const remove = writer.prepare("DELETE FROM release_subscriptions WHERE id = ? RETURNING id");
	const claim = writer.prepare(
		`UPDATE release_subscriptions SET next_attempt_at = ?
		 WHERE id IN (SELECT id FROM release_subscriptions WHERE disabled_at IS NULL AND next_attempt_at <= ?
		 ORDER BY next_attempt_at LIMIT ?) RETURNING *`,
	);
	const put = (subscription: Parameters<typeof releaseSubscriptionRow>[0]) => {
		const row = releaseSubscriptionRow(subscription);
		upsert.run(row.id, row.org_id, row.next_attempt_at, row.disabled_at, row.body);
	};
	return {
		putReleaseSubscription: put,
		getReleaseSubscription(id) {
			const row = byId.get(id);
			return row === undefined ? undefined : toReleaseSubscription(row);
		},
		listReleaseSubscriptions(organizationId) {
			return (organizationId === undefined ? all.all() : ofOrganization.all(organizationId)).map(
				toReleaseSubscription,
			);
		},
		removeReleaseSubscription(id) {
			return remove.get(id) !== undefined;
		},
		claimReleaseSubscriptions(now, leaseUntil, limit) {
			return claim
				.all(leaseUntil, now, limit)
				.map(toReleaseSubscription)
				.sort((a, b) => a.id.localeCompare(b.id));
		},
		recordReleaseProgress(id, progress) {
			const row = byIdForWrite.get(id);
			if (row === undefined) return false;
			put({ ...toReleaseSubscription(row), ...progress });
			return true;
		},
	};
}
