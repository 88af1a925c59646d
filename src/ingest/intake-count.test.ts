// The intake counter (D67): a round that dies before its transaction commits leaves counts and cursor as they were,
// so the next round counts its versions once; the follower catches up in the background and on wake-ups.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { batchOf, indicator } from "#test/contract/store/store-contract.ts";
import { openSqliteStore, type Store } from "../store/index.ts";
import { countIntake, followIntake } from "./intake-count.ts";

const total = async (store: Store): Promise<number> =>
	(await store.activityCounts("2000-01-01")).reduce((sum, count) => sum + count.count, 0);

describe("countIntake", () => {
	it("after a round that died before committing, counts each version once", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		try {
			await store.putVersions(batchOf(Array.from({ length: 7 }, (_, i) => indicator(i + 1))));
			assert.equal((await countIntake(store, 3)).counted, 3);
			// The process dies inside the second round's write: the store's transaction never commits.
			const dying: Store = {
				...store,
				addActivityCounts: () => Promise.reject(new Error("killed")),
			};
			await assert.rejects(countIntake(dying, 3), /killed/);
			assert.equal(await total(store), 3);
			while ((await countIntake(store, 3)).more) {}
			assert.equal(await total(store), 7);
		} finally {
			await store.close();
		}
	});

	it("the follower counts what was there at start and what a wake-up announces", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const errors: unknown[] = [];
		const intake = followIntake(store, { pollMs: 60_000, onError: (error) => errors.push(error) });
		try {
			await store.putVersions(batchOf([indicator(1), indicator(2)]));
			intake.wake();
			const until = Date.now() + 5000;
			while ((await total(store)) < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
			assert.equal(await total(store), 2);
			assert.deepEqual(errors, []);
		} finally {
			await intake.stop();
			await store.close();
		}
	});
});
