// REST object routes: search, get, versions, autocomplete and facets, answered from what the gate releases.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALPHA, type ApiNode, IDS, json, MINTED_ID, openApiNode, PSEUDONYM } from "#test/support/api-node.ts";
import { STORE_PAGE } from "./released-scan.ts";
import {
	AutocompleteResult,
	FacetsResult,
	ObjectEntry,
	SearchResult,
	VersionsResult,
} from "./shapes/index.ts";

let node: ApiNode;
before(async () => {
	node = await openApiNode();
});
after(() => node.close());

async function search(query: string): Promise<{ ids: string[]; next?: string }> {
	const body = SearchResult.parse(await json(await node.request(`/api/v1/objects${query}`), 200));
	return {
		ids: body.items.map((item) => item.object.id),
		...(body.next === undefined ? {} : { next: body.next }),
	};
}

describe("GET /api/v1/objects", () => {
	it("lists the latest released version of each object, oldest first", async () => {
		assert.deepEqual((await search("")).ids, [IDS.indicator, IDS.malware, MINTED_ID]);
	});

	it("filters by type, one or several", async () => {
		assert.deepEqual((await search("?type=malware")).ids, [IDS.malware]);
		assert.deepEqual((await search("?type=malware,ipv4-addr")).ids, [IDS.malware, MINTED_ID]);
	});

	it("finds words and values of the released copy from the index, case-insensitively (D48)", async () => {
		assert.deepEqual((await search("?q=emotet")).ids.sort(), [IDS.indicator, IDS.malware].sort());
		assert.deepEqual((await search("?q=198.51.100.7")).ids, [IDS.indicator]);
		assert.deepEqual((await search("?q=198.51.100.0/24")).ids, [IDS.indicator]);
		// The stored value was pseudonymised on the way out: searching for it must find nothing, and the copy
		// released under another id is not answered for the stored one (its pseudonym is listed, not searched).
		assert.deepEqual((await search("?q=10.0.0.7")).ids, []);
		assert.deepEqual((await search(`?q=${PSEUDONYM}`)).ids, []);
		assert.ok((await search("")).ids.includes(MINTED_ID));
	});

	it("pages with an opaque cursor until next is absent, never repeating an object", async () => {
		const first = await search("?limit=2");
		assert.deepEqual(first.ids, [IDS.indicator, IDS.malware]);
		assert.ok(first.next);
		const second = await search(`?limit=2&cursor=${encodeURIComponent(first.next)}`);
		assert.deepEqual(second.ids, [MINTED_ID]);
		assert.equal(second.next, undefined);
	});

	it("gives no next when the page ends exactly at the last released object", async () => {
		const page = await search("?limit=3");
		assert.equal(page.ids.length, 3);
		assert.equal(page.next, undefined);
	});

	it("refuses a forged cursor with 400 E_API_CURSOR_INVALID", async () => {
		const body = await json(
			await node.request("/api/v1/objects?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
			400,
		);
		assert.equal(body.error_code, "E_API_CURSOR_INVALID");
	});

	it("passes the requester's organisation, user and purpose to the gate", async () => {
		node.gate.viewers.length = 0;
		await json(await node.request("/api/v1/objects?purpose=research", { as: node.reader }), 200);
		assert.deepEqual(node.gate.viewers.at(-1), {
			partyId: node.reader.user.organizationId,
			userId: node.reader.user.id,
			purpose: "research",
		});
	});
});

describe("GET /api/v1/objects/{id} and /versions", () => {
	it("answers the latest version as released", async () => {
		const entry = ObjectEntry.parse(await json(await node.request(`/api/v1/objects/${IDS.malware}`), 200));
		assert.equal(entry.object.name, "Emotet");
		assert.match(entry.dateAdded, /^\d{4}-\d\d-\d\dT/);
	});

	it("lists the released versions only", async () => {
		const body = VersionsResult.parse(
			await json(await node.request(`/api/v1/objects/${IDS.revised}/versions`), 200),
		);
		assert.deepEqual(
			body.items.map((item) => item.object.modified),
			["2025-01-01T00:00:00.000Z"],
		);
	});

	it("does not answer a transformed object under its stored id (that would confirm the value behind it)", async () => {
		await json(await node.request(`/api/v1/objects/${IDS.victimIp}`), 404);
		await json(await node.request(`/api/v1/objects/${IDS.victimIp}/versions`), 404);
	});
});

describe("GET /api/v1/autocomplete", () => {
	it("suggests released names and values by prefix, sorted, without repeats", async () => {
		const body = AutocompleteResult.parse(
			await json(await node.request("/api/v1/autocomplete?prefix=EMO"), 200),
		);
		assert.deepEqual(
			body.items.map((item) => item.text),
			// Not "Emotet wave report": that report's latest version is withheld, and only latest versions are suggested.
			["Emotet", "Emotet C2 server"],
		);
	});

	it("suggests the pseudonym, never the stored value", async () => {
		const values = AutocompleteResult.parse(
			await json(await node.request("/api/v1/autocomplete?prefix=10."), 200),
		);
		assert.deepEqual(values.items, []);
		const pseudonyms = AutocompleteResult.parse(
			await json(await node.request("/api/v1/autocomplete?prefix=pseud"), 200),
		);
		assert.deepEqual(pseudonyms.items, [{ text: PSEUDONYM, type: "ipv4-addr", id: MINTED_ID }]);
	});

	it("honours limit", async () => {
		const body = AutocompleteResult.parse(
			await json(await node.request("/api/v1/autocomplete?prefix=e&limit=1"), 200),
		);
		assert.equal(body.items.length, 1);
	});
});

describe("GET /api/v1/facets", () => {
	it("counts released objects by type", async () => {
		const body = FacetsResult.parse(await json(await node.request("/api/v1/facets"), 200));
		assert.deepEqual(body, { total: 3, types: { indicator: 1, "ipv4-addr": 1, malware: 1 } });
	});

	it("counts at most its store reads' worth of a large store, and says the counts are partial", async () => {
		const large = await openApiNode({ seed: false, facetReads: 2 });
		try {
			const stored = STORE_PAGE * 2 + 1;
			const addresses = Array.from({ length: stored }, (_, i) => ({
				type: "ipv4-addr",
				spec_version: "2.1",
				id: `ipv4-addr--${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`,
				value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
			}));
			const outcomes = await large.store.putVersions(
				addresses.map((object) => ({
					object,
					provenance: { organizationId: ALPHA, source: "test" },
				})),
			);
			assert.ok(outcomes.every((outcome) => outcome.status === "stored"));
			const body = FacetsResult.parse(await json(await large.request("/api/v1/facets"), 200));
			assert.equal(body.partial, true);
			assert.deepEqual(body, {
				total: STORE_PAGE * 2,
				types: { "ipv4-addr": STORE_PAGE * 2 },
				partial: true,
			});
			// One fewer stored: every one counted, and no `partial`.
			const fewer = await openApiNode({ seed: false, facetReads: 3 });
			try {
				await fewer.store.putVersions(
					addresses.map((object) => ({ object, provenance: { organizationId: ALPHA, source: "test" } })),
				);
				const all = FacetsResult.parse(await json(await fewer.request("/api/v1/facets"), 200));
				assert.deepEqual(all, { total: stored, types: { "ipv4-addr": stored } });
			} finally {
				await fewer.close();
			}
		} finally {
			await large.close();
		}
	});
});
