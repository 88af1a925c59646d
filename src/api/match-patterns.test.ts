// POST /match and a value's page for indicators whose patterns are not plain values (LIKE, MATCHES, a range):
// found through the index's PatternSet, kept current on new versions and deletions, released through the gate.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { json } from "#test/support/api-node.ts";
import { WITHHOLD } from "#test/support/fake-gate.ts";
import { ALPHA, openSearchNode, type SearchNode } from "#test/support/search-node.ts";
import type { StixObject } from "../stix/core.ts";
import { MatchResult, ValuePage } from "./shapes/index.ts";

const T1 = "2025-01-01T00:00:00.000Z";
const T2 = "2025-02-01T00:00:00.000Z";

export const PATTERN_IDS = {
	like: "indicator--b1111111-1111-4111-8111-111111111111",
	matches: "indicator--b2222222-2222-4222-8222-222222222222",
	subset: "indicator--b3333333-3333-4333-8333-333333333333",
	hidden: "indicator--b4444444-4444-4444-8444-444444444444",
} as const;

function indicator(id: string, pattern: string, fields: Record<string, unknown> = {}): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id,
		created: T1,
		modified: T1,
		pattern_type: "stix",
		valid_from: T1,
		name: `pattern ${id.slice(-4)}`,
		pattern,
		created_by_ref: ALPHA,
		...fields,
	} as StixObject;
}

export const PATTERN_OBJECTS: StixObject[] = [
	indicator(PATTERN_IDS.like, "[domain-name:value LIKE '%.evil.example']"),
	indicator(PATTERN_IDS.matches, "[url:value MATCHES '^https?://[a-z0-9.-]+/gate\\\\.php\\\\?id=[0-9]+$']"),
	indicator(PATTERN_IDS.subset, "[ipv4-addr:value ISSUBSET '192.0.2.0/24']"),
	indicator(PATTERN_IDS.hidden, "[domain-name:value LIKE '%.secret.example']", { [WITHHOLD]: true }),
];

let node: SearchNode;
before(async () => {
	node = await openSearchNode();
	const report = await node.node.ingest(PATTERN_OBJECTS, ALPHA);
	assert.deepEqual(report.problems, []);
});
after(() => node.close());

async function match(values: unknown[], extra: Record<string, unknown> = {}): Promise<MatchResult> {
	const response = await node.request("/api/v1/match", {
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify({ values, ...extra }),
	});
	return MatchResult.parse(await json(response, 200));
}

const hitsOf = (answer: MatchResult) =>
	answer.results.map((row) => row.matches.map((hit) => [hit.id, hit.relation]));

describe("POST /api/v1/match with patterns", () => {
	it("finds LIKE, MATCHES and ISSUBSET indicators for the values they cover, not for others", async () => {
		const answer = await match([
			{ kind: "domain", value: "a.evil.example" },
			{ kind: "domain", value: "evil.example" },
			"https://c2.example.net/gate.php?id=42",
			"https://c2.example.net/gate.php?id=x",
			"192.0.2.77",
			"192.0.3.1",
		]);
		assert.deepEqual(hitsOf(answer), [
			[[PATTERN_IDS.like, "pattern"]],
			[],
			[[PATTERN_IDS.matches, "pattern"]],
			[],
			[[PATTERN_IDS.subset, "contains"]],
			[],
		]);
		assert.deepEqual(answer.results[0]?.matches[0]?.via, { kind: "domain", value: "a.evil.example" });
	});

	it("finds them with related values off too: a pattern hit is the indicator itself matching", async () => {
		const answer = await match([{ kind: "domain", value: "b.evil.example" }, "192.0.2.1"], {
			related: false,
		});
		assert.deepEqual(hitsOf(answer), [[[PATTERN_IDS.like, "pattern"]], [[PATTERN_IDS.subset, "pattern"]]]);
	});

	it("gives no hit for an indicator the requester may not see: hidden reads as missing", async () => {
		const answer = await match([{ kind: "domain", value: "x.secret.example" }]);
		assert.deepEqual([answer.results[0]?.total, answer.results[0]?.matches], [0, []]);
		assert.ok(!JSON.stringify(answer).includes(PATTERN_IDS.hidden));
	});

	it("lists pattern hits on a value's page", async () => {
		const page = ValuePage.parse(await json(await node.request("/api/v1/values/domain/a.evil.example"), 200));
		assert.deepEqual(
			page.objects.map((o) => [o.object.id, o.relation]),
			[[PATTERN_IDS.like, "pattern"]],
		);
		assert.deepEqual(page.byRelation, { pattern: 1 });
	});

	it("forgets a pattern once a new version has none and once the indicator is deleted", async () => {
		const replaced = {
			...(PATTERN_OBJECTS[0] as StixObject),
			modified: T2,
			pattern: "[domain-name:value = 'only.evil.example']",
		};
		assert.deepEqual((await node.node.ingest([replaced], ALPHA)).problems, []);
		await node.node.store.deleteObject(PATTERN_IDS.matches);
		await node.node.intel.settled();
		const answer = await match([
			{ kind: "domain", value: "a.evil.example" },
			{ kind: "domain", value: "only.evil.example" },
			"https://c2.example.net/gate.php?id=42",
		]);
		assert.deepEqual(hitsOf(answer), [[], [[PATTERN_IDS.like, "exact"]], []]);
	});
});
