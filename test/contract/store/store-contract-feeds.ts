// Store contract: feeds (D55): definitions with their status, the items of the last pull, and the pull lease that
// lets one holder at a time pull a feed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FeedDefinition, FeedStatus } from "../../../src/store/index.ts";
import { ORG_A, type StoreFixture } from "./store-contract-fixtures.ts";

const feed = (n: number, name = `feed ${n}`): FeedDefinition => ({
	id: `00000000-0000-4000-8000-00000000000${n}`,
	name,
	url: `https://feeds.example/${n}.txt`,
	format: "text",
	intervalSeconds: 3600,
	markingRefs: [],
	organizationId: ORG_A,
	createdAt: "2026-01-01T00:00:00.000Z",
	createdBy: "cli",
});

const status: FeedStatus = {
	lastPullAt: "2026-01-01T01:00:00.000Z",
	outcome: "updated",
	added: 3,
	updated: 1,
	revoked: 0,
	values: 4,
	skipped: 1,
	problems: ["line 7: 'nonsense' is not a value of a known kind"],
	etag: '"abc"',
};

export function registerFeedsContract(fixture: StoreFixture): void {
	describe("feeds", () => {
		it("adds, replaces, lists in order, records a status and removes a feed with its items", async () => {
			const store = fixture.current();
			assert.deepEqual(await store.listFeeds(), []);
			await store.putFeed(feed(1));
			await store.putFeed(feed(2));
			await store.putFeed(feed(1, "renamed"));
			assert.deepEqual(
				(await store.listFeeds()).map((f) => f.name),
				["renamed", "feed 2"],
			);
			await store.recordFeedStatus(feed(2).id, status);
			assert.deepEqual(await store.getFeed(feed(2).id), { ...feed(2), status });
			await store.putFeed(feed(2, "again"));
			assert.deepEqual(
				(await store.getFeed(feed(2).id))?.status,
				status,
				"a new definition keeps the status",
			);
			await store.updateFeedItems(feed(2).id, [{ key: "ipv4:192.0.2.1", fingerprint: "" }], []);
			assert.equal(await store.removeFeed(feed(2).id), true);
			assert.equal(await store.removeFeed(feed(2).id), false);
			assert.equal(await store.getFeed(feed(2).id), undefined);
			assert.deepEqual(await store.feedItems(feed(2).id), [], "its items went with it");
		});

		it("puts and removes items per feed, replacing a fingerprint", async () => {
			const store = fixture.current();
			await store.putFeed(feed(1));
			await store.putFeed(feed(2));
			await store.updateFeedItems(
				feed(1).id,
				[
					{ key: "ipv4:192.0.2.1", fingerprint: "a" },
					{ key: "ipv4:192.0.2.2", fingerprint: "b" },
				],
				[],
			);
			await store.updateFeedItems(feed(2).id, [{ key: "ipv4:192.0.2.1", fingerprint: "z" }], []);
			await store.updateFeedItems(
				feed(1).id,
				[{ key: "ipv4:192.0.2.2", fingerprint: "c" }],
				["ipv4:192.0.2.1"],
			);
			assert.deepEqual(await store.feedItems(feed(1).id), [{ key: "ipv4:192.0.2.2", fingerprint: "c" }]);
			assert.deepEqual(await store.feedItems(feed(2).id), [{ key: "ipv4:192.0.2.1", fingerprint: "z" }]);
		});

		it("records a large list's items in one call", async () => {
			const store = fixture.current();
			await store.putFeed(feed(1));
			// More than a statement's worth (SQLite writes them several hundred per statement) and a remainder.
			const keys = Array.from({ length: 1_234 }, (_, n) => `ipv4:10.0.${n >> 8}.${n & 255}`);
			await store.updateFeedItems(
				feed(1).id,
				keys.map((key) => ({ key, fingerprint: "old" })),
				[],
			);
			await store.updateFeedItems(
				feed(1).id,
				keys.slice(0, 700).map((key) => ({ key, fingerprint: "new" })),
				keys.slice(1_200),
			);
			const items = new Map((await store.feedItems(feed(1).id)).map((item) => [item.key, item.fingerprint]));
			assert.equal(items.size, 1_200);
			assert.equal(items.get(keys[0] as string), "new");
			assert.equal(items.get(keys[699] as string), "new");
			assert.equal(items.get(keys[700] as string), "old");
			assert.equal(items.has(keys[1_200] as string), false);
		});

		it("leases a feed to one holder until the lease expires or is released", async () => {
			const store = fixture.current();
			await store.putFeed(feed(1));
			const id = feed(1).id;
			const t = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, "0")}.000Z`;
			assert.equal(await store.claimFeedLease(id, "a", t(0), t(30)), true);
			assert.equal(await store.claimFeedLease(id, "b", t(10), t(40)), false, "a runs");
			assert.equal(await store.claimFeedLease(id, "a", t(10), t(40)), true, "the holder extends its own");
			assert.equal(await store.claimFeedLease(id, "b", t(41), t(59)), true, "an expired lease is taken over");
			await store.releaseFeedLease(id, "a");
			assert.equal(
				await store.claimFeedLease(id, "a", t(42), t(50)),
				false,
				"another's release does nothing",
			);
			await store.releaseFeedLease(id, "b");
			assert.equal(await store.claimFeedLease(id, "a", t(43), t(50)), true);
		});
	});
}
