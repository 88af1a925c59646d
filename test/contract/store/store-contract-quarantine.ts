// The Store contract for the quarantine's review (D65): kinds recorded, pages, decisions, and the caps under a flood.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import type { HeldItem, QuarantineLimits } from "../../../src/store/quarantine-records.ts";
import type { NewVersion, Store } from "../../../src/store/store.ts";
import { indicator, ORG_A, ORG_B, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const TLP_LIKE: StixObject = {
	type: "marking-definition",
	spec_version: "2.1",
	id: "marking-definition--00000000-0000-4000-8000-0000000000aa",
	created: "2024-01-01T00:00:00.000Z",
	name: "house statement",
	definition_type: "statement",
	definition: { statement: "Copyright Alpha" },
};

function put(object: StixObject, organizationId: string, authority?: NewVersion["authority"]): NewVersion {
	const version: NewVersion = { object, provenance: { organizationId, source: "contract" } };
	if (authority !== undefined) version.authority = authority;
	return version;
}

function invalid(n: number, organizationId = ORG_B, body = `{"type":"indicator","n":${n}}`): HeldItem {
	return {
		kind: "invalid",
		objectId: `indicator--${n}`,
		reason: "no pattern",
		organizationId,
		source: "api",
		body,
	};
}

/** Three version kinds and one invalid object, oldest first. */
async function holdFour(store: Store): Promise<void> {
	await store.putVersions([put(indicator(1), ORG_A), put(TLP_LIKE, ORG_A, "immutable")]);
	await store.putVersions([put(indicator(1, undefined, { name: "other" }), ORG_A)]);
	await store.putVersions([
		put(indicator(1, "2024-02-01T00:00:00.000Z"), ORG_B, { versioners: [ORG_B] }),
		put({ ...TLP_LIKE, definition: { statement: "Copyright Beta" } }, ORG_B, "immutable"),
	]);
	await store.holdItems([invalid(9)]);
}

/** Registers the quarantine-review half of the contract; `openLimited` opens a fresh store with small caps. */
export function registerQuarantineContract(
	fixture: StoreFixture,
	openLimited?: (limits: QuarantineLimits) => Promise<Store>,
): void {
	describe("quarantine review", () => {
		it("lists every kind newest first, with filters and pages", async () => {
			const store = fixture.current();
			await holdFour(store);
			const all = await store.listQuarantineItems({ limit: 10 });
			assert.deepEqual(
				all.items.map((item) => [item.kind, item.state, item.organizationId]),
				[
					["invalid", "held", ORG_B],
					["refused-marking", "held", ORG_B],
					["refused-version", "held", ORG_B],
					["conflict", "held", ORG_A],
				],
			);
			assert.equal(all.next, undefined);
			assert.equal(all.items[0]?.objectId, "indicator--9");
			assert.ok((all.items[0]?.bytes ?? 0) > 0);
			const first = await store.listQuarantineItems({ limit: 3 });
			assert.equal(first.items.length, 3);
			const rest = await store.listQuarantineItems({ limit: 3, after: first.next as number });
			assert.deepEqual(
				rest.items.map((item) => item.kind),
				["conflict"],
			);
			const bySource = await store.listQuarantineItems({ limit: 10, source: ORG_A });
			assert.deepEqual(
				bySource.items.map((item) => item.kind),
				["conflict"],
			);
			const byKind = await store.listQuarantineItems({ limit: 10, kinds: ["invalid", "refused-marking"] });
			assert.equal(byKind.items.length, 2);
			assert.equal((await store.listQuarantineItems({ limit: 10, states: ["rejected"] })).items.length, 0);
			// What readers of versions see is unchanged: the invalid object is not a set-aside version.
			assert.equal((await store.listQuarantine(10)).length, 3);
			assert.equal((await store.stats()).quarantined, 3);
			await rejectsWith(store.listQuarantineItems({ limit: 0 }), "E_STORE_QUERY_INVALID");
		});

		it("records each decision, drops a rejected body, and refuses a second verdict", async () => {
			const store = fixture.current();
			await holdFour(store);
			const refused = (await store.listQuarantineItems({ limit: 10, kinds: ["refused-version"] })).items[0];
			assert.ok(refused !== undefined);
			assert.equal((await store.quarantinedOf(indicator(1).id, ORG_B)).length, 1);
			const at = "2026-12-08T01:00:00.000Z";
			const held = await store.decideQuarantineItem(refused.seq, {
				item: refused.seq,
				action: "hold",
				by: "alice",
				at,
				note: "asking Beta",
				state: "held",
			});
			assert.equal(held?.state, "held");
			const rejected = await store.decideQuarantineItem(refused.seq, {
				item: refused.seq,
				action: "reject",
				by: "bob",
				at,
				note: "",
				state: "rejected",
			});
			assert.equal(rejected?.state, "rejected");
			assert.equal(rejected?.bytes, 0);
			const detail = await store.getQuarantineItem(refused.seq);
			assert.equal(detail?.body, "");
			assert.deepEqual(
				detail?.actions.map((a) => [a.action, a.by, a.note, a.state]),
				[
					["hold", "alice", "asking Beta", "held"],
					["reject", "bob", "", "rejected"],
				],
			);
			// A rejected version is no one's copy any more, and no longer counted as held.
			assert.deepEqual(await store.quarantinedOf(indicator(1).id, ORG_B), []);
			assert.equal((await store.stats()).quarantined, 2);
			await rejectsWith(
				store.decideQuarantineItem(refused.seq, { ...detail.actions[0], item: refused.seq } as never),
				"E_QUARANTINE_DECIDED",
			);
			assert.equal(await store.getQuarantineItem(999_999), undefined);
			const none = await store.decideQuarantineItem(999_999, {
				item: 999_999,
				action: "hold",
				by: "alice",
				at,
				note: "",
				state: "held",
			});
			assert.equal(none, undefined);
			// The same refused content again stays decided: it is kept once.
			await store.putVersions([
				put(indicator(1, "2024-02-01T00:00:00.000Z"), ORG_B, { versioners: [ORG_B] }),
			]);
			assert.equal(
				(await store.listQuarantineItems({ limit: 10, kinds: ["refused-version"] })).items.length,
				1,
			);
		});

		if (openLimited === undefined) return;
		const limits: QuarantineLimits = { itemBytes: 64, bucketItems: 20, bucketBytes: 1000 };

		it("cuts a big body, and a flooding bucket drops only its own oldest items", async () => {
			const store = await openLimited(limits);
			try {
				await store.putVersions([put(indicator(1), ORG_A)]);
				await store.putVersions([put(indicator(1, undefined, { name: "other" }), ORG_A)]);
				await store.holdItems([invalid(1, ORG_B, "x".repeat(500))]);
				const [cut] = (await store.listQuarantineItems({ limit: 1 })).items;
				assert.equal(cut?.truncated, true);
				assert.equal(cut?.bytes, 64);
				for (let round = 0; round < 5; round++)
					await store.holdItems(Array.from({ length: 10 }, (_, i) => invalid(100 + round * 10 + i)));
				const flood = await store.listQuarantineItems({ limit: 100, source: ORG_B });
				assert.equal(flood.items.length, 20);
				assert.equal(flood.items.at(-1)?.objectId, "indicator--130", "the oldest went first");
				assert.equal((await store.listQuarantineItems({ limit: 100, source: ORG_A })).items.length, 1);
				// Bytes: 20 items of 60 bytes pass the 1000-byte cap; the newest that fit stay.
				await store.holdItems(
					Array.from({ length: 20 }, (_, i) => invalid(200 + i, ORG_B, "y".repeat(60 + (i % 2)))),
				);
				const heavy = await store.listQuarantineItems({ limit: 100, source: ORG_B });
				const bytes = heavy.items.reduce((sum, item) => sum + item.bytes, 0);
				assert.ok(bytes <= 1000, `${bytes} bytes kept`);
				assert.equal(heavy.items[0]?.objectId, "indicator--219");
				assert.ok(heavy.items.length >= 15);
				// Versions set aside count in their bucket too.
				const versions = Array.from({ length: 30 }, (_, i) =>
					put(indicator(1, undefined, { name: `other ${i}` }), ORG_A),
				);
				await store.putVersions(versions);
				const own = (await store.listQuarantineItems({ limit: 100, source: ORG_A })).items;
				assert.ok(own.reduce((sum, item) => sum + item.bytes, 0) <= 1000);
				assert.ok(own.length >= 1 && own.length < 30);
				const newest = await store.getQuarantineItem(own[0]?.seq ?? 0);
				assert.match(newest?.body ?? "", /other 29/);
			} finally {
				await store.close();
			}
		});
	});
}
