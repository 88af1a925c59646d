// The feed tables (D55, migration 13): definitions with their last status, the items of each feed's last pull,
// and the pull lease, whose upsert lets one process of a deployment at a time pull a feed.
import { toFeedRecord } from "../feed-rows.ts";
import type { Store } from "../store.ts";
import type { Connection } from "./connection.ts";

export type FeedTables = Pick<
	Store,
	| "putFeed"
	| "listFeeds"
	| "getFeed"
	| "removeFeed"
	| "claimFeedLease"
	| "releaseFeedLease"
	| "recordFeedStatus"
	| "feedItems"
	| "updateFeedItems"
>;

/** Items per statement: bounds one statement's arrays to a few MiB. */
const ITEMS_PER_STATEMENT = 20_000;

/** The feed tables over the store's connection. */
export function createFeedTables({ sql, transaction }: Connection): FeedTables {
	return {
		async putFeed(feed) {
			await sql(
				"INSERT INTO feeds (id, definition) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition",
				[feed.id, JSON.stringify(feed)],
			);
		},
		async listFeeds() {
			return (await sql("SELECT definition, status FROM feeds ORDER BY seq")).map(toFeedRecord);
		},
		async getFeed(id) {
			const [row] = await sql("SELECT definition, status FROM feeds WHERE id = $1", [id]);
			return row === undefined ? undefined : toFeedRecord(row);
		},
		removeFeed: (id) =>
			transaction(async (tx) => {
				await tx("DELETE FROM feed_items WHERE feed_id = $1", [id]);
				await tx("DELETE FROM feed_leases WHERE feed_id = $1", [id]);
				return (await tx("DELETE FROM feeds WHERE id = $1 RETURNING id", [id])).length > 0;
			}),
		async claimFeedLease(id, holder, now, until) {
			const rows = await sql(
				`INSERT INTO feed_leases (feed_id, holder, until) VALUES ($1, $2, $3)
				 ON CONFLICT (feed_id) DO UPDATE SET holder = excluded.holder, until = excluded.until
				 WHERE feed_leases.until <= $4 OR feed_leases.holder = excluded.holder RETURNING feed_id`,
				[id, holder, until, now],
			);
			return rows.length > 0;
		},
		async releaseFeedLease(id, holder) {
			await sql("DELETE FROM feed_leases WHERE feed_id = $1 AND holder = $2", [id, holder]);
		},
		async recordFeedStatus(id, status) {
			await sql("UPDATE feeds SET status = $1 WHERE id = $2", [JSON.stringify(status), id]);
		},
		async feedItems(id) {
			const rows = await sql<{ key: string; fingerprint: string }>(
				"SELECT key, fingerprint FROM feed_items WHERE feed_id = $1",
				[id],
			);
			return rows.map((row) => ({ key: row.key, fingerprint: row.fingerprint }));
		},
		updateFeedItems: (id, put, removed) =>
			transaction(async (tx) => {
				for (let start = 0; start < put.length; start += ITEMS_PER_STATEMENT) {
					const slice = put.slice(start, start + ITEMS_PER_STATEMENT);
					await tx(
						`INSERT INTO feed_items (feed_id, key, fingerprint)
						 SELECT $1, k, f FROM unnest($2::text[], $3::text[]) AS t(k, f)
						 ON CONFLICT (feed_id, key) DO UPDATE SET fingerprint = excluded.fingerprint`,
						[id, slice.map((item) => item.key), slice.map((item) => item.fingerprint)],
					);
				}
				for (let start = 0; start < removed.length; start += ITEMS_PER_STATEMENT) {
					await tx("DELETE FROM feed_items WHERE feed_id = $1 AND key = ANY($2::text[])", [
						id,
						removed.slice(start, start + ITEMS_PER_STATEMENT),
					]);
				}
			}),
	};
}
