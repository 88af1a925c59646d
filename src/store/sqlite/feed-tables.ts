// The feed tables (D55, migration 15): definitions with their last status, the items of each feed's last pull,
// and the pull lease.
import type { DatabaseSync } from "node:sqlite";
import { toFeedRecord } from "../feed-rows.ts";
import type { Store } from "../store.ts";

type Sync<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
type FeedMethods = Pick<
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
/** The feed methods of the Store, synchronous (the SQLite store wraps them). */
export type FeedTables = { [K in keyof FeedMethods]: Sync<FeedMethods[K]> };

/**
 * Items written per statement: a first pull of a million-value list records a million items, and one statement
 * per row cost ~7 µs a row in the binding and the step; 3 × 300 parameters stays under SQLite's 32,766.
 */
const ITEMS_PER_STATEMENT = 300;

/** An upsert of `rows` items, bound as (feed_id, key, fingerprint) triples. */
function putItemsSql(rows: number): string {
	return `INSERT INTO feed_items (feed_id, key, fingerprint) VALUES ${Array(rows).fill("(?, ?, ?)").join(", ")}
		 ON CONFLICT (feed_id, key) DO UPDATE SET fingerprint = excluded.fingerprint`;
}

/** The parameters of `count` items from `start`, for putItemsSql(count). */
function itemParameters(
	feedId: string,
	items: readonly { key: string; fingerprint: string }[],
	start: number,
	count: number,
): string[] {
	const parameters: string[] = new Array(count * 3);
	for (let row = 0; row < count; row++) {
		const item = items[start + row] as { key: string; fingerprint: string };
		parameters[row * 3] = feedId;
		parameters[row * 3 + 1] = item.key;
		parameters[row * 3 + 2] = item.fingerprint;
	}
	return parameters;
}

/** Writes on the writer connection, reads on the reader; the lease is judged on the writer. */
export function createFeedTables(writer: DatabaseSync, reader: DatabaseSync): FeedTables {
	const upsert = writer.prepare(
		"INSERT INTO feeds (id, definition) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET definition = excluded.definition",
	);
	const all = reader.prepare("SELECT definition, status FROM feeds ORDER BY seq");
	const one = reader.prepare("SELECT definition, status FROM feeds WHERE id = ?");
	const deleteFeed = writer.prepare("DELETE FROM feeds WHERE id = ? RETURNING id");
	const deleteItems = writer.prepare("DELETE FROM feed_items WHERE feed_id = ?");
	const deleteLease = writer.prepare("DELETE FROM feed_leases WHERE feed_id = ?");
	const claim = writer.prepare(
		`INSERT INTO feed_leases (feed_id, holder, until) VALUES (?, ?, ?)
		 ON CONFLICT (feed_id) DO UPDATE SET holder = excluded.holder, until = excluded.until
		 WHERE feed_leases.until <= ? OR feed_leases.holder = excluded.holder RETURNING feed_id`,
	);
	const release = writer.prepare("DELETE FROM feed_leases WHERE feed_id = ? AND holder = ?");
	const setStatus = writer.prepare("UPDATE feeds SET status = ? WHERE id = ?");
	const items = reader.prepare("SELECT key, fingerprint FROM feed_items WHERE feed_id = ?");
	const putItem = writer.prepare(putItemsSql(1));
	const putItems = writer.prepare(putItemsSql(ITEMS_PER_STATEMENT));
	const removeItem = writer.prepare("DELETE FROM feed_items WHERE feed_id = ? AND key = ?");
	const inTransaction = <T>(work: () => T): T => {
		writer.exec("BEGIN IMMEDIATE");
		try {
			const result = work();
			writer.exec("COMMIT");
			return result;
		} catch (error) {
			writer.exec("ROLLBACK");
			throw error;
		}
	};
	return {
		putFeed(feed) {
			upsert.run(feed.id, JSON.stringify(feed));
		},
		listFeeds: () => all.all().map(toFeedRecord),
		getFeed(id) {
			const row = one.get(id);
			return row === undefined ? undefined : toFeedRecord(row);
		},
		removeFeed: (id) =>
			inTransaction(() => {
				deleteItems.run(id);
				deleteLease.run(id);
				return deleteFeed.get(id) !== undefined;
			}),
		claimFeedLease: (id, holder, now, until) => claim.get(id, holder, until, now) !== undefined,
		releaseFeedLease(id, holder) {
			release.run(id, holder);
		},
		recordFeedStatus(id, status) {
			setStatus.run(JSON.stringify(status), id);
		},
		feedItems: (id) =>
			items.all(id).map((row) => ({ key: String(row.key), fingerprint: String(row.fingerprint) })),
		updateFeedItems: (id, put, removed) =>
			inTransaction(() => {
				let start = 0;
				for (; start + ITEMS_PER_STATEMENT <= put.length; start += ITEMS_PER_STATEMENT) {
					putItems.run(...itemParameters(id, put, start, ITEMS_PER_STATEMENT));
				}
				for (; start < put.length; start++) putItem.run(...itemParameters(id, put, start, 1));
				for (const key of removed) removeItem.run(id, key);
			}),
	};
}
