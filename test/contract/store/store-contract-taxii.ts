// The Store contract for the TAXII server's records: collections and Add Objects status resources.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CollectionDefinition, StatusRecord } from "../../../src/store/taxii-records.ts";
import { ORG_A, ORG_B, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const everything: CollectionDefinition = {
	id: "11111111-1111-4111-8111-111111111111",
	title: "Everything",
	alias: "all",
	read: { organizations: "local" },
	write: { organizations: "local", roles: ["admin", "analyst"] },
	filter: {},
};
const indicators: CollectionDefinition = {
	id: "22222222-2222-4222-8222-222222222222",
	title: "Indicators of A",
	description: "what Alpha shares",
	read: { organizations: [ORG_A, ORG_B], roles: ["reader"] },
	write: { organizations: [] },
	filter: { types: ["indicator"], sourceOrganizations: [ORG_A] },
};

function status(id: string, expiresAt: string): StatusRecord {
	return {
		resource: {
			id,
			status: "complete",
			request_timestamp: "2024-01-01T00:00:00.000000Z",
			total_count: 2,
			success_count: 1,
			successes: [{ id: "indicator--00000000-0000-4000-8000-000000000001", version: "2024-01-01T00:00:00Z" }],
			failure_count: 1,
			failures: [{ id: "objects[1]", version: "", message: "invalid" }],
			pending_count: 0,
		},
		apiRoot: "api",
		organizationId: ORG_A,
		expiresAt,
	};
}

/** Registers the collections-and-statuses part of the contract. */
export function registerTaxiiContract(fixture: StoreFixture): void {
	describe("collections", () => {
		it("puts, lists in first-put order, replaces in place and deletes collections", async () => {
			const store = fixture.current();
			assert.deepEqual(await store.listCollections(), []);
			await store.putCollection(everything);
			await store.putCollection(indicators);
			assert.deepEqual(await store.listCollections(), [everything, indicators]);
			const renamed = { ...everything, title: "All of it", alias: "everything" };
			await store.putCollection(renamed);
			assert.deepEqual(await store.listCollections(), [renamed, indicators], "an update keeps its place");
			assert.equal(await store.deleteCollection(everything.id), true);
			assert.equal(await store.deleteCollection(everything.id), false);
			assert.deepEqual(await store.listCollections(), [indicators]);
		});

		it("drops optional fields that are absent rather than storing them as null", async () => {
			const store = fixture.current();
			const { alias: _alias, ...bare } = everything;
			await store.putCollection(bare);
			const [listed] = await store.listCollections();
			assert.deepEqual(listed, bare);
			assert.equal(listed !== undefined && "description" in listed, false);
		});

		it("refuses an alias another collection has, and frees an alias on delete", async () => {
			const store = fixture.current();
			await store.putCollection(everything);
			await rejectsWith(store.putCollection({ ...indicators, alias: "all" }), "E_STORE_CONFLICT");
			assert.equal((await store.listCollections()).length, 1, "nothing stored from a refused put");
			await store.deleteCollection(everything.id);
			await store.putCollection({ ...indicators, alias: "all" });
			assert.equal((await store.listCollections())[0]?.alias, "all");
		});
	});

	describe("status resources", () => {
		it("puts, gets and replaces a status resource whole", async () => {
			const store = fixture.current();
			const record = status("33333333-3333-4333-8333-333333333333", "2024-01-02T00:00:00.000000Z");
			assert.equal(await store.getStatus(record.resource.id), undefined);
			await store.putStatus(record);
			assert.deepEqual(await store.getStatus(record.resource.id), record);
			const later = { ...record, expiresAt: "2024-01-03T00:00:00.000001Z" };
			await store.putStatus(later);
			assert.deepEqual(await store.getStatus(record.resource.id), later);
		});

		it("deletes only statuses that expire strictly before the instant, and counts them", async () => {
			const store = fixture.current();
			const early = status("44444444-4444-4444-8444-444444444444", "2024-01-01T00:00:00.000000Z");
			const edge = status("55555555-5555-4555-8555-555555555555", "2024-01-02T00:00:00.000000Z");
			const late = status("66666666-6666-4666-8666-666666666666", "2024-01-03T00:00:00.000000Z");
			for (const record of [early, edge, late]) await store.putStatus(record);
			assert.equal(await store.deleteStatusesBefore("2024-01-02T00:00:00Z"), 1);
			assert.equal(await store.getStatus(early.resource.id), undefined);
			assert.deepEqual(await store.getStatus(edge.resource.id), edge);
			assert.equal(await store.deleteStatusesBefore("2024-01-02T01:00:00+01:00"), 0, "offsets are honoured");
			assert.equal(await store.deleteStatusesBefore("2025-01-01T00:00:00Z"), 2);
		});

		it("refuses malformed instants", async () => {
			const store = fixture.current();
			await rejectsWith(store.deleteStatusesBefore("yesterday"), "E_STORE_QUERY_INVALID");
			await rejectsWith(
				store.putStatus(status("77777777-7777-4777-8777-777777777777", "soon")),
				"E_STORE_QUERY_INVALID",
			);
		});
	});
}
