// Store contract: the dashboard's activity counters (D67) add up per key, read by day, and move a follower's cursor
// in the same transaction as the counts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countIntake } from "../../../src/ingest/index.ts";
import type { ActivityCount } from "../../../src/store/index.ts";
import { batchOf, indicator, ORG_A, ORG_B, type StoreFixture } from "./store-contract-fixtures.ts";

const GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
const AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

const count = (day: string, flow: ActivityCount["flow"], n: number, more: Partial<ActivityCount> = {}) => ({
	day,
	flow,
	party: "identity--00000000-0000-4000-8000-0000000000b1",
	marking: "TLP:GREEN",
	rule: "",
	count: n,
	...more,
});

export function registerActivityContract(fixture: StoreFixture): void {
	describe("activity counters", () => {
		it("reads nothing and no cursor before anything is counted", async () => {
			const store = fixture.current();
			assert.deepEqual(await store.activityCounts("2000-01-01"), []);
			assert.equal(await store.activityCursor("in"), undefined);
		});

		it("adds to a known counter (twice in one batch too), keeps keys apart and reads from a day on, in order", async () => {
			const store = fixture.current();
			await store.addActivityCounts([]);
			await store.addActivityCounts([
				count("2026-12-07", "in", 3),
				count("2026-12-08", "out", 2),
				count("2026-12-08", "out", 5),
				count("2026-12-08", "withheld", 4, { rule: "scope.tlp", marking: "TLP:RED" }),
			]);
			await store.addActivityCounts([
				count("2026-12-07", "in", 1),
				count("2026-12-08", "withheld", 1, { rule: "agreement.purpose", marking: "TLP:RED" }),
				count("2026-12-06", "local", 9),
			]);
			assert.deepEqual(await store.activityCounts("2026-12-07"), [
				count("2026-12-07", "in", 4),
				count("2026-12-08", "out", 7),
				count("2026-12-08", "withheld", 1, { rule: "agreement.purpose", marking: "TLP:RED" }),
				count("2026-12-08", "withheld", 4, { rule: "scope.tlp", marking: "TLP:RED" }),
			]);
			assert.equal((await store.activityCounts("2026-01-01")).length, 5);
		});

		it("moves a cursor with its counts, and a cursor alone; cursors are kept apart by name", async () => {
			const store = fixture.current();
			await store.addActivityCounts([count("2026-12-08", "in", 2)], {
				name: "in",
				position: "2026-12-08T10:00:00.000001Z",
			});
			assert.equal(await store.activityCursor("in"), "2026-12-08T10:00:00.000001Z");
			await store.addActivityCounts([], { name: "in", position: "2026-12-08T11:00:00.000002Z" });
			assert.equal(await store.activityCursor("in"), "2026-12-08T11:00:00.000002Z");
			assert.equal(await store.activityCursor("other"), undefined);
			assert.deepEqual(await store.activityCounts("2026-12-08"), [count("2026-12-08", "in", 2)]);
		});

		it("a batch that fails writes neither its counts nor its cursor", async () => {
			const store = fixture.current();
			await store.addActivityCounts([count("2026-12-08", "in", 1)], {
				name: "in",
				position: "2026-12-08T10:00:00.000001Z",
			});
			// A count that is not a number fails the statement: nothing of the batch stays.
			const broken = [count("2026-12-08", "in", 5), { ...count("2026-12-08", "out", 1), count: Number.NaN }];
			await assert.rejects(
				store.addActivityCounts(broken, { name: "in", position: "2026-12-09T00:00:00.000000Z" }),
			);
			assert.equal(await store.activityCursor("in"), "2026-12-08T10:00:00.000001Z");
			assert.deepEqual(await store.activityCounts("2026-12-08"), [count("2026-12-08", "in", 1)]);
		});

		it("counts every committed version once by day, organisation and marking, following the commit log in pages", async () => {
			const store = fixture.current();
			await store.putVersions(
				batchOf([
					indicator(1, undefined, { object_marking_refs: [GREEN] }),
					indicator(2, undefined, { object_marking_refs: [AMBER] }),
					indicator(3),
				]),
			);
			await store.putVersions(
				batchOf([indicator(1, "2024-02-01T00:00:00.000Z", { object_marking_refs: [GREEN] })]),
			);
			await store.putVersions(batchOf([indicator(4, undefined, { object_marking_refs: [GREEN] })], ORG_B));
			// Pages of two: three rounds, each moving the cursor with its counts.
			const rounds = [];
			for (;;) {
				const round = await countIntake(store, 2);
				rounds.push(round.counted);
				if (!round.more) break;
			}
			assert.equal(
				rounds.reduce((a, b) => a + b, 0),
				5,
			);
			assert.equal((await countIntake(store, 2)).counted, 0, "nothing counted twice");
			const today = new Date().toISOString().slice(0, 10);
			const read = (await store.activityCounts(today)).map((c) => [c.flow, c.party, c.marking, c.count]);
			assert.deepEqual(
				read.sort(),
				[
					["in", ORG_A, "TLP:AMBER", 1],
					["in", ORG_A, "TLP:GREEN", 2],
					["in", ORG_A, "unmarked", 1],
					["in", ORG_B, "TLP:GREEN", 1],
				].sort(),
			);
			await store.putVersions(batchOf([indicator(5, undefined, { object_marking_refs: [AMBER] })]));
			assert.equal((await countIntake(store)).counted, 1);
			const amber = (await store.activityCounts(today)).find(
				(c) => c.party === ORG_A && c.marking === "TLP:AMBER",
			);
			assert.equal(amber?.count, 2);
		});
	});
}
