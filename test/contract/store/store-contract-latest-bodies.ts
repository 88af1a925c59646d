// The Store contract for latestBodyPages: the bodies of exactly the versions latestVersionPages pages through.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../../src/stix/core.ts";
import type { LatestVersionsRequest, Store } from "../../../src/store/store.ts";
import { batchOf, indicator, rejectsWith, type StoreFixture } from "./store-contract-fixtures.ts";

const note = (n: number): StixObject => ({
	type: "note",
	spec_version: "2.1",
	id: `note--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
	created: "2024-01-01T00:00:00.000Z",
	modified: "2024-01-01T00:00:00.000Z",
	content: `note ${n}: "quoted", \\ and ünïcode`,
	object_refs: [indicator(n).id],
});

async function bodyPages(store: Store, request: LatestVersionsRequest): Promise<StixObject[][]> {
	const pages: StixObject[][] = [];
	for await (const page of store.latestBodyPages(request)) {
		assert.ok(
			page.every((body) => typeof body === "string"),
			"bodies as JSON text",
		);
		pages.push(page.map((body) => JSON.parse(body) as StixObject));
	}
	return pages;
}

async function versionPages(store: Store, request: LatestVersionsRequest): Promise<StixObject[][]> {
	const pages: StixObject[][] = [];
	for await (const page of store.latestVersionPages(request)) pages.push(page.map((v) => v.object));
	return pages;
}

export function registerLatestBodiesContract(fixture: StoreFixture): void {
	describe("latestBodyPages", () => {
		it("pages the bodies of the versions latestVersionPages answers, in the same pages", async () => {
			const store = fixture.current();
			await store.putVersions(batchOf([indicator(1, "2024-03-01T00:00:00.000Z"), indicator(2), note(1)]));
			await store.putVersions(batchOf([indicator(1, "2024-02-01T00:00:00.000Z"), indicator(3), note(2)]));
			await store.putVersions(batchOf([indicator(2, "2024-05-01T00:00:00.000Z"), indicator(4)]));
			await store.deleteObject(indicator(4).id);
			const horizon = await store.commitHorizon();
			const first = (await versionPages(store, { upTo: horizon, pageSize: 100 })).flat();
			const requests: LatestVersionsRequest[] = [
				{ upTo: horizon, pageSize: 2 },
				{ upTo: horizon, pageSize: 1, types: ["indicator"] },
				{ upTo: horizon, pageSize: 3, types: ["note", "indicator"] },
				{ upTo: horizon, pageSize: 2, addedAfter: (await firstDateAdded(store)) as string },
				{ upTo: horizon, pageSize: 2, types: [] },
				{ upTo: undefined, pageSize: 2 },
			];
			for (const request of requests)
				assert.deepEqual(
					await bodyPages(store, request),
					await versionPages(store, request),
					JSON.stringify(request),
				);
			assert.equal(first.length, 5, "indicators 1–3 at their latest, two notes");

			// While the pages are read: a newer version of indicator 3 supersedes its horizon version, as for versions.
			const pages = store.latestBodyPages({ upTo: horizon, pageSize: 1, types: ["indicator"] });
			const opened = await pages.next();
			await store.putVersions(batchOf([indicator(3, "2025-01-01T00:00:00.000Z"), indicator(5)]));
			const read: string[] = opened.done === true ? [] : [...opened.value];
			for await (const page of pages) read.push(...page);
			assert.deepEqual(
				read.map((body) => (JSON.parse(body) as StixObject).id),
				[indicator(1).id, indicator(2).id],
				"indicator 3's horizon version left out; its new one and indicator 5 are the next export's",
			);

			await rejectsWith(bodyPages(store, { upTo: horizon, pageSize: 0 }), "E_STORE_QUERY_INVALID");
			await rejectsWith(bodyPages(store, { upTo: "junk!", pageSize: 1 }), "E_STORE_QUERY_INVALID");
		});
	});
}

async function firstDateAdded(store: Store): Promise<string | undefined> {
	return (await store.query({ limit: 1 })).items[0]?.dateAdded;
}
