// The dashboard's counters in a serving node (D67): two real nodes on loopback. A publishes three TLP:GREEN
// indicators and one TLP:RED; its /dashboard then shows what came in, the three objects B acknowledged as out to B's
// party (counted at delivery, not when judged), the red one withheld from B with the rule that decided, B's peer
// health, its analyst's own read as local, and the ingest rate; B shows the three as in.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DashboardResult } from "../src/api/shapes/index.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, connect, eventually, indicator, TestNode, TLP } from "./support/federation-net.ts";

const RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const { dir, remove } = scratch("dashboard-serve");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");

async function dashboardOf(node: TestNode): Promise<DashboardResult> {
	const response = await fetch(`${node.url}/api/v1/dashboard?days=2`, {
		headers: { authorization: `Bearer ${node.token}` },
	});
	assert.equal(response.status, 200);
	return (await response.json()) as DashboardResult;
}

const sum = (rows: readonly { count: number }[]): number => rows.reduce((total, row) => total + row.count, 0);

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "node-a-node-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("the dashboard of a serving node", () => {
	it("counts in, out at delivery, withheld by rule, local reads, peers and rates", {
		timeout: 120_000,
	}, async () => {
		const objects = [1, 2, 3].map((n) => indicator(n, { marking: TLP.green, createdBy: a.organizationId }));
		const red = indicator(4, { marking: RED, createdBy: a.organizationId });
		await a.publish([...objects, red]);
		await eventually("B holds the three green indicators", async () => {
			for (const object of objects) if ((await b.versions(object.id as string)).length === 0) return false;
			return true;
		});
		const read = await fetch(`${a.url}/api/v1/objects?limit=50`, {
			headers: { authorization: `Bearer ${a.token}` },
		});
		assert.equal(read.status, 200);
		// Tallies are flushed every 10 s.
		let atA: DashboardResult | undefined;
		await eventually(
			"A's dashboard counts the delivery, the withholding and the local read",
			async () => {
				atA = await dashboardOf(a);
				return sum(atA.out) >= 3 && sum(atA.withheld) >= 1 && sum(atA.local) >= 4;
			},
			40_000,
		);
		const dashboard = atA as DashboardResult;
		assert.equal(dashboard.scope, "node");
		assert.deepEqual(dashboard.in.map((row) => [row.party, row.marking, row.count]).sort(), [
			[a.organizationId, "TLP:GREEN", 3],
			[a.organizationId, "TLP:RED", 1],
		]);
		assert.deepEqual(
			dashboard.out.map((row) => [row.party, dashboard.names[row.party], row.marking, row.count]),
			[[b.organizationId, "node-b organisation", "TLP:GREEN", 3]],
			"out once per delivered object, though the federation judged each at feed and at send time",
		);
		assert.equal(dashboard.withheld.length, 1);
		assert.deepEqual(
			[dashboard.withheld[0]?.party, dashboard.withheld[0]?.marking, dashboard.withheld[0]?.count],
			[b.organizationId, "TLP:RED", 1],
		);
		assert.match(dashboard.withheld[0]?.rule ?? "", /tlp/i);
		const peer = dashboard.peers.find((p) => p.name === "node-b");
		assert.equal(peer?.queueDepth, 0);
		assert.ok((peer?.deliveredTotal ?? 0) >= 3);
		assert.ok(
			dashboard.rates.reduce((total, rate) => total + rate.ingest, 0) >= 1,
			"the TAXII post is ingest",
		);
		await eventually("B counts the three as in", async () => sum((await dashboardOf(b)).in) === 3);
	});
});
