// Store contract: an observable (an unversioned object, an SCO) is one statement per contributor (D31).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import { scoId } from "../../../src/stix/ids/index.ts";
import { batchOf, MICROS_FORMAT, ORG_A, ORG_B, type StoreFixture } from "./store-contract-fixtures.ts";

const IP = "ipv4-addr--00000000-0000-5000-8000-0000000000e1";
const TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
const TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

function ip(markings: string, extra: Partial<StixObject> = {}): StixObject {
	return {
		type: "ipv4-addr",
		spec_version: "2.1",
		id: IP,
		value: "198.51.100.7",
		object_marking_refs: [markings],
		...extra,
	};
}

export function registerStatementsContract(fixture: StoreFixture): void {
	describe("observable statements (D31)", () => {
		it("stores another contributor's different statement beside the first, each under its own version", async () => {
			const store = fixture.current();
			const [first] = await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_B));
			const [second] = await store.putVersions(batchOf([ip(TLP_RED, { x_entente_role: "victim" })], ORG_A));
			assert.equal(first?.status, "stored");
			assert.equal(second?.status, "stored");
			const all = await store.getVersions(IP, ["all"]);
			assert.deepEqual(
				all.map((v) => v.provenance.organizationId),
				[ORG_B, ORG_A],
			);
			for (const version of all) {
				assert.match(version.version, MICROS_FORMAT, "a statement's version is a timestamp");
				assert.equal(version.version, version.dateAdded, "its version is its commit position");
			}
			assert.deepEqual(await store.listQuarantine(10), []);
		});

		it("quarantines another contributor's other value under an id not derived from it, naming the id (forged values)", async () => {
			const store = fixture.current();
			const [honest] = await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_A));
			const [forged] = await store.putVersions(batchOf([ip(TLP_CLEAR, { value: "6.6.6.6" })], ORG_B));
			assert.equal(honest?.status, "stored");
			assert.equal(forged?.status, "quarantined");
			assert.match(
				forged?.status === "quarantined" ? forged.reason : "",
				new RegExp(`another contributor stated a different value under ${IP}.*STIX 2\\.1 §2\\.9`),
			);
			assert.deepEqual(
				(await store.getVersions(IP, ["all"])).map((v) => [v.provenance.organizationId, v.object.value]),
				[[ORG_A, "198.51.100.7"]],
			);
			// The same value under the same id is a statement beside it, as before.
			const [same] = await store.putVersions(batchOf([ip(TLP_RED)], ORG_B));
			assert.equal(same?.status, "stored");
		});

		it("stores a statement whose id is derived from its value beside a forged one stated first", async () => {
			const store = fixture.current();
			const value = "198.51.100.8";
			const id = scoId({ type: "ipv4-addr", value }) ?? "";
			const [forged] = await store.putVersions(batchOf([ip(TLP_CLEAR, { id, value: "6.6.6.6" })], ORG_B));
			const [honest] = await store.putVersions(batchOf([ip(TLP_CLEAR, { id, value })], ORG_A));
			assert.equal(forged?.status, "stored");
			assert.equal(honest?.status, "stored");
			// And within one batch, in either order.
			const other = scoId({ type: "ipv4-addr", value: "198.51.100.9" }) ?? "";
			const outcomes = await store.putVersions([
				...batchOf([ip(TLP_CLEAR, { id: other, value: "198.51.100.9" })], ORG_A),
				...batchOf([ip(TLP_CLEAR, { id: other, value: "6.6.6.6" })], ORG_B),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["stored", "quarantined"],
			);
		});

		it("answers each statement for last, first and latestVersions, and marks each latest", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_B));
			await store.putVersions(batchOf([ip(TLP_RED)], ORG_A));
			for (const selector of ["last", "first"] as const) {
				const page = await store.query({ ids: [IP], versions: [selector], limit: 10 });
				assert.equal(page.items.length, 2, selector);
				assert.equal((await store.getVersions(IP, [selector])).length, 2, selector);
				assert.equal(await store.count({ ids: [IP], versions: [selector] }), 2, selector);
			}
			const all = await store.query({ ids: [IP], versions: ["all"], limit: 10 });
			assert.deepEqual(
				all.items.map((v) => v.latest),
				[true, true],
			);
			const latest = await store.latestVersions([IP]);
			assert.deepEqual(latest.map((v) => v.provenance.organizationId).sort(), [ORG_A, ORG_B].sort());
			assert.ok(latest.every((v) => v.latest === true));
		});

		it("finds a statement by its version (match[version]) and by no other", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_B));
			await store.putVersions(batchOf([ip(TLP_RED)], ORG_A));
			const [clear, red] = await store.getVersions(IP, ["all"]);
			assert.ok(clear !== undefined && red !== undefined);
			const byVersion = await store.getVersions(IP, [{ modified: red.version }]);
			assert.deepEqual(
				byVersion.map((v) => v.object.object_marking_refs),
				[[TLP_RED]],
			);
			const page = await store.query({ ids: [IP], versions: [{ modified: clear.version }], limit: 10 });
			assert.deepEqual(
				page.items.map((v) => v.provenance.organizationId),
				[ORG_B],
			);
		});

		it("answers a contributor's repeat as a duplicate and its different second statement as quarantined", async () => {
			const store = fixture.current();
			const [stored] = await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_B));
			const [again] = await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_B));
			assert.equal(stored?.status, "stored");
			assert.deepEqual(again, { ...stored, status: "duplicate" });
			const [changed] = await store.putVersions(batchOf([ip(TLP_RED)], ORG_B));
			assert.equal(changed?.status, "quarantined");
			assert.match(changed?.status === "quarantined" ? changed.reason : "", /statement of ipv4-addr--/);
			const versions = await store.getVersions(IP, ["all"]);
			assert.deepEqual(
				versions.map((v) => v.object.object_marking_refs),
				[[TLP_CLEAR]],
			);
			const [quarantined] = await store.listQuarantine(10);
			assert.equal(quarantined?.provenance.organizationId, ORG_B);
		});

		it("deletes one contributor's statement only, and records the deletion when none remains", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_B));
			await store.putVersions(batchOf([ip(TLP_RED)], ORG_A));
			assert.equal(await store.deleteObject(IP, "identity--00000000-0000-4000-8000-00000000dead"), 0);
			assert.equal(await store.deleteObject(IP, ORG_B), 1);
			assert.deepEqual(
				(await store.getVersions(IP)).map((v) => v.provenance.organizationId),
				[ORG_A],
			);
			assert.deepEqual(await store.listDeletions(undefined, undefined, 10), []);
			assert.equal(await store.deleteObject(IP, ORG_A), 1);
			assert.deepEqual(await store.getVersions(IP), []);
			assert.deepEqual(
				(await store.listDeletions(undefined, undefined, 10)).map((d) => d.id),
				[IP],
			);
		});

		it("keeps two contributors' statements apart within one batch", async () => {
			const store = fixture.current();
			const outcomes = await store.putVersions([
				...batchOf([ip(TLP_CLEAR)], ORG_B),
				...batchOf([ip(TLP_RED)], ORG_A),
				...batchOf([ip(TLP_CLEAR)], ORG_B),
			]);
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["stored", "stored", "duplicate"],
			);
			assert.equal((await store.getVersions(IP)).length, 2);
		});

		it("reads an observable without spec_version as the 2.1 it means: the same content, a duplicate (D58)", async () => {
			const store = fixture.current();
			const { spec_version: _, ...unstated } = ip(TLP_CLEAR);
			const [first] = await store.putVersions(batchOf([unstated], ORG_A));
			const [again] = await store.putVersions(batchOf([ip(TLP_CLEAR)], ORG_A));
			assert.equal(first?.status, "stored");
			assert.equal(again?.status, "duplicate");
			const [other] = await store.putVersions(batchOf([{ ...unstated, spec_version: "2.0" }], ORG_A));
			assert.equal(other?.status, "quarantined", "a stated 2.0 is other content");
		});
	});
}
