// The Store contract for the small tables: organisations, users, metadata, quarantine listing and stats.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Organization, User } from "../../../src/store/account-records.ts";
import {
	batchOf,
	indicator,
	ORG_A,
	ORG_B,
	rejectsWith,
	type StoreFixture,
} from "./store-contract-fixtures.ts";

const orgA: Organization = {
	id: ORG_A,
	name: "Alpha CERT",
	sectors: ["government"],
	jurisdictions: ["FR", "EU"],
	createdAt: "2024-01-01T00:00:00.000000Z",
	local: true,
};
const orgB: Organization = { ...orgA, id: ORG_B, name: "Beta Bank", sectors: ["financial-services"] };
const alice: User = {
	id: "user-alice",
	organizationId: ORG_A,
	name: "alice",
	role: "admin",
	tokenHash: "a".repeat(64),
	createdAt: "2024-01-02T00:00:00.000000Z",
};

/** Registers the small-table half of the contract. */
export function registerDirectoryContract(fixture: StoreFixture): void {
	describe("organizations and users", () => {
		it("puts, gets, updates and lists organizations", async () => {
			const store = fixture.current();
			assert.equal(await store.getOrganization(ORG_A), undefined);
			await store.putOrganization(orgB);
			await store.putOrganization(orgA);
			assert.deepEqual(await store.getOrganization(ORG_A), orgA);
			await store.putOrganization({ ...orgA, name: "Alpha CSIRT" });
			assert.equal((await store.getOrganization(ORG_A))?.name, "Alpha CSIRT");
			// A partner party: its users may exist here, but it is not one of the node's own.
			await store.putOrganization({ ...orgB, local: false });
			assert.equal((await store.getOrganization(ORG_B))?.local, false);
			const { local: _local, ...unflagged } = orgA;
			await store.putOrganization(unflagged);
			assert.equal((await store.getOrganization(ORG_A))?.local, true);
			assert.deepEqual(
				(await store.listOrganizations()).map((o) => o.id),
				[ORG_A, ORG_B],
			);
		});

		it("puts users, finds them by token hash and lists them per organization", async () => {
			const store = fixture.current();
			await store.putOrganization(orgA);
			await store.putOrganization(orgB);
			const bob: User = {
				...alice,
				id: "user-bob",
				organizationId: ORG_B,
				name: "bob",
				role: "reader",
				tokenHash: "b".repeat(64),
			};
			await store.putUser(alice);
			await store.putUser(bob);
			assert.deepEqual(await store.findUserByTokenHash(alice.tokenHash), alice);
			assert.equal(await store.findUserByTokenHash("c".repeat(64)), undefined);
			assert.deepEqual(await store.listUsers(ORG_B), [bob]);
			assert.equal((await store.listUsers()).length, 2);
			await store.putUser({ ...alice, role: "analyst", tokenHash: "d".repeat(64) });
			assert.equal((await store.findUserByTokenHash("d".repeat(64)))?.role, "analyst");
			assert.equal(
				await store.findUserByTokenHash(alice.tokenHash),
				undefined,
				"a rotated token stops working",
			);
		});

		it("refuses a user of an unknown organization or with another user's token hash", async () => {
			const store = fixture.current();
			await rejectsWith(store.putUser(alice), "E_STORE_NOT_FOUND");
			await store.putOrganization(orgA);
			await store.putUser(alice);
			await rejectsWith(store.putUser({ ...alice, id: "user-mallory" }), "E_STORE_CONFLICT");
		});
	});

	describe("meta", () => {
		it("gets, sets and overwrites values", async () => {
			const store = fixture.current();
			assert.equal(await store.getMeta("node.name"), undefined);
			await store.setMeta("node.name", "one");
			await store.setMeta("node.name", "two");
			assert.equal(await store.getMeta("node.name"), "two");
		});
	});

	describe("quarantine and stats", () => {
		it("lists quarantined versions newest first, at most limit, once per distinct content", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([indicator(1), indicator(2)]));
			await store.putVersions(
				batchOf([indicator(1, undefined, { name: "x" }), indicator(2, undefined, { name: "y" })]),
			);
			await store.putVersions(batchOf([indicator(1, undefined, { name: "x" })]));
			const held = await store.listQuarantine(10);
			assert.deepEqual(
				held.map((q) => q.id),
				[indicator(2).id, indicator(1).id],
			);
			assert.equal((await store.listQuarantine(1)).length, 1);
			await rejectsWith(store.listQuarantine(0), "E_STORE_QUERY_INVALID");
		});

		it("counts distinct objects, versions, quarantine and organizations", async () => {
			const store = fixture.current();
			const note = {
				type: "note",
				spec_version: "2.1",
				id: "note--00000000-0000-4000-8000-000000000001",
				created: "2024-01-01T00:00:00Z",
				modified: "2024-01-01T00:00:00Z",
				content: "n",
			};
			await store.putOrganization(orgA);
			await store.putVersions(
				batchOf([indicator(1), indicator(1, "2024-03-01T00:00:00.000Z"), indicator(2), note]),
			);
			await store.putVersions(batchOf([{ ...note, content: "m" }]));
			assert.deepEqual(await store.stats(), {
				objects: 3,
				versions: 4,
				quarantined: 1,
				organizations: 1,
				byType: { indicator: 2, note: 1 },
			});
		});
	});
}
