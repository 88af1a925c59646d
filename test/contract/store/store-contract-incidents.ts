// Store contract: incidents (D37) are appended in order, listed newest first in pages, and counted per invariant.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const incident = (n: number, invariant: string) => ({
	at: `2026-01-01T00:00:0${n}.000Z`,
	invariant,
	objectId: `indicator--00000000-0000-4000-8000-00000000000${n}`,
	partyId: "identity--00000000-0000-4000-8000-0000000000b1",
	userId: `user-${n}`,
	purpose: "network-defence",
	reason: `reason ${n}`,
});

export function registerIncidentsContract(fixture: StoreFixture): void {
	describe("incidents", () => {
		it("lists nothing and counts nothing before any is recorded", async () => {
			const store = fixture.current();
			assert.deepEqual(await store.listIncidents({ limit: 10 }), []);
			assert.equal((await store.incidentCounts()).size, 0);
		});

		it("keeps every field, numbers them in order, lists newest first in pages and counts per invariant", async () => {
			const store = fixture.current();
			await store.recordIncidents([]);
			await store.recordIncidents([
				{ ...incident(1, "tlp-ceiling"), objectVersion: "2026-01-01T00:00:00.000Z" },
				incident(2, "red-named"),
			]);
			await store.recordIncidents([incident(3, "tlp-ceiling")]);
			const all = await store.listIncidents({ limit: 10 });
			assert.deepEqual(
				all.map((i) => [i.objectId.slice(-1), i.invariant, i.userId]),
				[
					["3", "tlp-ceiling", "user-3"],
					["2", "red-named", "user-2"],
					["1", "tlp-ceiling", "user-1"],
				],
			);
			const [third, second, first] = all;
			assert.ok(third !== undefined && second !== undefined && first !== undefined);
			assert.ok(first.seq < second.seq && second.seq < third.seq);
			assert.deepEqual(first, {
				...incident(1, "tlp-ceiling"),
				objectVersion: "2026-01-01T00:00:00.000Z",
				seq: first.seq,
			});
			assert.equal("objectVersion" in second, false);
			const page = await store.listIncidents({ limit: 1, beforeSeq: third.seq });
			assert.deepEqual(
				page.map((i) => i.seq),
				[second.seq],
			);
			assert.deepEqual([...(await store.incidentCounts())].sort(), [
				["red-named", 1],
				["tlp-ceiling", 2],
			]);
		});

		it("refuses after close", async () => {
			const store = fixture.current();
			await store.close();
			await rejectsWith(store.listIncidents({ limit: 1 }), "E_STORE_CLOSED");
			await rejectsWith(store.recordIncidents([incident(1, "h3-inline")]), "E_STORE_CLOSED");
		});
	});
}
