// The index-backed routes: search, suggestions, facets, a value's page, correlations. Every answer is of released
// copies only: withheld objects are in no list and no count, and a pseudonymised value never confirms the original.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
	ALPHA,
	BETA,
	C2_SCO,
	openSearchNode,
	SEARCH_IDS,
	SEARCH_SECRETS,
	type SearchNode,
	TLP_GREEN,
} from "#test/support/search-node.ts";
import { CorrelationsResult, FacetsResult, SearchResult, SuggestResult, ValuePage } from "./shapes/index.ts";

let node: SearchNode;
before(async () => {
	node = await openSearchNode();
});
after(() => node.close());

/** GETs `path`; a 200 answer may hold no secret but those the request itself names (`asked`). */
async function get(
	path: string,
	status = 200,
	asked: readonly string[] = [],
): Promise<Record<string, unknown>> {
	const response = await node.request(`/api/v1${path}`);
	const text = await response.text();
	if (response.status === 200)
		for (const secret of SEARCH_SECRETS.filter((secret) => !asked.includes(secret)))
			assert.ok(!text.includes(secret), `${path} leaks ${secret}`);
	if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
	return JSON.parse(text) as Record<string, unknown>;
}

async function searchIds(q: string, extra = ""): Promise<string[]> {
	const page = SearchResult.parse(await get(`/objects?q=${encodeURIComponent(q)}${extra}`));
	return page.items.map((item) => item.object.id);
}

describe("GET /api/v1/objects?q= from the index", () => {
	it("finds a value's objects, exact first, then the ranges containing it; never a withheld one", async () => {
		const ids = await searchIds("198.51.100.7");
		assert.deepEqual(ids.slice(0, 2).sort(), [SEARCH_IDS.c2, C2_SCO.id].sort());
		assert.ok(ids.includes(SEARCH_IDS.range), "the /24 containing the address");
		assert.ok(!ids.includes(SEARCH_IDS.hiddenC2));
	});

	it("reads a defanged value as the value", async () => {
		assert.deepEqual(
			(await searchIds("198[.]51[.]100[.]7")).sort(),
			(await searchIds("198.51.100.7")).sort(),
		);
	});

	it("finds what a range contains, and sub-domains and parents of a domain", async () => {
		assert.ok((await searchIds("198.51.100.0/25")).includes(SEARCH_IDS.c2));
		const domain = await searchIds("evil.example.com");
		assert.deepEqual(domain.slice(0, 1), [SEARCH_IDS.evil]);
		assert.ok(domain.includes(SEARCH_IDS.parent));
	});

	it("finds names and aliases as text, filtered by type", async () => {
		assert.deepEqual((await searchIds("pinkslipbot")).sort(), [SEARCH_IDS.family]);
		assert.deepEqual(await searchIds("qakbot", "&type=malware"), [SEARCH_IDS.family]);
		assert.ok((await searchIds("qakbot")).includes(SEARCH_IDS.c2));
		assert.deepEqual(await searchIds("nightjar"), []);
	});

	it("never confirms a value the gate pseudonymised", async () => {
		assert.deepEqual(await searchIds("10.0.0.7"), []);
	});

	it("pages by a sealed cursor that opens only for the same query", async () => {
		const all = await searchIds("qakbot");
		const seen: string[] = [];
		let cursor: string | undefined;
		do {
			const page = SearchResult.parse(
				await get(`/objects?q=qakbot&limit=1${cursor === undefined ? "" : `&cursor=${cursor}`}`),
			);
			seen.push(...page.items.map((item) => item.object.id));
			cursor = page.next === undefined ? undefined : encodeURIComponent(page.next);
			if (cursor !== undefined) {
				const other = await get(`/objects?q=emotet&cursor=${cursor}`, 400);
				assert.equal(other.error_code, "E_API_CURSOR_INVALID");
			}
		} while (cursor !== undefined);
		assert.deepEqual(seen, all);
	});
});

describe("GET /api/v1/suggest", () => {
	it("suggests values and names of released objects, and says when what was typed is a value", async () => {
		const values = SuggestResult.parse(await get("/suggest?q=198.51"));
		assert.ok(values.items.some((item) => item.label === "198.51.100.7" && item.kind === "ipv4"));
		const names = SuggestResult.parse(await get("/suggest?q=qak"));
		assert.ok(names.items.some((item) => item.label === "Qakbot" && item.kind === "name"));
		const typed = SuggestResult.parse(await get("/suggest?q=evil%5B.%5Dexample.com"));
		assert.deepEqual(typed.value, { kind: "domain", value: "evil.example.com" });
	});

	it("suggests nothing only withheld objects name", async () => {
		assert.deepEqual(SuggestResult.parse(await get("/suggest?q=203.0")).items, []);
		assert.deepEqual(SuggestResult.parse(await get("/suggest?q=night")).items, []);
	});
});

describe("GET /api/v1/facets?q=", () => {
	it("counts a query's released hits by type and marking", async () => {
		const facets = FacetsResult.parse(await get("/facets?q=198.51.100.7"));
		assert.equal(facets.types.indicator, 2);
		assert.equal(facets.types["ipv4-addr"], 1);
		assert.equal(facets.total, 3);
		assert.deepEqual(facets.markings, { [TLP_GREEN]: 1 });
	});
});

describe("GET /api/v1/values", () => {
	it("answers a value's objects, by relation and by source, counting released copies only", async () => {
		const page = ValuePage.parse(await get("/values/ipv4/198.51.100.7"));
		assert.deepEqual(page.observable, { kind: "ipv4", value: "198.51.100.7" });
		assert.equal(page.total, 3);
		assert.deepEqual(page.byRelation, { exact: 2, contains: 1 });
		assert.deepEqual(
			page.bySource.map((row) => [row.source, row.count]),
			[
				[ALPHA, 1],
				[BETA, 1],
				[null, 1],
			].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
		);
		assert.equal(page.tooCommon, false);
		assert.equal(page.complete, true);
	});

	it("guesses the kind of a value as found, and refuses what is no value", async () => {
		const guessed = ValuePage.parse(await get("/values?value=198%5B.%5D51%5B.%5D100%5B.%5D7"));
		assert.equal(guessed.total, 3);
		const refused = await get("/values?value=hello%20world", 400);
		assert.equal(refused.error_code, "E_API_PARAMETER");
		assert.equal((await get("/values/ipv4/999.1.2.3", 400)).error_code, "E_API_PARAMETER");
	});

	it("answers a value only withheld objects name exactly as one nothing names", async () => {
		const hidden = ValuePage.parse(await get("/values/ipv4/203.0.113.9", 200, ["203.0.113.9"]));
		const unknown = ValuePage.parse(await get("/values/ipv4/203.0.113.10"));
		assert.deepEqual({ ...hidden, observable: undefined }, { ...unknown, observable: undefined });
		assert.equal(hidden.total, 0);
	});
});

describe("GET /api/v1/objects/{id}/correlations", () => {
	it("lists, per value the object names, the other released objects sharing it", async () => {
		const result = CorrelationsResult.parse(await get(`/objects/${SEARCH_IDS.c2}/correlations`));
		const [c2] = result.observables;
		assert.deepEqual(c2?.observable, { kind: "ipv4", value: "198.51.100.7" });
		assert.deepEqual(
			c2?.objects.map((entry) => entry.object.id).sort(),
			[C2_SCO.id, SEARCH_IDS.range].sort(),
		);
		assert.equal(result.total, 2);
	});

	it("answers a withheld object's correlations as a missing object's: 404", async () => {
		const hidden = await get(`/objects/${SEARCH_IDS.hiddenC2}/correlations`, 404);
		const missing = await get("/objects/indicator--a9999999-9999-4999-8999-999999999999/correlations", 404);
		assert.deepEqual(hidden, missing);
	});
});
