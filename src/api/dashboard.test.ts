// GET /dashboard's role rules (D67) and POST /samples: the node's own analysts see every party's counts, what was
// withheld and why, the peers and the rates; a partner's analyst sees only its own party's rows, never another
// partner's name or volume; readers see nothing. The sample set loads once, then says it is already loaded.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { partyNamed, scenarioPolicy } from "#test/fixtures/reference-scenario-policy.ts";
import { buildTestNode, type TestNode } from "#test/support/test-node.ts";
import type { DashboardResult, SamplesLoaded } from "./shapes/index.ts";

describe("GET /dashboard and POST /samples", () => {
	let node: TestNode;
	let nca: string;
	let bank: string;
	let university: string;
	const today = new Date().toISOString().slice(0, 10);
	before(async () => {
		const policy = scenarioPolicy();
		nca = partyNamed(policy, "UK National Crime");
		bank = partyNamed(policy, "Example Bank");
		university = partyNamed(policy, "Example University");
		node = await buildTestNode({
			nodeName: "uk-nca-node",
			policy,
			users: {
				nca: { organizationId: nca, name: "nina", role: "analyst" },
				ncaReader: { organizationId: nca, name: "rita", role: "reader" },
				bank: { organizationId: bank, name: "bob", role: "analyst" },
			},
		});
		await node.store.addActivityCounts([
			{ day: today, flow: "in", party: nca, marking: "TLP:GREEN", rule: "", count: 12 },
			{ day: today, flow: "in", party: bank, marking: "TLP:AMBER", rule: "", count: 3 },
			{ day: today, flow: "out", party: bank, marking: "TLP:GREEN", rule: "", count: 7 },
			{ day: today, flow: "out", party: university, marking: "TLP:CLEAR", rule: "", count: 41 },
			{ day: today, flow: "local", party: nca, marking: "TLP:RED", rule: "", count: 5 },
			{ day: today, flow: "withheld", party: bank, marking: "TLP:RED", rule: "scope.tlp", count: 2 },
			{ day: "2001-01-01", flow: "in", party: nca, marking: "TLP:GREEN", rule: "", count: 99 },
		]);
	});
	after(() => node.close());

	const dashboard = async (user: string, query = "") => {
		const response = await node.request(`/api/v1/dashboard${query}`, { as: node.user(user) });
		return { status: response.status, text: await response.text() };
	};

	it("shows the node's own analyst every party's rows by name, withheld by rule, over the days asked", async () => {
		const { status, text } = await dashboard("nca", "?days=7");
		assert.equal(status, 200, text);
		const body = JSON.parse(text) as DashboardResult;
		assert.equal(body.scope, "node");
		assert.equal(body.days.length, 7);
		assert.equal(body.days.at(-1), today);
		assert.deepEqual(
			body.out
				.map((row) => [(body.names[row.party] ?? "").split(" ").slice(0, 2).join(" "), row.count])
				.sort(),
			[
				["Example Bank", 7],
				["Example University", 41],
			],
		);
		assert.deepEqual(body.in.map((row) => row.count).sort(), [12, 3]);
		assert.deepEqual(
			body.withheld.map((row) => [row.rule, row.count]),
			[["scope.tlp", 2]],
		);
		assert.deepEqual(
			body.local.map((row) => row.count),
			[5],
		);
		assert.equal(body.rates.length, 180, "three hours of minutes");
		assert.ok(!text.includes("2001-01-01"), "days before the window are left out");
	});

	it("shows a partner's analyst only its own party's rows: no other partner, no rules, no peers", async () => {
		const { status, text } = await dashboard("bank");
		assert.equal(status, 200, text);
		const body = JSON.parse(text) as DashboardResult;
		assert.equal(body.scope, "party");
		assert.deepEqual(
			body.out.map((row) => [row.party, row.count]),
			[[bank, 7]],
		);
		assert.deepEqual(
			body.in.map((row) => [row.party, row.count]),
			[[bank, 3]],
		);
		assert.deepEqual([body.withheld, body.local, body.peers, body.rates], [[], [], [], []]);
		assert.deepEqual(Object.keys(body.names), [bank]);
		assert.ok(!text.includes(university) && !text.includes("University") && !text.includes(nca));
	});

	it("refuses readers, and a days value out of range with the field named", async () => {
		assert.equal((await dashboard("ncaReader")).status, 403);
		const bad = await dashboard("nca", "?days=0");
		assert.equal(bad.status, 400);
		assert.match(bad.text, /days/);
	});

	it("loads the sample set for the node's own analyst once; a partner may not", async () => {
		const load = async (user: string) => {
			const response = await node.request("/api/v1/samples", {
				as: node.user(user),
				method: "POST",
				headers: { "content-type": "application/json" },
				body: "{}",
			});
			return { status: response.status, body: (await response.json()) as SamplesLoaded };
		};
		const first = await load("nca");
		assert.equal(first.status, 200, JSON.stringify(first.body));
		assert.equal(first.body.alreadyLoaded, false);
		assert.equal(first.body.counts.stored, first.body.objects);
		assert.ok(first.body.objects >= 30 && first.body.reportId?.startsWith("report--"));
		const report = await node.request(`/api/v1/objects/${first.body.reportId}`, { as: node.user("nca") });
		const entry = (await report.json()) as { object: { created_by_ref: string } };
		assert.equal(entry.object.created_by_ref, nca, "authored by the node's organisation");
		const second = await load("nca");
		assert.equal(second.body.alreadyLoaded, true);
		assert.equal(second.body.counts.stored, 0);
		assert.equal((await load("bank")).status, 403);
		assert.equal((await load("ncaReader")).status, 403);
	});

	it("lists the objects behind a chart's bar: stored on a day, with a marking", async () => {
		const list = async (query: string) => {
			const response = await node.request(`/api/v1/objects?limit=200&${query}`, { as: node.user("nca") });
			assert.equal(response.status, 200);
			return ((await response.json()) as { items: { object: { object_marking_refs?: string[] } }[] }).items;
		};
		const all = await list(`added=${today}`);
		assert.ok(all.length >= 30, "the sample set was stored today");
		assert.deepEqual(await list("added=2001-01-01"), []);
		const amber = await list(`added=${today}&marking=TLP:AMBER`);
		assert.ok(amber.length > 0 && amber.length < all.length);
		const AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
		assert.ok(amber.every((item) => item.object.object_marking_refs?.includes(AMBER)));
		const bad = await node.request("/api/v1/objects?added=yesterday", { as: node.user("nca") });
		assert.equal(bad.status, 400);
	});
});
