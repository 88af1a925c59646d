// Store contract: warninglists (D50) are put whole by name (the same content again changes nothing), listed without
// their entries, read whole, removed by name, and every change moves the revision.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WarninglistRecord } from "../../../src/store/index.ts";
import { rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const rfc1918: WarninglistRecord = {
	name: "List of RFC 1918 CIDR blocks",
	version: 5,
	description: "private networks",
	type: "cidr",
	matchingAttributes: ["ip-src", "ip-dst"],
	entries: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
	source: "lists/rfc1918/list.json",
};
const shorteners: WarninglistRecord = {
	name: "URL shorteners",
	version: 27,
	description: "shortener domains",
	type: "hostname",
	matchingAttributes: [],
	entries: ["bit.ly", "t.co", "é.example"],
	source: "url-shortener.json",
};

export function registerWarninglistsContract(fixture: StoreFixture): void {
	describe("warninglists", () => {
		it("holds none and is at revision 0 before any is put", async () => {
			const store = fixture.current();
			assert.deepEqual(await store.listWarninglists(), []);
			assert.deepEqual(await store.getWarninglists(), []);
			assert.equal(await store.warninglistRevision(), 0);
		});

		it("keeps every field, lists by name without entries, and reads entries back in order", async () => {
			const store = fixture.current();
			assert.equal(await store.putWarninglist(shorteners), "added");
			assert.equal(await store.putWarninglist(rfc1918), "added");
			const listed = await store.listWarninglists();
			assert.deepEqual(
				listed.map(({ loadedAt, ...rest }) => rest),
				[
					{ ...withoutEntries(rfc1918), entryCount: 3 },
					{ ...withoutEntries(shorteners), entryCount: 3 },
				],
			);
			for (const summary of listed) assert.match(summary.loadedAt, /^\d{4}-\d\d-\d\dT/);
			const whole = await store.getWarninglists();
			assert.deepEqual(
				whole.map(({ loadedAt, ...rest }) => rest),
				[rfc1918, shorteners],
			);
			assert.equal(await store.warninglistRevision(), 2);
		});

		it("puts the same content again as unchanged (whatever its source), and other content as replaced", async () => {
			const store = fixture.current();
			await store.putWarninglist(rfc1918);
			const [first] = await store.listWarninglists();
			assert.equal(await store.putWarninglist({ ...rfc1918, source: "elsewhere/list.json" }), "unchanged");
			assert.equal(await store.warninglistRevision(), 1);
			assert.deepEqual(await store.listWarninglists(), [first]);
			const newer = { ...rfc1918, version: 6, entries: ["10.0.0.0/8"] };
			assert.equal(await store.putWarninglist(newer), "replaced");
			assert.equal(await store.warninglistRevision(), 2);
			const [stored] = await store.getWarninglists();
			assert.deepEqual(stored?.entries, ["10.0.0.0/8"]);
			assert.equal(stored?.version, 6);
		});

		it("removes by name, moving the revision only when there was one", async () => {
			const store = fixture.current();
			await store.putWarninglist(rfc1918);
			await store.putWarninglist(shorteners);
			assert.equal(await store.deleteWarninglist(rfc1918.name), true);
			assert.equal(await store.deleteWarninglist(rfc1918.name), false);
			assert.equal(await store.warninglistRevision(), 3);
			assert.deepEqual(
				(await store.listWarninglists()).map((list) => list.name),
				[shorteners.name],
			);
		});

		it("refuses after close", async () => {
			const store = fixture.current();
			await store.close();
			await rejectsWith(store.listWarninglists(), "E_STORE_CLOSED");
			await rejectsWith(store.putWarninglist(rfc1918), "E_STORE_CLOSED");
			await rejectsWith(store.warninglistRevision(), "E_STORE_CLOSED");
		});
	});
}

function withoutEntries(list: WarninglistRecord): Omit<WarninglistRecord, "entries"> {
	const { entries: _, ...rest } = list;
	return rest;
}
