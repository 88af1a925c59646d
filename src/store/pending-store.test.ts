// A pending store answers its overlaid reads as the store answers them once the same versions are committed,
// writes nothing, and refuses what it cannot answer.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { batchOf, indicator, ORG_B } from "#test/contract/store/store-contract-fixtures.ts";
import type { StixObject } from "../stix/core.ts";
import { createPendingStore, type PendingStore } from "./pending-store.ts";
import { openSqliteStore } from "./sqlite/sqlite-store.ts";
import type { NewVersion, Store, StoredVersion } from "./store.ts";

function statement(n: number): StixObject {
	return {
		type: "marking-definition",
		spec_version: "2.1",
		id: `marking-definition--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		definition_type: "statement",
		definition: { statement: `statement ${n}` },
	};
}

function container(n: number, refs: readonly string[]): StixObject {
	return {
		type: "report",
		spec_version: "2.1",
		id: `report--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
		created: "2024-01-01T00:00:00.000Z",
		modified: "2024-01-01T00:00:00.000Z",
		name: `report ${n}`,
		published: "2024-01-01T00:00:00Z",
		object_refs: [...refs],
	};
}

const derived: StixObject = {
	type: "relationship",
	spec_version: "2.1",
	id: "relationship--00000000-0000-4000-8000-000000000001",
	created: "2024-01-01T00:00:00.000Z",
	modified: "2024-01-01T00:00:00.000Z",
	relationship_type: "derived-from",
	source_ref: indicator(3).id,
	target_ref: indicator(1).id,
};

/** Stored first, in both stores. */
const STORED = [indicator(1), indicator(2), container(1, [indicator(1).id]), statement(1), statement(2)];
/** Put afterwards: a new version, a new object, a container and a relationship over old and new, a duplicate, a conflict, a definition, a version older than the stored one. */
const PUT: NewVersion[] = [
	...batchOf(
		[
			indicator(1, "2024-02-01T00:00:00.000Z"),
			indicator(3),
			container(2, [indicator(2).id, indicator(3).id]),
		],
		ORG_B,
	),
	...batchOf([derived, indicator(2), { ...indicator(2), name: "other" }, statement(3)], ORG_B),
	{
		object: indicator(4, "2023-01-01T00:00:00.000Z"),
		provenance: { organizationId: ORG_B, source: "p" },
		flags: ["unknown-marking"],
	},
];
const IDS = [...new Set([...STORED, ...PUT.map((p) => p.object as StixObject)].map((o) => o.id))];
const KINDS = ["object_refs", "source_ref:derived-from", "target_ref:derived-from"];

/** What reads compare: the object, provenance and flags (dateAdded differs: pending versions have none yet). */
const essence = (versions: readonly StoredVersion[]) =>
	versions
		.map((v) => ({
			id: v.id,
			version: v.version,
			object: v.object,
			provenance: v.provenance,
			flags: [...v.flags],
		}))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe("a pending store reads as the store will once its versions are committed", () => {
	let base: Store;
	let committed: Store;
	let pending: PendingStore;
	let outcomes: { pending: unknown[]; committed: unknown[] };
	before(async () => {
		base = await openSqliteStore({ path: ":memory:" });
		committed = await openSqliteStore({ path: ":memory:" });
		for (const store of [base, committed]) await store.putVersions(batchOf(STORED));
		pending = createPendingStore(base);
		const strip = (o: { status: string; reason?: string }) => ({ status: o.status, reason: o.reason });
		outcomes = {
			pending: (await pending.view.putVersions(PUT)).map(strip),
			committed: (await committed.putVersions(PUT)).map(strip),
		};
	});
	after(async () => {
		await base.close();
		await committed.close();
	});

	it("answers each put as the commit does: stored, duplicate, quarantined with the same reason", () => {
		assert.deepEqual(outcomes.pending, outcomes.committed);
		assert.deepEqual(
			(outcomes.pending as { status: string }[]).map((o) => o.status),
			["stored", "stored", "stored", "stored", "duplicate", "quarantined", "stored", "stored"],
		);
	});

	it("latestVersions, heldIds, heldTypes and referencesTo answer as after the commit", async () => {
		const view = pending.view;
		assert.deepEqual(essence(await view.latestVersions(IDS)), essence(await committed.latestVersions(IDS)));
		assert.deepEqual(
			await view.heldIds([...IDS, "indicator--9"]),
			await committed.heldIds([...IDS, "indicator--9"]),
		);
		const types = ["indicator", "report", "relationship", "malware", "marking-definition"];
		assert.deepEqual(await view.heldTypes(types), await committed.heldTypes(types));
		assert.deepEqual(await view.referencesTo(IDS, KINDS), await committed.referencesTo(IDS, KINDS));
	});

	for (const versions of [["last"], ["all"]] as const) {
		it(`query and count of versions "${versions[0]}" answer as after the commit, page by page`, async () => {
			for (const types of [["marking-definition"], ["indicator"]]) {
				const read = async (store: Store) => {
					const items: StoredVersion[] = [];
					let after: string | undefined;
					for (;;) {
						const page = await store.query({
							types,
							versions,
							limit: 2,
							...(after === undefined ? {} : { after }),
						});
						assert.ok(page.items.length <= 2);
						items.push(...page.items);
						if (!page.more) return items;
						after = page.next;
					}
				};
				assert.deepEqual(essence(await read(pending.view)), essence(await read(committed)));
				assert.equal(
					await pending.view.count({ types, versions }),
					await committed.count({ types, versions }),
				);
			}
		});
	}

	it("writes nothing, and refuses what it does not answer", async () => {
		assert.equal((await base.stats()).versions, STORED.length);
		await assert.rejects(
			() => pending.view.deleteObject(indicator(1).id),
			(error: { code?: string; message?: string }) =>
				error.code === "E_STORE_PENDING_UNSUPPORTED" && /deleteObject/.test(error.message ?? ""),
		);
		await assert.rejects(() => pending.view.getVersions(indicator(1).id), {
			code: "E_STORE_PENDING_UNSUPPORTED",
		});
		await assert.rejects(() => pending.view.query({ versions: ["first"], limit: 5 }), {
			code: "E_STORE_PENDING_UNSUPPORTED",
		});
		assert.equal((await pending.view.listOrganizations()).length, (await base.listOrganizations()).length);
	});
});

describe("a pending store keeps observables' statements apart by contributor (D31)", () => {
	const ip = (marking: string): StixObject => ({
		type: "ipv4-addr",
		spec_version: "2.1",
		id: "ipv4-addr--00000000-0000-5000-8000-0000000000f1",
		value: "198.51.100.9",
		object_marking_refs: [marking],
	});
	const RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
	const CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
	/** Without the version: a pending statement is versioned only when it commits. */
	const stated = (versions: readonly StoredVersion[]) =>
		essence(versions)
			.map(({ version: _, ...rest }) => rest)
			.sort((a, b) => (a.provenance.organizationId < b.provenance.organizationId ? -1 : 1));

	it("answers and reads as the commit does", async () => {
		const base = await openSqliteStore({ path: ":memory:" });
		const committed = await openSqliteStore({ path: ":memory:" });
		try {
			for (const store of [base, committed]) await store.putVersions(batchOf([ip(CLEAR)]));
			const pending = createPendingStore(base);
			const put = [...batchOf([ip(RED)], ORG_B), ...batchOf([ip(CLEAR), ip(RED)])];
			// Each store versions its statement by its own clock: the reason's version is left out.
			const strip = (o: { status: string; reason?: string }) => ({
				status: o.status,
				reason: o.reason?.replace(/\(version [^)]*\)/, "(version)"),
			});
			const answers = (await pending.view.putVersions(put)).map(strip);
			assert.deepEqual(answers, (await committed.putVersions(put)).map(strip));
			assert.deepEqual(
				answers.map((a) => a.status),
				["stored", "duplicate", "quarantined"],
			);
			const id = ip(CLEAR).id;
			assert.deepEqual(
				stated(await pending.view.latestVersions([id])),
				stated(await committed.latestVersions([id])),
			);
			const last = { types: ["ipv4-addr"], versions: ["last"] as const, limit: 10 };
			assert.deepEqual(
				stated((await pending.view.query(last)).items),
				stated((await committed.query(last)).items),
			);
			assert.equal(await pending.view.count(last), 2);
		} finally {
			await base.close();
			await committed.close();
		}
	});
});
