import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../../errors/index.ts";
import type { EgressGate } from "../../policy/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { ObjectQuery, Store } from "../../store/index.ts";
import type { CollectionDefinition } from "../server/collections.ts";
import { releasedCollection } from "./released-collection.ts";

/** A store of `count` versions paged by the real cursor contract, and a gate releasing every other one. */
function fakes(count: number) {
	const versions = Array.from({ length: count }, (_, index) => ({ id: `indicator--${index}`, index }));
	const queries: ObjectQuery[] = [];
	const store = {
		query: async (query: ObjectQuery) => {
			queries.push(query);
			const start = query.after === undefined ? 0 : Number(query.after);
			const items = versions.slice(start, start + query.limit);
			const more = start + query.limit < versions.length;
			return { items, more, ...(more ? { next: String(start + query.limit) } : {}) };
		},
	} as unknown as Store;
	const gate = {
		releasePage: async (_viewer: unknown, page: readonly { id: string; index: number }[]) =>
			page.map((item) =>
				item.index % 2 === 0 ? ({ type: "indicator", id: item.id } as StixObject) : undefined,
			),
	} as unknown as EgressGate;
	return { store, gate, queries };
}

const collection = {
	id: "c",
	title: "C",
	filter: { types: ["indicator"] },
} as unknown as CollectionDefinition;
const viewer = { partyId: "identity--x", userId: "u", purpose: "network-defence" } as const;

describe("releasedCollection", () => {
	it("pages the whole collection (latest versions, its type filter) and keeps only what the gate releases", async () => {
		const { store, gate, queries } = fakes(2_500);
		const released = await releasedCollection(store, gate, viewer, collection);
		assert.equal(released.length, 1_250);
		assert.ok(released.every((object) => Number(object.id.split("--")[1]) % 2 === 0));
		assert.equal(queries.length, 3);
		assert.deepEqual(queries[0]?.versions, ["last"]);
		assert.deepEqual(queries[0]?.types, ["indicator"]);
	});

	it("refuses a feed past its limit of released objects, naming the fix", async () => {
		const { store, gate } = fakes(2_500);
		await assert.rejects(releasedCollection(store, gate, viewer, collection, 1_000), (error: unknown) => {
			assert.ok(isAppError(error));
			assert.equal(error.code, "E_MISP_FEED_TOO_LARGE");
			assert.match(error.message, /narrower collection/);
			return true;
		});
	});
});
