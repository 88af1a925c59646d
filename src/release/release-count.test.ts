// The dashboard's release counter (D67) around the node's gate: a partner's TAXII read is counted as what the gate
// released to it (out, by marking) and what it withheld (by the deciding rule explain gives); the node's own
// analysts' reads are local, never out; federation deliveries are counted as acknowledged.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { partyNamed, scenarioPolicy } from "#test/fixtures/reference-scenario-policy.ts";
import {
	buildTestNode,
	EVERYONE_COLLECTION,
	everyoneCollection,
	type TestNode,
} from "#test/support/test-node.ts";
import { sampleIntel } from "../demo/index.ts";
import { decidingStep, type EgressGate } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { markingLabel } from "../stix/markings/index.ts";
import type { ActivityCount } from "../store/index.ts";
import { type ReleaseCounter, releaseCounter } from "./release-count.ts";

const TAXII = "application/taxii+json;version=2.1";

describe("releaseCounter", () => {
	let node: TestNode;
	let counter: ReleaseCounter;
	let plain: EgressGate;
	let nca: string;
	let bank: string;
	before(async () => {
		const policy = scenarioPolicy();
		nca = partyNamed(policy, "UK National Crime");
		bank = partyNamed(policy, "Example Bank");
		node = await buildTestNode({
			nodeName: "uk-nca-node",
			policy,
			users: {
				nca: { organizationId: nca, name: "nina", role: "analyst" },
				bank: { organizationId: bank, name: "bob", role: "reader" },
			},
			collections: [everyoneCollection([nca, bank])],
			wrapGate: (gate, store) => {
				plain = gate;
				counter = releaseCounter({
					store,
					localParties: async () => new Set([nca]),
					flushMs: 3_600_000,
				});
				return counter.counted(gate);
			},
		});
		await node.ingest(sampleIntel("uk-nca", nca), nca);
	});
	after(async () => {
		await counter.stop();
		await node.close();
	});

	it("counts a partner's TAXII read as released by marking and withheld by the deciding rule", async () => {
		const today = new Date().toISOString().slice(0, 10);
		const before = await node.store.activityCounts(today);
		const response = await node.request(
			`/taxii2/api/collections/${EVERYONE_COLLECTION}/objects/?limit=1000`,
			{
				as: node.user("bank"),
				headers: { accept: TAXII },
			},
		);
		assert.equal(response.status, 200);
		const received =
			((await response.json()) as { objects?: { object_marking_refs?: string[] }[] }).objects ?? [];
		await counter.flush();
		const added = difference(before, await node.store.activityCounts(today));

		// What the gate alone says of every stored latest version, for the bank.
		const stored = (await node.store.query({ limit: 1000 })).items;
		const page = await plain.releasePage(
			{ partyId: bank, userId: "check", purpose: "network-defence" },
			stored,
		);
		const expectedOut = new Map<string, number>();
		for (const object of received) bump(expectedOut, markingLabel(object.object_marking_refs));
		const expectedRules = new Map<string, number>();
		for (const [index, version] of stored.entries()) {
			if (page[index] !== undefined) continue;
			const decision = await plain.explain(version, bank, "network-defence");
			const rule =
				decision.verdict === "full" || decision.verdict === "transformed"
					? "gate.page"
					: (decidingStep(decision)?.rule ?? "gate.page");
			bump(expectedRules, rule);
		}
		assert.ok(received.length > 0 && expectedRules.size > 0, "the scenario both releases and withholds");
		assert.deepEqual(
			byKey(added, "out", (c) => c.marking, bank),
			expectedOut,
		);
		assert.deepEqual(
			byKey(added, "withheld", (c) => c.rule, bank),
			expectedRules,
		);
		assert.equal(byKey(added, "local", (c) => c.marking).size, 0);
	});

	it("counts the node's own analyst's reads as local, and withholds nothing from a partner then", async () => {
		const today = new Date().toISOString().slice(0, 10);
		const before = await node.store.activityCounts(today);
		const response = await node.request("/api/v1/objects?limit=50", { as: node.user("nca") });
		assert.equal(response.status, 200);
		await counter.flush();
		const added = difference(before, await node.store.activityCounts(today));
		assert.ok(added.some((c) => c.flow === "local" && c.party === nca));
		assert.ok(!added.some((c) => c.flow === "out" || c.flow === "withheld"));
	});

	it("counts copies a peer acknowledged as out to that party", async () => {
		const today = new Date().toISOString().slice(0, 10);
		const before = await node.store.activityCounts(today);
		const objects = sampleIntel("uk-nca", nca).slice(0, 3) as unknown as StixObject[];
		counter.delivered(bank, objects);
		await counter.flush();
		const added = difference(before, await node.store.activityCounts(today));
		const total = added.filter((c) => c.flow === "out" && c.party === bank).reduce((s, c) => s + c.count, 0);
		assert.equal(total, 3);
	});
});

function bump(map: Map<string, number>, key: string): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}

/** Each counter's increase from `before` to `after`. */
function difference(before: readonly ActivityCount[], after: readonly ActivityCount[]): ActivityCount[] {
	const key = (c: ActivityCount) => [c.day, c.flow, c.party, c.marking, c.rule].join("|");
	const old = new Map(before.map((c) => [key(c), c.count]));
	return after.map((c) => ({ ...c, count: c.count - (old.get(key(c)) ?? 0) })).filter((c) => c.count > 0);
}

function byKey(
	counts: readonly ActivityCount[],
	flow: ActivityCount["flow"],
	keyOf: (c: ActivityCount) => string,
	party?: string,
): Map<string, number> {
	const map = new Map<string, number>();
	for (const c of counts)
		if (c.flow === flow && (party === undefined || c.party === party))
			map.set(keyOf(c), (map.get(keyOf(c)) ?? 0) + c.count);
	return map;
}
