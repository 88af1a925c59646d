// The release webhook table (D59, migration 16): one row per subscription. Every process of a deployment may run
// the sender: a subscription is claimed with SKIP LOCKED under a lease, so its releases are sent by one at a time.

import type { ReleaseSubscription } from "../release-subscription-records.ts";
import { releaseSubscriptionRow, toReleaseSubscription } from "../release-subscription-rows.ts";
import type { Store } from "../store.ts";
import type { Connection } from "./connection.ts";

export type ReleaseSubscriptionTables = Pick<
	Store,
	| "putReleaseSubscription"
	| "getReleaseSubscription"
	| "listReleaseSubscriptions"
	| "removeReleaseSubscription"
	| "claimReleaseSubscriptions"
	| "recordReleaseProgress"
>;

/** The release webhook table over the store's connection. */
export function createReleaseSubscriptionTables({ sql }: Connection): ReleaseSubscriptionTables {
	const put = async (subscription: ReleaseSubscription): Promise<void> => {
		const row = releaseSubscriptionRow(subscription);
		await sql(
			`INSERT INTO release_subscriptions (id, org_id, next_attempt_at, disabled_at, body) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, next_attempt_at = excluded.next_attempt_at,
			 disabled_at = excluded.disabled_at, body = excluded.body`,
			[row.id, row.org_id, row.next_attempt_at, row.disabled_at, row.body],
		);
	};
	return {
		putReleaseSubscription: put,
		async getReleaseSubscription(id) {
			const rows = await sql("SELECT * FROM release_subscriptions WHERE id = $1", [id]);
			return rows[0] === undefined ? undefined : toReleaseSubscription(rows[0]);
		},
		async listReleaseSubscriptions(organizationId) {
			const rows =
				organizationId === undefined
					? await sql("SELECT * FROM release_subscriptions ORDER BY seq")
					: await sql("SELECT * FROM release_subscriptions WHERE org_id = $1 ORDER BY seq", [organizationId]);
			return rows.map(toReleaseSubscription);
		},
		async removeReleaseSubscription(id) {
			const rows = await sql("DELETE FROM release_subscriptions WHERE id = $1 RETURNING id", [id]);
			return rows.length > 0;
		},
		async claimReleaseSubscriptions(now, leaseUntil, limit) {
			const rows = await sql(
				`UPDATE release_subscriptions SET next_attempt_at = $1
				 WHERE id IN (SELECT id FROM release_subscriptions WHERE disabled_at IS NULL AND next_attempt_at <= $2
				 ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *`,
				[leaseUntil, now, limit],
			);
			return rows.map(toReleaseSubscription).sort((a, b) => a.id.localeCompare(b.id));
		},
		async recordReleaseProgress(id, progress) {
			const rows = await sql("SELECT * FROM release_subscriptions WHERE id = $1", [id]);
			if (rows[0] === undefined) return false;
			await put({ ...toReleaseSubscription(rows[0]), ...progress });
			return true;
		},
	};
}
