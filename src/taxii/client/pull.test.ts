// pullCollection and pushObjects between a scripted TAXII server and a real (in-memory SQLite) store.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import {
	type FakeTaxiiServer,
	type RecordedRequest,
	startFakeTaxiiServer,
} from "#test/support/fake-taxii-server.ts";
import { UNKNOWN_MARKING_FLAG } from "../../ingest/index.ts";
import { openSqliteStore, type Store } from "../../store/index.ts";
import { TaxiiClient } from "./client.ts";
import { pullCollection, pullCursorKey } from "./pull.ts";
import { pushObjects } from "./push.ts";

const COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
const OBJECTS_PATH = `/api1/collections/${COLLECTION}/objects/`;
const PROVENANCE = { organizationId: "identity--0d5c7d3e-6f2b-4a8e-9a4c-1f2e3d4c5b6a", source: "taxii:test" };

interface Entry {
	dateAdded: string;
	object: Record<string, unknown>;
}

function identity(name: string, modified = "2024-01-01T00:00:00.000Z", id = `identity--${randomUUID()}`) {
	return { type: "identity", spec_version: "2.1", id, created: "2024-01-01T00:00:00.000Z", modified, name };
}

function dateAdded(n: number): string {
	return `2025-01-01T00:00:00.${String(n).padStart(6, "0")}Z`;
}

/**
 * A collection as a §5.4 server pages it: ascending date_added, `added_after`, `limit`, `next` as
 * an offset. With `failAt`, the request for that offset answers 400 (not retried).
 */
function serveCollection(server: FakeTaxiiServer, entries: Entry[], options: { failAt?: number } = {}): void {
	server.on("GET", OBJECTS_PATH, (_request: RecordedRequest, url: URL) => {
		const after = url.searchParams.get("added_after");
		const limit = Number(url.searchParams.get("limit") ?? 100);
		const offset = Number(url.searchParams.get("next") ?? 0);
		if (options.failAt === offset) return { status: 400, body: { title: "Bad next", http_status: "400" } };
		const matching = entries.filter((entry) => after === null || entry.dateAdded > after);
		const page = matching.slice(offset, offset + limit);
		if (page.length === 0) return { body: {} };
		const more = offset + limit < matching.length;
		return {
			headers: {
				"x-taxii-date-added-first": page[0]?.dateAdded ?? "",
				"x-taxii-date-added-last": page.at(-1)?.dateAdded ?? "",
			},
			body: {
				more,
				...(more ? { next: String(offset + limit) } : {}),
				objects: page.map((entry) => entry.object),
			},
		};
	});
}

let server: FakeTaxiiServer;
let store: Store;

before(async () => {
	server = await startFakeTaxiiServer();
});
// `?.`: under a name filter that no test here matches, node may run this before `before` has started it.
after(() => server?.close());
beforeEach(async () => {
	server.requests.length = 0;
	store = await openSqliteStore({ path: ":memory:" });
});
afterEach(() => store.close());

function client(): TaxiiClient {
	return new TaxiiClient(`${server.origin}/api1/`, { sleep: async () => {}, retry: { maxAttempts: 2 } });
}

describe("pullCollection", () => {
	it("§3.5 pages with next and match[version]=all, storing every version, and remembers date_added", async () => {
		const versioned = identity("v1");
		const entries: Entry[] = [
			{ dateAdded: dateAdded(1), object: versioned },
			{ dateAdded: dateAdded(2), object: identity("a") },
			{ dateAdded: dateAdded(3), object: { ...versioned, name: "v2", modified: "2024-02-01T00:00:00.000Z" } },
			{ dateAdded: dateAdded(4), object: identity("b") },
			{ dateAdded: dateAdded(5), object: identity("c") },
		];
		serveCollection(server, entries);
		const progress: number[] = [];
		const result = await pullCollection(store, client(), {
			collectionId: COLLECTION,
			provenance: PROVENANCE,
			pageSize: 2,
			onProgress: (state) => progress.push(state.objects),
		});
		assert.equal(result.pages, 3);
		assert.equal(result.counts.stored, 5);
		assert.deepEqual(progress, [2, 4, 5]);
		assert.equal((await store.getVersions(versioned.id, ["all"])).length, 2);
		assert.ok(server.requests.every((request) => request.url.includes("match[version]=all")));
		assert.equal(server.requests[1]?.url.includes("next=2"), true);
		assert.equal(await store.getMeta(pullCursorKey(`${server.origin}/api1/`, COLLECTION)), dateAdded(5));
		assert.equal(result.cursorAfter, dateAdded(5));
		assert.deepEqual(result.warnings, []);
	});

	it("a second pull asks only for what was added after the remembered date_added", async () => {
		const entries: Entry[] = [1, 2, 3].map((n) => ({ dateAdded: dateAdded(n), object: identity(`o${n}`) }));
		serveCollection(server, entries);
		await pullCollection(store, client(), { collectionId: COLLECTION, provenance: PROVENANCE });
		entries.push(
			{ dateAdded: dateAdded(4), object: identity("new1") },
			{ dateAdded: dateAdded(5), object: identity("new2") },
		);
		server.requests.length = 0;
		const second = await pullCollection(store, client(), {
			collectionId: COLLECTION,
			provenance: PROVENANCE,
		});
		assert.match(server.requests[0]?.url ?? "", /added_after=2025-01-01T00%3A00%3A00\.000003Z/);
		assert.equal(second.objects, 2);
		assert.equal(second.counts.stored, 2);
		assert.equal(second.cursorBefore, dateAdded(3));
		const nothing = await pullCollection(store, client(), {
			collectionId: COLLECTION,
			provenance: PROVENANCE,
		});
		assert.equal(nothing.objects, 0);
		assert.equal(nothing.cursorAfter, dateAdded(5));
	});

	it("resumes after an interruption from the last durable page, repeating nothing", async () => {
		const entries: Entry[] = [1, 2, 3, 4, 5, 6].map((n) => ({
			dateAdded: dateAdded(n),
			object: identity(`o${n}`),
		}));
		serveCollection(server, entries, { failAt: 4 });
		await assert.rejects(
			pullCollection(store, client(), { collectionId: COLLECTION, provenance: PROVENANCE, pageSize: 2 }),
			{ code: "E_TAXII_HTTP" },
		);
		assert.equal(await store.getMeta(pullCursorKey(`${server.origin}/api1/`, COLLECTION)), dateAdded(4));
		serveCollection(server, entries);
		const resumed = await pullCollection(store, client(), {
			collectionId: COLLECTION,
			provenance: PROVENANCE,
			pageSize: 2,
		});
		assert.equal(resumed.cursorBefore, dateAdded(4));
		assert.deepEqual(resumed.counts, { stored: 2, duplicate: 0, rejected: 0, quarantined: 0 });
		assert.equal((await store.stats()).objects, 6);
	});

	it("reports invalid objects as rejected and stores the rest of the page", async () => {
		serveCollection(server, [
			{ dateAdded: dateAdded(1), object: identity("ok") },
			{ dateAdded: dateAdded(2), object: { type: "identity", id: "identity--not-a-uuid" } },
		]);
		const result = await pullCollection(store, client(), {
			collectionId: COLLECTION,
			provenance: PROVENANCE,
		});
		assert.equal(result.counts.stored, 1);
		assert.equal(result.counts.rejected, 1);
		assert.equal(result.problems[0]?.index, 1);
	});
});

describe("pushObjects", () => {
	it("§5.5 posts what the store holds, every version, and withholds versions with unknown markings", async () => {
		const kept = identity("kept");
		const flagged = identity("flagged");
		await store.putVersions([
			{ object: kept, provenance: PROVENANCE },
			{ object: { ...kept, name: "kept v2", modified: "2024-03-01T00:00:00.000Z" }, provenance: PROVENANCE },
			{ object: flagged, provenance: PROVENANCE, flags: [UNKNOWN_MARKING_FLAG] },
		]);
		server.on("GET", "/api1/", {
			body: { title: "t", versions: ["application/taxii+json;version=2.1"], max_content_length: 1_000_000 },
		});
		const received: { id: string; modified: string }[] = [];
		server.on("POST", OBJECTS_PATH, (request) => {
			const objects = (JSON.parse(request.body) as { objects: { id: string; modified: string }[] }).objects;
			received.push(...objects);
			return {
				status: 202,
				body: {
					id: "s1",
					status: "complete",
					total_count: objects.length,
					success_count: objects.length,
					failure_count: 0,
					pending_count: 0,
				},
			};
		});
		const result = await pushObjects(store, client(), { collectionId: COLLECTION });
		assert.deepEqual(received.map((object) => object.modified).sort(), [
			"2024-01-01T00:00:00.000Z",
			"2024-03-01T00:00:00.000Z",
		]);
		assert.ok(received.every((object) => object.id === kept.id));
		assert.equal(result.read, 3);
		assert.equal(result.withheld, 1);
		assert.equal(result.success, 2);
		assert.equal(result.complete, true);
	});
});
