// Tests the TAXII repository over the store: seeding the default collection once, status expiry and the sweep.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatMicros, openSqliteStore, type StatusRecord } from "../../store/index.ts";
import { storeTaxiiRepository } from "./repository.ts";

const HOUR = 3_600_000_000;
const T0 = Date.UTC(2026, 0, 1) * 1000;

function record(id: string, expiresAt: string): StatusRecord {
	return {
		resource: {
			id,
			status: "complete",
			request_timestamp: "2026-01-01T00:00:00.000000Z",
			total_count: 0,
			success_count: 0,
			failure_count: 0,
			pending_count: 0,
		},
		apiRoot: "api",
		organizationId: "identity--0a0a0a0a-0000-4000-8000-000000000001",
		expiresAt,
	};
}

describe("storeTaxiiRepository", () => {
	it("seeds one default collection however many first requests race, and not again once removed", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const repository = storeTaxiiRepository(store, "node-a", () => T0);
		const lists = await Promise.all([1, 2, 3].map(() => repository.listCollections()));
		assert.deepEqual(
			lists.map((list) => list.map((c) => c.alias)),
			[["all"], ["all"], ["all"]],
		);
		const [seeded] = lists[0] ?? [];
		assert.equal(seeded?.title, "All objects of node-a");
		assert.equal(await repository.removeCollection(seeded?.id ?? ""), true);
		const again = storeTaxiiRepository(store, "node-a", () => T0);
		assert.deepEqual(await again.listCollections(), [], "an operator's removal sticks across restarts");
		await store.close();
	});

	it("does not seed a node whose operator defined collections first", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		const repository = storeTaxiiRepository(store, "node-a", () => T0);
		await repository.putCollection({
			id: "11111111-1111-4111-8111-111111111111",
			title: "Mine",
			read: { organizations: "local" },
			write: { organizations: [] },
			filter: {},
		});
		assert.deepEqual(
			(await repository.listCollections()).map((c) => c.title),
			["Mine"],
		);
		await store.close();
	});

	it("answers a status until it expires, and sweeps expired ones when a later status is saved", async () => {
		const store = await openSqliteStore({ path: ":memory:" });
		let now = T0;
		const repository = storeTaxiiRepository(store, "node-a", () => now);
		const first = record("11111111-1111-4111-8111-111111111111", formatMicros(T0 + 24 * HOUR));
		await repository.saveStatus(first);
		assert.deepEqual(await repository.loadStatus(first.resource.id, T0 + 24 * HOUR - 1), first);
		assert.equal(await repository.loadStatus(first.resource.id, T0 + 24 * HOUR), undefined);
		assert.ok(await store.getStatus(first.resource.id), "expired but not yet swept");
		now = T0 + 25 * HOUR;
		const second = record("22222222-2222-4222-8222-222222222222", formatMicros(now + 24 * HOUR));
		await repository.saveStatus(second);
		assert.equal(await store.getStatus(first.resource.id), undefined, "swept on write");
		assert.deepEqual(await repository.loadStatus(second.resource.id, now), second);
		await store.close();
	});
});
