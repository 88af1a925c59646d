// The Store contract for version authority: only the first recorder's organisations version an id; an
// immutable id (a marking definition) keeps its one content. Judged in the write transaction (D30).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import type { NewVersion, VersionAuthority } from "../../../src/store/store.ts";
import { indicator, ORG_A, ORG_B, type StoreFixture } from "./store-contract-fixtures.ts";

const ORG_C = "identity--0c0c0c0c-0000-4000-8000-000000000003";

function put(object: StixObject, organizationId: string, authority?: VersionAuthority): NewVersion {
	return {
		object,
		provenance: { organizationId, source: "contract" },
		...(authority === undefined ? {} : { authority }),
	};
}

function definition(created: string, statement: string): StixObject {
	return {
		type: "marking-definition",
		spec_version: "2.1",
		id: "marking-definition--0d0d0d0d-0000-4000-8000-000000000004",
		created,
		definition_type: "statement",
		definition: { statement },
	};
}

const reasonOf = (outcome: { status: string; reason?: string } | undefined): string =>
	outcome?.status === "quarantined" ? (outcome.reason ?? "") : `(${outcome?.status})`;

/** Registers the authority half of the contract. */
export function registerAuthorityContract(fixture: StoreFixture): void {
	describe("putVersions with authority", () => {
		it("quarantines a new version from an organisation that did not first record the id, naming the owner", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A)]);
			const forged = indicator(1, "2024-02-01T00:00:00.000Z", { revoked: true });
			const [outcome] = await store.putVersions([put(forged, ORG_B, { versioners: [ORG_B] })]);
			assert.equal(outcome?.status, "quarantined");
			assert.equal(outcome?.status === "quarantined" && outcome.refused, true);
			assert.match(reasonOf(outcome), new RegExp(`belongs to ${ORG_A}; ${ORG_B} may not version it`));
			const versions = await store.getVersions(forged.id);
			assert.deepEqual(
				versions.map((v) => v.version),
				["2024-01-01T00:00:00.000Z"],
			);
			const [held] = await store.listQuarantine(10);
			assert.equal(held?.provenance.organizationId, ORG_B);
			assert.equal(held?.object.revoked, true);
		});

		it("stores a new version from the owner or an organisation among the versioners", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A)]);
			const outcomes = await store.putVersions([
				put(indicator(1, "2024-02-01T00:00:00.000Z"), ORG_A, { versioners: [ORG_A] }),
				put(indicator(1, "2024-03-01T00:00:00.000Z"), ORG_C, { versioners: [ORG_C, ORG_A] }),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["stored", "stored"],
			);
		});

		it("judges the first recorded version, not the earliest by `modified`", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1, "2024-05-01T00:00:00.000Z"), ORG_A)]);
			// An older `modified` does not make ORG_B the originator.
			const [outcome] = await store.putVersions([
				put(indicator(1, "2024-01-01T00:00:00.000Z"), ORG_B, { versioners: [ORG_B] }),
			]);
			assert.equal(outcome?.status, "quarantined");
		});

		it("makes the first version of a batch the owner for the rest of that batch", async () => {
			const store = fixture.current();
			const outcomes = await store.putVersions([
				put(indicator(7), ORG_A, { versioners: [ORG_A] }),
				put(indicator(7, "2024-02-01T00:00:00.000Z"), ORG_B, { versioners: [ORG_B] }),
				put(indicator(7, "2024-03-01T00:00:00.000Z"), ORG_A, { versioners: [ORG_A] }),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["stored", "quarantined", "stored"],
			);
		});

		it("still answers an identical re-post from anyone as a duplicate", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A)]);
			const [outcome] = await store.putVersions([put(indicator(1), ORG_B, { versioners: [ORG_B] })]);
			assert.equal(outcome?.status, "duplicate");
		});

		it("keeps an immutable id's one content: another version is quarantined, the same content a duplicate", async () => {
			const store = fixture.current();
			const original = definition("2024-01-01T00:00:00.000Z", "share with the bank only");
			await store.putVersions([put(original, ORG_A, "immutable")]);
			const outcomes = await store.putVersions([
				put(definition("2025-01-01T00:00:00.000Z", "share with everyone"), ORG_A, "immutable"),
				put(definition("2024-01-01T00:00:00.000Z", "share with everyone"), ORG_B, "immutable"),
				put({ ...original }, ORG_B, "immutable"),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["quarantined", "quarantined", "duplicate"],
			);
			assert.match(reasonOf(outcomes[0]), /never versioned/);
			// Other content under the stored version itself is a plain conflict, not a refusal.
			const [conflict] = await store.putVersions([put({ ...original, name: "renamed" }, ORG_A, "immutable")]);
			assert.equal(conflict?.status === "quarantined" && conflict.refused, undefined);
			const versions = await store.getVersions(original.id);
			assert.deepEqual(
				versions.map((v) => v.object.definition),
				[{ statement: "share with the bank only" }],
			);
		});

		it("lists an organisation's own set-aside versions of an id, never another's", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A)]);
			await store.putVersions([
				put(indicator(1, "2024-03-01T00:00:00.000Z", { name: "b2" }), ORG_B, { versioners: [ORG_B] }),
				put(indicator(1, "2024-02-01T00:00:00.000Z", { name: "b1" }), ORG_B, { versioners: [ORG_B] }),
				put(indicator(1, "2024-02-01T00:00:00.000Z", { name: "c" }), ORG_C, { versioners: [ORG_C] }),
			]);
			const own = await store.quarantinedOf(indicator(1).id, ORG_B);
			assert.deepEqual(
				own.map((q) => [q.version, q.object.name, q.provenance.organizationId]),
				[
					["2024-02-01T00:00:00.000Z", "b1", ORG_B],
					["2024-03-01T00:00:00.000Z", "b2", ORG_B],
				],
			);
			assert.deepEqual(await store.quarantinedOf(indicator(1).id, ORG_A), []);
			assert.deepEqual(await store.quarantinedOf(indicator(2).id, ORG_B), []);
		});

		it("keeps a deleted id's owner: another organisation may not record it again, nothing is stored", async () => {
			const store = fixture.current();
			await store.putVersions([
				put(indicator(1), ORG_A),
				put(indicator(1, "2024-02-01T00:00:00.000Z"), ORG_A),
			]);
			assert.equal(await store.deletedOwnerOf(indicator(1).id), undefined);
			await store.deleteObject(indicator(1).id);
			assert.equal(await store.deletedOwnerOf(indicator(1).id), ORG_A);
			const recreated = indicator(1, "2024-01-01T00:00:00.000Z", { name: "other content" });
			const [outcome] = await store.putVersions([put(recreated, ORG_B, { versioners: [ORG_B] })]);
			assert.equal(outcome?.status, "quarantined");
			assert.equal(outcome?.status === "quarantined" && outcome.refused, true);
			assert.match(
				reasonOf(outcome),
				new RegExp(`belonged to ${ORG_A} until it was deleted; ${ORG_B} may not record it again`),
			);
			assert.deepEqual(await store.getVersions(recreated.id), []);
			assert.deepEqual(await store.heldIds([recreated.id]), new Set());
		});

		it("lets a deleted id's owner (or its house) record it again, and keeps the first owner after that", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A), put(indicator(2), ORG_A)]);
			await store.deleteObject(indicator(1).id);
			await store.deleteObject(indicator(2).id);
			const outcomes = await store.putVersions([
				put(indicator(1), ORG_A, { versioners: [ORG_A] }),
				put(indicator(2), ORG_C, { versioners: [ORG_C, ORG_A] }),
				// The re-created id's first version owns it again for the rest of the batch.
				put(indicator(1, "2024-02-01T00:00:00.000Z"), ORG_B, { versioners: [ORG_B] }),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["stored", "stored", "quarantined"],
			);
			// Deleted again: the tombstone still names the first owner, not the house member that re-created it.
			await store.deleteObject(indicator(2).id);
			assert.equal(await store.deletedOwnerOf(indicator(2).id), ORG_A);
			const [again] = await store.putVersions([put(indicator(2), ORG_C, { versioners: [ORG_C] })]);
			assert.equal(again?.status, "quarantined");
		});

		it("lets only a deleted immutable id's owner record it again", async () => {
			const store = fixture.current();
			const original = definition("2024-01-01T00:00:00.000Z", "share with the bank only");
			await store.putVersions([put(original, ORG_A, "immutable")]);
			await store.deleteObject(original.id);
			const outcomes = await store.putVersions([
				put(definition("2024-01-01T00:00:00.000Z", "share with everyone"), ORG_B, "immutable"),
				put(original, ORG_A, "immutable"),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["quarantined", "stored"],
			);
		});

		it("lets anyone record a deleted id again when no authority is given (observables)", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A)]);
			await store.deleteObject(indicator(1).id);
			const [outcome] = await store.putVersions([put(indicator(1), ORG_B)]);
			assert.equal(outcome?.status, "stored");
		});

		it("lets anyone add a version when no authority is given (observables)", async () => {
			const store = fixture.current();
			await store.putVersions([put(indicator(1), ORG_A)]);
			const [outcome] = await store.putVersions([put(indicator(1, "2024-02-01T00:00:00.000Z"), ORG_B)]);
			assert.equal(outcome?.status, "stored");
		});
	});
}
