// The Store contract for writes: puts, duplicates, quarantine, dateAdded, revocation, deletes and close.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import {
	batchOf,
	indicator,
	MICROS_FORMAT,
	ORG_A,
	ORG_B,
	rejectsWith,
	type StoreFixture,
} from "./store-contract-fixtures.ts";

/** Resolves when `count()` reaches `n`, checking every 10 ms (a PostgreSQL notice arrives after its commit). */
async function reaches(count: () => number, n: number): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (count() < n) {
		assert.ok(Date.now() < deadline, `a watcher was told ${count()} times in 30 s, not ${n}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Registers the write half of the contract. */
export function registerWriteContract(fixture: StoreFixture): void {
	describe("watchCommits (D70)", () => {
		it("tells a watcher after a put that stores and after a delete, and a removed watcher no more", async () => {
			const store = fixture.current();
			let first = 0;
			let second = 0;
			const unwatch = store.watchCommits(() => first++);
			store.watchCommits(() => second++);
			// PostgreSQL listens on a connection of its own: the first put may come before it listens, so put until heard.
			for (let n = 1; first === 0; n++) {
				assert.ok(n <= 200, "a watcher is told of a commit within 200 puts");
				await store.putVersions(batchOf([indicator(n)]));
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			await reaches(() => second, 1);
			const [before, beforeSecond] = [first, second];
			await store.deleteObject(indicator(1).id);
			await reaches(() => first, before + 1);
			await reaches(() => second, beforeSecond + 1);
			unwatch();
			const [after, afterSecond] = [first, second];
			await store.putVersions(batchOf([indicator(900)]));
			await reaches(() => second, afterSecond + 1);
			assert.equal(first, after, "the removed watcher is not told");
		});
	});

	describe("putVersions", () => {
		it("stores new versions and answers a re-put with duplicate and the original dateAdded", async () => {
			const store = fixture.current();
			const batch = batchOf([indicator(1), indicator(2)]);
			const first = await store.putVersions(batch);
			assert.deepEqual(
				first.map((o) => o.status),
				["stored", "stored"],
			);
			const again = await store.putVersions(batch);
			assert.deepEqual(
				again,
				first.map((o) => ({ ...o, status: "duplicate" })),
			);
			assert.equal((await store.stats()).versions, 2);
		});

		it("treats the same content with another key order as a duplicate", async () => {
			const store = fixture.current();
			const object = indicator(1, undefined, { labels: ["a", "b"], extensions: { x: { b: 1, a: 2 } } });
			await store.putVersions(batchOf([object]));
			const reordered = Object.fromEntries(Object.entries(object).reverse()) as StixObject;
			reordered.extensions = { x: { a: 2, b: 1 } };
			const [outcome] = await store.putVersions(batchOf([reordered]));
			assert.equal(outcome?.status, "duplicate");
			assert.equal((await store.listQuarantine(10)).length, 0);
		});

		it("quarantines different content under an existing (id, version), naming what differs", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([indicator(1)]));
			const conflicting = indicator(1, undefined, {
				pattern: "[domain-name:value = 'x.example']",
				name: "x",
			});
			const [outcome] = await store.putVersions(batchOf([conflicting], ORG_B));
			assert.equal(outcome?.status, "quarantined");
			assert.match(outcome?.status === "quarantined" ? outcome.reason : "", /name, pattern/);
			const [held] = await store.listQuarantine(10);
			assert.equal(held?.id, conflicting.id);
			assert.equal(held?.object.pattern, conflicting.pattern);
			assert.equal(held?.provenance.organizationId, ORG_B);
			assert.match(held?.receivedAt ?? "", MICROS_FORMAT);
			const [kept] = await store.getVersions(conflicting.id);
			assert.equal(kept?.object.pattern, indicator(1).pattern, "the stored version is never overwritten");
		});

		it("gives the same outcomes for a repeated (id, version) inside one batch as across batches", async () => {
			const store = fixture.current();
			const other = indicator(1, undefined, { name: "changed" });
			const outcomes = await store.putVersions(batchOf([indicator(1), indicator(1), other]));
			assert.deepEqual(
				outcomes.map((o) => o.status),
				["stored", "duplicate", "quarantined"],
			);
			assert.equal(
				outcomes[1]?.status === "duplicate" && outcomes[1].dateAdded,
				outcomes[0]?.status === "stored" && outcomes[0].dateAdded,
			);
			assert.equal((await store.stats()).versions, 1);
		});

		it("treats two spellings of one instant as the same version", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([indicator(1, "2024-01-01T00:00:00.000Z")]));
			const [outcome] = await store.putVersions(batchOf([indicator(1, "2024-01-01T00:00:00Z")]));
			assert.equal(outcome?.status, "quarantined", "same version, different text: never a silent second row");
			assert.equal((await store.stats()).versions, 1);
		});

		it("assigns dateAdded strictly increasing within and across batches, with microseconds", async () => {
			const store = fixture.current();
			const seen: string[] = [];
			for (let b = 0; b < 3; b++) {
				const outcomes = await store.putVersions(batchOf([0, 1, 2, 3].map((i) => indicator(b * 10 + i))));
				for (const outcome of outcomes) {
					assert.equal(outcome.status, "stored");
					if (outcome.status === "stored") seen.push(outcome.dateAdded);
				}
			}
			for (const dateAdded of seen) assert.match(dateAdded, MICROS_FORMAT);
			for (let i = 1; i < seen.length; i++) {
				assert.ok((seen[i] as string) > (seen[i - 1] as string), `${seen[i]} after ${seen[i - 1]}`);
			}
		});

		it("stores revocation, flags and provenance with the version", async () => {
			const store = fixture.current();
			const revoked = indicator(1, "2024-02-01T00:00:00.000Z", { revoked: true });
			await store.putVersions([
				{ object: indicator(1), provenance: { organizationId: ORG_A, source: "s1" } },
				{ object: revoked, provenance: { organizationId: ORG_B, source: "s2" }, flags: ["unknown-marking"] },
			]);
			const [last] = (await store.query({ ids: [revoked.id], limit: 10 })).items;
			assert.equal(last?.object.revoked, true);
			assert.deepEqual(last?.flags, ["unknown-marking"]);
			assert.deepEqual(last?.provenance, { organizationId: ORG_B, source: "s2" });
			assert.equal(last?.specVersion, "2.1");
			assert.equal(last?.type, "indicator");
			assert.equal(last?.version, "2024-02-01T00:00:00.000Z");
		});

		it("keeps hostile property names and values as data", async () => {
			const store = fixture.current();
			const object = JSON.parse(
				`{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000001","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","content":"'); DROP TABLE objects; --","__proto__":{"polluted":true}}`,
			) as StixObject;
			await store.putVersions(batchOf([object]));
			const [stored] = await store.getVersions(object.id);
			assert.equal(stored?.object.content, object.content);
			assert.equal(Object.hasOwn(stored?.object ?? {}, "__proto__"), true);
			assert.equal(({} as Record<string, unknown>).polluted, undefined);
		});
	});

	describe("deleteObject", () => {
		it("removes every version; the object is gone from reads and counts", async () => {
			const store = fixture.current();
			const id = indicator(1).id;
			await store.putVersions(
				batchOf([indicator(1), indicator(1, "2024-02-01T00:00:00.000Z"), indicator(2)]),
			);
			assert.equal(await store.deleteObject(id), 2);
			assert.deepEqual(await store.getVersions(id), []);
			assert.deepEqual((await store.query({ ids: [id], versions: ["all"], limit: 10 })).items, []);
			assert.equal(await store.count({ versions: ["all"] }), 1);
			assert.equal(await store.deleteObject(id), 0);
			const stats = await store.stats();
			assert.equal(stats.objects, 1);
			assert.deepEqual(stats.byType, { indicator: 1 });
		});

		it("accepts the object again after a delete, with a later dateAdded", async () => {
			const store = fixture.current();
			const [before] = await store.putVersions(batchOf([indicator(1)]));
			await store.deleteObject(indicator(1).id);
			const [after] = await store.putVersions(batchOf([indicator(1)]));
			assert.equal(after?.status, "stored");
			const dateOf = (o: typeof before) => (o?.status === "stored" ? o.dateAdded : "");
			assert.ok(dateOf(after) > dateOf(before));
		});
	});

	describe("deleteVersions", () => {
		it("removes exactly the versions named by dateAdded; the object goes with its last version", async () => {
			const store = fixture.current();
			const id = indicator(1).id;
			await store.putVersions(
				batchOf([
					indicator(1),
					indicator(1, "2024-02-01T00:00:00.000Z"),
					indicator(1, "2024-03-01T00:00:00.000Z"),
				]),
			);
			const [first, middle, last] = await store.getVersions(id, ["all"]);
			assert.ok(first !== undefined && middle !== undefined && last !== undefined);
			assert.equal(await store.deleteVersions(id, [middle.dateAdded]), 1);
			assert.deepEqual(
				(await store.getVersions(id, ["all"])).map((v) => v.version),
				[first.version, last.version],
			);
			assert.equal((await store.getVersions(id, ["last"]))[0]?.version, last.version);
			assert.equal(await store.deleteVersions(id, [middle.dateAdded]), 0, "a version already gone");
			assert.equal(await store.deleteVersions(id, [first.dateAdded, last.dateAdded]), 2);
			assert.deepEqual(await store.getVersions(id), []);
			assert.equal(await store.count({ versions: ["all"] }), 0);
			const [again] = await store.putVersions(batchOf([indicator(1)]));
			assert.equal(again?.status, "stored", "accepted again after its last version went");
		});
	});

	describe("close", () => {
		it("fails every later call with E_STORE_CLOSED", async () => {
			const store = fixture.current();
			await store.close();
			await rejectsWith(store.putVersions(batchOf([indicator(1)])), "E_STORE_CLOSED");
			await rejectsWith(store.query({ limit: 1 }), "E_STORE_CLOSED");
			await rejectsWith(store.getMeta("k"), "E_STORE_CLOSED");
			await rejectsWith(store.stats(), "E_STORE_CLOSED");
			await store.close(); // a second close is harmless
		});
	});
}
