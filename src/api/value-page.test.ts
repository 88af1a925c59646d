// Where a value's page and matching meet warninglists and sightings: a value on a built-in warninglist is flagged
// on its page and in every match answer, and still matched; the sightings on a value's page are those the gate
// releases to the viewer (the reference scenario: the owner sees its own, a partner only what it may receive).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { partyNamed, scenarioPolicy } from "#test/fixtures/reference-scenario-policy.ts";
import { json } from "#test/support/api-node.ts";
import { ALPHA, openSearchNode, type SearchNode, TLP_GREEN } from "#test/support/search-node.ts";
import { buildTestNode, type TestNode } from "#test/support/test-node.ts";
import { sampleIntel } from "../demo/index.ts";
import type { StixObject } from "../stix/core.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { MatchResult, SuggestResult, ValuePage } from "./shapes/index.ts";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const RESOLVER = "indicator--b1111111-1111-4111-8111-111111111111";
const EMPTY_FILE = "indicator--b2222222-2222-4222-8222-222222222222";

function indicator(id: string, name: string, pattern: string): StixObject {
	return {
		type: "indicator",
		spec_version: "2.1",
		id,
		created: "2025-01-01T00:00:00.000Z",
		modified: "2025-01-01T00:00:00.000Z",
		name,
		pattern,
		pattern_type: "stix",
		valid_from: "2025-01-01T00:00:00.000Z",
		created_by_ref: ALPHA,
		object_marking_refs: [TLP_GREEN],
	} as StixObject;
}

describe("warninglists on a value's page and in matching", () => {
	let node: SearchNode;
	before(async () => {
		node = await openSearchNode();
		const report = await node.node.ingest(
			[
				indicator(RESOLVER, "Resolver seen in malware config", "[ipv4-addr:value = '8.8.8.8']"),
				indicator(EMPTY_FILE, "Dropped payload", `[file:hashes.'SHA-256' = '${EMPTY_SHA256}']`),
			],
			ALPHA,
		);
		assert.deepEqual(report.problems, []);
	});
	after(() => node.close());

	it("flags a value on a built-in list on its page, and still lists the objects naming it", async () => {
		const resolver = ValuePage.parse(await json(await node.request("/api/v1/values/ipv4/8.8.8.8"), 200));
		assert.deepEqual(
			resolver.objects.map((o) => o.object.id),
			[RESOLVER],
		);
		assert.equal(resolver.warninglists.length, 1);
		assert.match(resolver.warninglists[0]?.list ?? "", /public DNS resolvers/);
		assert.equal(resolver.warninglists[0]?.entry, "8.8.8.8");
		assert.ok((resolver.warninglists[0]?.description.length ?? 0) > 0);

		const empty = ValuePage.parse(
			await json(await node.request(`/api/v1/values?value=${EMPTY_SHA256.toUpperCase()}`), 200),
		);
		assert.equal(empty.observable.kind, "sha256");
		assert.deepEqual(
			empty.objects.map((o) => o.object.id),
			[EMPTY_FILE],
		);
		assert.match(empty.warninglists.map((hit) => hit.list).join(), /empty file/i);

		const plain = ValuePage.parse(await json(await node.request("/api/v1/values/ipv4/8.8.8.9"), 200));
		assert.deepEqual(plain.warninglists, []);
	});

	it("flags a typed value on a list in its suggestions", async () => {
		const listed = SuggestResult.parse(await json(await node.request("/api/v1/suggest?q=8.8.8.8"), 200));
		assert.match(listed.warninglists?.[0]?.list ?? "", /public DNS resolvers/);
		const plain = SuggestResult.parse(await json(await node.request("/api/v1/suggest?q=8.8.8.9"), 200));
		assert.deepEqual(plain.value, { kind: "ipv4", value: "8.8.8.9" });
		assert.equal(plain.warninglists, undefined);
	});

	it("flags a value in every match answer, and matches it all the same", async () => {
		const answer = MatchResult.parse(
			await json(
				await node.request("/api/v1/match", {
					method: "POST",
					headers: { "content-type": "application/json" },
					body: JSON.stringify({ values: ["8[.]8[.]8[.]8", EMPTY_SHA256, "8.8.8.9"] }),
				}),
				200,
			),
		);
		const [resolver, empty, plain] = answer.results;
		assert.equal(answer.matched, 2);
		assert.deepEqual(
			resolver?.matches.map((hit) => hit.id),
			[RESOLVER],
		);
		assert.match(resolver?.warninglists?.[0]?.list ?? "", /public DNS resolvers/);
		assert.deepEqual(
			empty?.matches.map((hit) => hit.id),
			[EMPTY_FILE],
		);
		assert.match(empty?.warninglists?.map((hit) => hit.list).join() ?? "", /empty file/i);
		assert.equal(plain?.warninglists, undefined);
		assert.equal(plain?.total, 0);
	});
});

describe("sightings on a value's page, under the reference scenario", () => {
	const VALUE = "198.51.100.23";
	const INDICATOR = "indicator--07de4dc7-c17c-4436-93d2-298d34942dc7";
	let node: TestNode;
	let hiddenSighting = "";

	const record = async (body: Record<string, unknown>): Promise<string> => {
		const response = await node.request("/api/v1/sightings", {
			as: node.user("nca"),
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ sighting_of_ref: INDICATOR, kind: "seen", ...body }),
		});
		const text = await response.text();
		assert.equal(response.status, 200, text);
		return (JSON.parse(text) as { sighting: { id: string } }).sighting.id;
	};
	const page = async (user: string) =>
		ValuePage.parse(
			await json(await node.request(`/api/v1/values/ipv4/${VALUE}`, { as: node.user(user) }), 200),
		);

	before(async () => {
		const policy = scenarioPolicy();
		const nca = partyNamed(policy, "UK National Crime");
		const bank = partyNamed(policy, "Example Bank");
		node = await buildTestNode({
			nodeName: "uk-nca-node",
			policy,
			users: {
				nca: { organizationId: nca, name: "nina", role: "analyst" },
				bank: { organizationId: bank, name: "bob", role: "reader" },
			},
		});
		await node.ingest(sampleIntel("uk-nca", nca), nca);
		// Released to the bank (TLP:GREEN, by its markings) …
		await record({ count: 2, object_marking_refs: [TLP2_DEFINITIONS.green.id], audience: "markings" });
		// … and one only back to the originator (the NCA itself): the bank must not learn of it.
		hiddenSighting = await record({
			kind: "false-positive",
			count: 3,
			object_marking_refs: [TLP2_DEFINITIONS.green.id],
		});
	});
	after(() => node.close());

	it("the owner counts every sighting of the objects naming the value, with the score in words", async () => {
		const { sightings, objects } = await page("nca");
		assert.ok(objects.some((o) => o.object.id === INDICATOR && o.relation === "exact"));
		assert.equal(sightings.objects, objects.filter((o) => o.relation === "exact").length);
		assert.equal(sightings.kinds.seen.count, 2);
		assert.equal(sightings.kinds["false-positive"].count, 3);
		assert.equal(sightings.organisations.length, 1);
		assert.equal(sightings.timeline.length, 1);
		assert.equal(sightings.truncated, false);
		assert.equal(sightings.score.halfLife.of, "ipv4-addr");
		assert.match(
			sightings.explanation,
			/^Seen 2 times by 1 organisation, last today; 3 false positives from UK National Crime /,
		);
		assert.equal(sightings.score.value, 40);
	});

	it("a partner counts only the sightings released to it", async () => {
		const answer = await node.request(`/api/v1/values/ipv4/${VALUE}`, { as: node.user("bank") });
		const text = await answer.text();
		assert.equal(answer.status, 200, text);
		const { sightings, objects } = ValuePage.parse(JSON.parse(text));
		assert.ok(objects.some((o) => o.object.id === INDICATOR));
		assert.equal(sightings.kinds.seen.count, 2);
		assert.equal(sightings.kinds["false-positive"].count, 0);
		assert.match(sightings.explanation, /^Seen 2 times by 1 organisation, last today\. Score 80\/100/);
		assert.doesNotMatch(text, new RegExp(hiddenSighting.slice("sighting--".length)));
		// The partner's answer differs from the owner's only where the hidden sighting counted.
		assert.notDeepEqual((await page("nca")).sightings.kinds, sightings.kinds);
	});

	it("a value no released object names has no sightings, and is scored as never seen", async () => {
		const answer = await node.request("/api/v1/values/ipv4/192.0.2.250", { as: node.user("bank") });
		const { sightings } = ValuePage.parse(await json(answer, 200));
		assert.equal(sightings.objects, 0);
		assert.equal(sightings.kinds.seen.reports, 0);
		assert.deepEqual(sightings.timeline, []);
	});
});
