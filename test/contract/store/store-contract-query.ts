// The Store contract for reads: filters, version selectors, added_after, paging under concurrent writes, counts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import { scoId } from "../../../src/stix/ids/index.ts";
import type {
	LatestVersionsRequest,
	ObjectQuery,
	PutOutcome,
	Store,
	StoredVersion,
	VersionSelector,
} from "../../../src/store/store.ts";
import { batchOf, indicator, ORG_B, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const V_ZERO = "2020-01-01T00:00:00Z"; // first: sorts after ".5Z" as raw text, before it as an instant
const V_MID = "2020-01-01T00:00:00.123Z";
const V_LAST = "2020-01-01T00:00:00.5Z";

const dateOf = (outcome: PutOutcome | undefined): string =>
	outcome?.status === "stored" ? outcome.dateAdded : "";
const versions = (items: readonly StoredVersion[]): string[] => items.map((item) => item.version);
const keyOf = (item: StoredVersion): string => `${item.id} ${item.version}`;

const sco = (value: string): StixObject => ({
	type: "ipv4-addr",
	spec_version: "2.1",
	id: `ipv4-addr--${scoId({ type: "ipv4-addr", value })?.slice("ipv4-addr--".length)}`,
	value,
});

/** Stores three versions of indicator 1, newest first (old after new), and indicator 2 once. */
async function seedVersions(store: Store): Promise<string[]> {
	const outcomes = await store.putVersions(
		batchOf([indicator(1, V_LAST), indicator(1, V_ZERO), indicator(1, V_MID), indicator(2)]),
	);
	return outcomes.map(dateOf);
}

/** Reads every page of `query`, calling `between` after each page. */
async function readAllPages(store: Store, query: ObjectQuery, between: (page: number) => Promise<void>) {
	const items: StoredVersion[] = [];
	let after: string | undefined;
	for (let page = 0; page < 100; page++) {
		const result = await store.query({ ...query, ...(after === undefined ? {} : { after }) });
		assert.ok(result.items.length <= query.limit, "limit is never exceeded");
		assert.equal(result.more, result.next !== undefined);
		items.push(...result.items);
		if (!result.more) return items;
		after = result.next;
		await between(page);
	}
	throw new Error("paging did not end");
}

/** Registers the read half of the contract. */
export function registerQueryContract(fixture: StoreFixture): void {
	describe("version selectors", () => {
		it("orders versions as instants whatever their fraction digits", async () => {
			const store = fixture.current();
			await seedVersions(store);
			const id = indicator(1).id;
			assert.deepEqual(versions(await store.getVersions(id)), [V_ZERO, V_MID, V_LAST]);
			assert.deepEqual(versions(await store.getVersions(id, ["last"])), [V_LAST]);
			assert.deepEqual(versions(await store.getVersions(id, ["first"])), [V_ZERO]);
			assert.deepEqual(versions(await store.getVersions("indicator--unknown")), []);
		});

		it("defaults to last, and ORs several selectors", async () => {
			const store = fixture.current();
			await seedVersions(store);
			const ids = [indicator(1).id];
			const q = (sel?: ObjectQuery["versions"]) =>
				store.query({ ids, limit: 10, ...(sel ? { versions: sel } : {}) });
			assert.deepEqual(versions((await q()).items), [V_LAST]);
			assert.deepEqual(versions((await q(["all"])).items), [V_LAST, V_ZERO, V_MID], "ascending dateAdded");
			assert.deepEqual(versions((await q(["first", "last"])).items), [V_LAST, V_ZERO]);
			assert.deepEqual(versions((await q([{ modified: "2020-01-01T00:00:00.1230Z" }])).items), [V_MID]);
			assert.deepEqual(versions((await q(["last", { modified: "2020-01-01T00:00:00.000Z" }])).items), [
				V_LAST,
				V_ZERO,
			]);
			assert.deepEqual(versions((await q([{ modified: "2021-01-01T00:00:00Z" }])).items), []);
			assert.equal(await store.count({ ids, versions: ["first", "last"] }), 2);
		});

		it("says which version is the latest under any selector, also after a newer one arrives", async () => {
			const store = fixture.current();
			await seedVersions(store);
			const id = indicator(1).id;
			const flags = (items: readonly StoredVersion[]) =>
				items.map((item) => `${item.version} ${item.latest}`);
			assert.deepEqual(flags(await store.getVersions(id)), [
				`${V_ZERO} false`,
				`${V_MID} false`,
				`${V_LAST} true`,
			]);
			assert.deepEqual(
				flags((await store.query({ ids: [id], versions: ["first", "last"], limit: 5 })).items),
				[`${V_LAST} true`, `${V_ZERO} false`],
			);
			const newest = "2021-01-01T00:00:00Z";
			const older = "2019-01-01T00:00:00Z";
			await store.putVersions(batchOf([indicator(1, older), indicator(1, newest)]));
			assert.deepEqual(flags(await store.getVersions(id, ["last"])), [`${newest} true`]);
			const all = (await store.query({ ids: [id], versions: ["all"], limit: 10 })).items;
			assert.deepEqual(
				all.filter((item) => item.latest).map((item) => item.version),
				[newest],
			);
			assert.equal(all.length, 5);
		});

		it("selects over all versions first, then applies addedAfter to the selected version", async () => {
			const store = fixture.current();
			const [lastAdded] = await seedVersions(store); // V_LAST was added first
			const q = (sel: readonly VersionSelector[]) =>
				store.query({ ids: [indicator(1).id], versions: sel, addedAfter: lastAdded as string, limit: 10 });
			assert.deepEqual(
				versions((await q(["last"])).items),
				[],
				"the latest version is not newer than the mark",
			);
			assert.deepEqual(versions((await q(["first"])).items), [V_ZERO]);
			assert.deepEqual(versions((await q(["all"])).items), [V_ZERO, V_MID]);
		});
	});

	describe("filters and counts", () => {
		it("filters by id, type, spec_version and organisation, AND-ed, with matching counts", async () => {
			const store = fixture.current();
			const note = { type: "note", spec_version: "2.1", id: "note--00000000-0000-4000-8000-000000000001" };
			const old = { ...indicator(3), spec_version: "2.0" };
			await store.putVersions(batchOf([indicator(1), indicator(2), old]));
			await store.putVersions(batchOf([{ ...note, created: V_ZERO, modified: V_ZERO, content: "n" }], ORG_B));
			const cases: [Omit<ObjectQuery, "limit">, number][] = [
				[{}, 4],
				[{ types: ["indicator"] }, 3],
				[{ types: ["indicator", "note"] }, 4],
				[{ types: [] }, 0],
				[{ ids: [indicator(1).id, note.id] }, 2],
				[{ ids: [indicator(1).id], types: ["note"] }, 0],
				[{ specVersions: ["2.0"] }, 1],
				[{ organizationIds: [ORG_B] }, 1],
				[{ organizationIds: [ORG_B], types: ["indicator"] }, 0],
			];
			for (const [filter, expected] of cases) {
				const page = await store.query({ ...filter, limit: 10 });
				assert.equal(page.items.length, expected, JSON.stringify(filter));
				assert.equal(await store.count(filter), expected, JSON.stringify(filter));
			}
		});

		it("tells which ids and types it holds, deleted ones not", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([indicator(1), indicator(2), indicator(3)]));
			await store.deleteObject(indicator(3).id);
			const unknown = "indicator--00000000-0000-4000-8000-0000000000ff";
			const asked = [
				indicator(1).id,
				indicator(2).id,
				indicator(3).id,
				unknown,
				indicator(1).id,
				"not an id",
			];
			assert.deepEqual([...(await store.heldIds(asked))].sort(), [indicator(1).id, indicator(2).id].sort());
			assert.deepEqual(await store.heldIds([]), new Set());
			assert.deepEqual(
				await store.heldTypes(["indicator", "ipv4-addr", "indicator"]),
				new Set(["indicator"]),
			);
			await store.deleteObject(indicator(1).id);
			await store.deleteObject(indicator(2).id);
			assert.deepEqual(await store.heldTypes(["indicator"]), new Set());
		});

		it("gives the latest version of each id asked for, deleted and unknown ids left out", async () => {
			const store = fixture.current();
			await seedVersions(store);
			await store.putVersions(batchOf([indicator(3)]));
			await store.deleteObject(indicator(3).id);
			const unknown = "indicator--00000000-0000-4000-8000-0000000000ff";
			const got = await store.latestVersions([
				indicator(1).id,
				indicator(2).id,
				indicator(3).id,
				unknown,
				indicator(1).id,
			]);
			assert.deepEqual(
				got.map((v) => `${v.id} ${v.version} ${v.latest}`).sort(),
				[
					`${indicator(1).id} ${V_LAST} true`,
					`${indicator(2).id} ${String(indicator(2).modified)} true`,
				].sort(),
			);
			const viaQuery = await store.query({ ids: [indicator(1).id], versions: ["last"], limit: 5 });
			assert.deepEqual(got.find((v) => v.id === indicator(1).id)?.object, viaQuery.items[0]?.object);
			assert.deepEqual(await store.latestVersions([]), []);
		});

		it("treats addedAfter as strictly after, in any RFC 3339 spelling", async () => {
			const store = fixture.current();
			const [first, second] = (await store.putVersions(batchOf([indicator(1), indicator(2)]))).map(dateOf);
			const ids = (page: { items: StoredVersion[] }) => page.items.map((item) => item.id);
			assert.deepEqual(ids(await store.query({ addedAfter: first as string, limit: 10 })), [indicator(2).id]);
			assert.deepEqual(ids(await store.query({ addedAfter: second as string, limit: 10 })), []);
			assert.equal((await store.query({ addedAfter: "2000-01-01T00:00:00Z", limit: 10 })).items.length, 2);
			assert.equal(
				(await store.query({ addedAfter: "2000-01-01T01:00:00+01:00", limit: 10 })).items.length,
				2,
			);
			assert.equal(await store.count({ addedAfter: first as string }), 1);
		});

		it("rejects a malformed addedAfter, cursor or limit with E_STORE_QUERY_INVALID", async () => {
			const store = fixture.current();
			await rejectsWith(store.query({ addedAfter: "yesterday", limit: 10 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(
				store.query({ addedAfter: "2024-02-30T00:00:00Z", limit: 10 }),
				"E_STORE_QUERY_INVALID",
			);
			await rejectsWith(store.count({ addedAfter: "" }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.query({ after: "not a cursor!", limit: 10 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.query({ after: "eyJzZXEiOjF9", limit: 10 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.query({ limit: 0 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.query({ limit: 1.5 }), "E_STORE_QUERY_INVALID");
		});
	});

	describe("latest bodies", () => {
		it("reads every object's latest version as stored, in commit order, a page at a time, deleted ones not", async () => {
			const store = fixture.current();
			await seedVersions(store);
			await store.putVersions(batchOf([indicator(3), indicator(4)]));
			await store.putVersions(batchOf([sco("198.51.100.9")]));
			await store.putVersions(batchOf([sco("198.51.100.9")], ORG_B));
			await store.deleteObject(indicator(4).id);
			const expected = await store.query({ versions: ["last"], limit: 100 });
			const bodies: string[] = [];
			let after: string | undefined;
			for (let page = 0; page < 10; page++) {
				const result = await store.latestBodies({ limit: 2, ...(after === undefined ? {} : { after }) });
				assert.ok(result.bodies.length <= 2, "limit is never exceeded");
				bodies.push(...result.bodies);
				if (result.next === undefined) break;
				after = result.next;
			}
			assert.deepEqual(
				bodies.map((body) => JSON.parse(body) as unknown),
				expected.items.map((item) => item.object),
			);
			const address = sco("198.51.100.9");
			assert.deepEqual(
				bodies.map((body) => (JSON.parse(body) as StixObject).id),
				[indicator(1).id, indicator(2).id, indicator(3).id, address.id, address.id],
				"one latest version per object, and each contributor's statement of an observable",
			);
			assert.equal((JSON.parse(bodies[0] as string) as StixObject).modified, V_LAST);
			await rejectsWith(store.latestBodies({ limit: 0 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(store.latestBodies({ limit: 1, after: "junk!" }), "E_STORE_QUERY_INVALID");
		});

		it("reads the same bodies for a rebuild up to a horizon, and none committed after it", async () => {
			const store = fixture.current();
			await seedVersions(store);
			await store.putVersions(batchOf([indicator(3), indicator(4)]));
			await store.putVersions(batchOf([sco("198.51.100.9")]));
			await store.putVersions(batchOf([sco("198.51.100.9")], ORG_B));
			await store.deleteObject(indicator(4).id);
			const horizon = await store.commitHorizon();
			const paged: string[] = [];
			for (let after: string | undefined, page = 0; page < 20; page++) {
				const result = await store.latestBodies({ limit: 2, ...(after === undefined ? {} : { after }) });
				paged.push(...result.bodies);
				if (result.next === undefined) break;
				after = result.next;
			}
			// Committed after the horizon: an older version of indicator 1 and a new object, for the follower.
			await store.putVersions(
				batchOf([{ ...indicator(1), modified: "2020-01-01T00:00:00.000Z" }, indicator(5)]),
			);
			const pages: string[][] = [];
			const read = await store.readLatestBodies({ upTo: horizon, pageSize: 2 }, (bodies) => {
				pages.push(bodies);
			});
			assert.deepEqual(pages.flat(), paged, "latestBodies' bodies, in commit order");
			assert.equal(read, paged.length);
			assert.ok(
				pages.every((page) => page.length >= 1 && page.length <= 2),
				"pages of at most pageSize",
			);
			assert.equal(await store.readLatestBodies({ upTo: undefined, pageSize: 2 }, () => {}), 0);
			await rejectsWith(
				store.readLatestBodies({ upTo: horizon, pageSize: 0 }, () => {}),
				"E_STORE_QUERY_INVALID",
			);
			await rejectsWith(
				store.readLatestBodies({ upTo: "junk!", pageSize: 1 }, () => {}),
				"E_STORE_QUERY_INVALID",
			);
		});
		it("pages the latest versions of some types up to a horizon as query reads them, and leaves out what a later commit supersedes", async () => {
			const store = fixture.current();
			await seedVersions(store);
			await store.putVersions(batchOf([indicator(3), indicator(4)]));
			await store.putVersions(batchOf([sco("198.51.100.9")]));
			await store.putVersions(batchOf([sco("198.51.100.9")], ORG_B));
			await store.deleteObject(indicator(4).id);
			const horizon = await store.commitHorizon();
			const all = await readAllPages(store, { versions: ["last"], limit: 100 }, async () => {});
			const indicators = all.filter((item) => item.type === "indicator");
			const pagesOf = async (request: LatestVersionsRequest): Promise<StoredVersion[][]> => {
				const pages: StoredVersion[][] = [];
				for await (const page of store.latestVersionPages(request)) pages.push(page);
				return pages;
			};
			assert.deepEqual(
				(await pagesOf({ upTo: horizon, pageSize: 2 })).flat(),
				all,
				"query's latest versions",
			);
			const typed = await pagesOf({ upTo: horizon, pageSize: 2, types: ["indicator"] });
			assert.deepEqual(typed.flat(), indicators, "of one type");
			assert.ok(
				typed.every((page) => page.length >= 1 && page.length <= 2),
				"pages of at most pageSize",
			);
			assert.deepEqual(
				(await pagesOf({ upTo: horizon, pageSize: 3, types: ["ipv4-addr", "indicator"] })).flat(),
				all.filter((item) => item.type === "indicator" || item.type === "ipv4-addr"),
				"of several types, in one commit order",
			);
			const since = indicators[0]?.dateAdded as string;
			assert.deepEqual(
				(await pagesOf({ upTo: horizon, pageSize: 2, addedAfter: since })).flat(),
				all.filter((item) => item.dateAdded > since),
				"added after a time",
			);
			assert.deepEqual(await pagesOf({ upTo: horizon, pageSize: 2, types: [] }), []);
			assert.deepEqual(await pagesOf({ upTo: undefined, pageSize: 2 }), []);

			// While the pages are read: a newer version of indicator 3, an older one of indicator 2, a new object.
			const pages = store.latestVersionPages({ upTo: horizon, pageSize: 1, types: ["indicator"] });
			const first = await pages.next();
			await store.putVersions(
				batchOf([
					indicator(3, "2025-01-01T00:00:00.000Z"),
					indicator(2, "2019-01-01T00:00:00.000Z"),
					indicator(5),
				]),
			);
			const rest: StoredVersion[] = [];
			for await (const page of pages) rest.push(...page);
			assert.deepEqual(
				[...(first.done === true ? [] : first.value), ...rest].map(keyOf),
				indicators.filter((item) => item.id !== indicator(3).id).map(keyOf),
				"indicator 3's horizon version is superseded (its new one is the next export's); an older version added late supersedes nothing",
			);

			await rejectsWith(pagesOf({ upTo: horizon, pageSize: 0 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(pagesOf({ upTo: "junk!", pageSize: 1 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(
				pagesOf({ upTo: horizon, pageSize: 1, addedAfter: "junk!" }),
				"E_STORE_QUERY_INVALID",
			);
		});
	});

	describe("paging", () => {
		it("never exceeds limit, and more is true iff another item exists", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf(Array.from({ length: 20 }, (_, i) => indicator(i))));
			const first = await store.query({ limit: 10 });
			assert.equal(first.items.length, 10);
			assert.equal(first.more, true);
			const second = await store.query({ limit: 10, ...(first.next ? { after: first.next } : {}) });
			assert.equal(second.items.length, 10);
			assert.equal(second.more, false, "an exact multiple ends without an empty page");
			assert.equal(second.next, undefined);
			assert.deepEqual(await store.query({ limit: 10, types: ["note"] }), { items: [], more: false });
		});

		it("pages several types together in one dateAdded order", async () => {
			const store = fixture.current();
			const note = (n: number) => ({
				type: "note",
				spec_version: "2.1",
				id: `note--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
				created: "2024-01-01T00:00:00Z",
				modified: "2024-01-01T00:00:00Z",
				content: `n${n}`,
			});
			for (let i = 0; i < 10; i++) await store.putVersions(batchOf([indicator(i), note(i)]));
			const items = await readAllPages(store, { types: ["note", "indicator"], limit: 3 }, async () => {});
			assert.equal(items.length, 20);
			const dates = items.map((item) => item.dateAdded);
			assert.deepEqual(dates, [...dates].sort());
			assert.equal(new Set(dates).size, 20);
		});

		it("never skips nor repeats while writes land between pages (all versions)", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf(Array.from({ length: 25 }, (_, i) => indicator(i))));
			const items = await readAllPages(store, { versions: ["all"], limit: 7 }, async (page) => {
				await store.putVersions(
					batchOf([
						indicator(100 + page), // a new object
						indicator(page, `2024-06-0${page + 1}T00:00:00.000Z`), // a new version of a paged object
						indicator(24 - page, `2024-07-0${page + 1}T00:00:00.000Z`), // of an object not yet paged
						indicator(page + 1), // a duplicate
					]),
				);
			});
			const keys = items.map(keyOf);
			assert.equal(new Set(keys).size, keys.length, "no version repeated");
			const dates = items.map((item) => item.dateAdded);
			assert.deepEqual(dates, [...dates].sort(), "ascending dateAdded");
			const everything = (await store.query({ versions: ["all"], limit: 1000 })).items.map(keyOf);
			assert.deepEqual(keys, everything, "every version present at the end was read exactly once");
		});

		it("never repeats and ends on every latest version while objects gain versions (last)", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf(Array.from({ length: 12 }, (_, i) => indicator(i))));
			const items = await readAllPages(store, { limit: 5 }, async (page) => {
				await store.putVersions(batchOf([indicator(page, `2024-06-0${page + 1}T00:00:00.000Z`)]));
				await store.putVersions(batchOf([indicator(11 - page, `2024-07-0${page + 1}T00:00:00.000Z`)]));
			});
			const keys = items.map(keyOf);
			assert.equal(new Set(keys).size, keys.length);
			for (const latest of (await store.query({ limit: 1000 })).items) {
				assert.ok(keys.includes(keyOf(latest)), `latest ${keyOf(latest)} was read`);
			}
		});
	});
}
