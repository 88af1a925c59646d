// Store contract: a version flagged unknown-marking is released when its definitions are stored, in any order
// and by any later write, and re-committed so followers of the commit log see it as new (D58).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import { AWAITING_REFERENCES_FLAG, type NewVersion, UNKNOWN_MARKING_FLAG } from "../../../src/store/store.ts";
import { indicator, MICROS_FORMAT, ORG_A, type StoreFixture } from "./store-contract-fixtures.ts";

const STATEMENT_A = "marking-definition--0000000a-0000-4000-8000-00000000000a";
const STATEMENT_B = "marking-definition--0000000b-0000-4000-8000-00000000000b";

function definition(id: string): StixObject {
	return {
		type: "marking-definition",
		spec_version: "2.1",
		id,
		created: "2024-01-01T00:00:00.000Z",
		definition_type: "statement",
		definition: { statement: `Copyright ${id.slice(-2)}` },
	};
}

/** A version as ingest hands it over when `awaiting` are not yet defined. */
function flagged(object: StixObject, awaiting: readonly string[]): NewVersion {
	return {
		object: { ...object, object_marking_refs: [...awaiting] },
		provenance: { organizationId: ORG_A, source: "contract" },
		flags: [UNKNOWN_MARKING_FLAG],
		awaitingMarkings: awaiting,
	};
}

function report(n: number, refs: readonly string[]): StixObject {
	return {
		type: "report",
		spec_version: "2.1",
		id: `report--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		name: `report ${n}`,
		published: "2024-01-01T00:00:00.000Z",
		object_refs: [...refs],
	};
}

const plain = (object: StixObject): NewVersion => ({
	object,
	provenance: { organizationId: ORG_A, source: "contract" },
});

export function registerMarkingWaitsContract(fixture: StoreFixture): void {
	describe("versions waiting for their marking definitions (D58)", () => {
		it("releases a waiting version when its definition arrives in a later write, at a new position", async () => {
			const store = fixture.current();
			const [held] = await store.putVersions([flagged(indicator(1), [STATEMENT_A])]);
			assert.equal(held?.status, "stored");
			const before = await store.commitHorizon();
			await store.putVersions([plain(definition(STATEMENT_A))]);
			const [version] = await store.getVersions(indicator(1).id);
			assert.deepEqual(version?.flags, []);
			assert.match(String(version?.dateAdded), MICROS_FORMAT);
			assert.ok(String(version?.dateAdded) > String(before), "re-committed after the definition");
			const news = await store.query({ addedAfter: String(before), limit: 10 });
			assert.deepEqual(
				news.items.map((item) => item.id).sort(),
				[STATEMENT_A, indicator(1).id].sort(),
				"a follower of the commit log sees the released version as new",
			);
		});

		it("waits for every missing definition, whatever order they come in", async () => {
			const store = fixture.current();
			await store.putVersions([flagged(indicator(2), [STATEMENT_A, STATEMENT_B])]);
			await store.putVersions([plain(definition(STATEMENT_B))]);
			assert.deepEqual((await store.getVersions(indicator(2).id))[0]?.flags, [UNKNOWN_MARKING_FLAG]);
			await store.putVersions([plain(definition(STATEMENT_A))]);
			assert.deepEqual((await store.getVersions(indicator(2).id))[0]?.flags, []);
		});

		it("releases at once a version whose definition is already held, or comes later in the same batch", async () => {
			const store = fixture.current();
			await store.putVersions([plain(definition(STATEMENT_A))]);
			await store.putVersions([
				flagged(indicator(3), [STATEMENT_A]),
				flagged(indicator(4), [STATEMENT_B]),
				plain(definition(STATEMENT_B)),
			]);
			assert.deepEqual((await store.getVersions(indicator(3).id))[0]?.flags, []);
			assert.deepEqual((await store.getVersions(indicator(4).id))[0]?.flags, []);
		});

		it("releases an observable's statement under the version its new position names", async () => {
			const store = fixture.current();
			const ip: StixObject = {
				type: "ipv4-addr",
				spec_version: "2.1",
				id: "ipv4-addr--00000000-0000-5000-8000-0000000000e2",
				value: "198.51.100.8",
			};
			await store.putVersions([flagged(ip, [STATEMENT_A])]);
			await store.putVersions([plain(definition(STATEMENT_A))]);
			const [statement] = await store.getVersions(String(ip.id));
			assert.deepEqual(statement?.flags, []);
			assert.equal(
				statement?.version,
				statement?.dateAdded,
				"a statement's version stays its commit position",
			);
		});

		it("forgets the waits of a deleted object", async () => {
			const store = fixture.current();
			await store.putVersions([flagged(indicator(5), [STATEMENT_A])]);
			await store.deleteObject(indicator(5).id);
			await store.putVersions([plain(definition(STATEMENT_A))]);
			assert.deepEqual(await store.getVersions(indicator(5).id), []);
		});
	});

	describe("versions waiting for the objects they name (D58)", () => {
		it("holds a report naming an absent object until it arrives, then re-commits it whole", async () => {
			const store = fixture.current();
			const container = report(1, [indicator(7).id]);
			await store.putVersions([plain(container)]);
			const [waiting] = await store.getVersions(String(container.id));
			assert.deepEqual(waiting?.flags, [AWAITING_REFERENCES_FLAG]);
			const before = await store.commitHorizon();
			await store.putVersions([plain(indicator(7))]);
			const [released] = await store.getVersions(String(container.id));
			assert.deepEqual(released?.flags, []);
			assert.deepEqual(released?.object, container, "the version's content is the one written");
			const news = await store.query({ addedAfter: String(before), limit: 10 });
			assert.ok(
				news.items.some((item) => item.id === container.id),
				"followers see it as new",
			);
		});

		it("releases in a chain: a report waiting on an indicator that waits for its marking definition", async () => {
			const store = fixture.current();
			const container = report(2, [indicator(8).id]);
			await store.putVersions([plain(container)]);
			await store.putVersions([flagged(indicator(8), [STATEMENT_A])]);
			assert.deepEqual((await store.getVersions(String(container.id)))[0]?.flags, [AWAITING_REFERENCES_FLAG]);
			await store.putVersions([plain(definition(STATEMENT_A))]);
			assert.deepEqual((await store.getVersions(indicator(8).id))[0]?.flags, []);
			assert.deepEqual((await store.getVersions(String(container.id)))[0]?.flags, []);
		});

		it("does not hold a version for what the same batch stores ready, in any order", async () => {
			const store = fixture.current();
			const container = report(3, [indicator(9).id, indicator(10).id]);
			const outcomes = await store.putVersions([plain(container), plain(indicator(9)), plain(indicator(10))]);
			const [stored] = await store.getVersions(String(container.id));
			assert.deepEqual(stored?.flags, []);
			assert.equal(
				stored?.dateAdded,
				outcomes[0]?.status === "stored" ? outcomes[0].dateAdded : "",
				"not re-committed",
			);
		});

		it("keeps waiting while any named object is absent, or named by a version that waits", async () => {
			const store = fixture.current();
			const container = report(4, [indicator(11).id, indicator(12).id]);
			await store.putVersions([plain(container), flagged(indicator(11), [STATEMENT_B])]);
			await store.putVersions([plain(indicator(12))]);
			assert.deepEqual((await store.getVersions(String(container.id)))[0]?.flags, [AWAITING_REFERENCES_FLAG]);
		});
	});
}
