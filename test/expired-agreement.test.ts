// An ended agreement narrows, never widens (D34), over TAXII and REST on the reference scenario: when the
// NCA–bank agreement ends (2027-12-31), the bank keeps receiving the victim IP only pseudonymised, and a
// purpose the agreement did not allow stays refused — at the end instant, 1 ms either side, and a year on.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Policy, Purpose } from "../src/policy/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { SCENARIO_NODE, scenarioPolicy } from "./fixtures/reference-scenario-policy.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const BANK = "identity--3d177db3-a221-47a9-a23b-f8bfc4078e65";
const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const END = Date.parse("2027-12-31T00:00:00Z");
const VICTIM = "198.51.100.77";
const GREEN = TLP2_DEFINITIONS.green.id;

const POLICY: Policy = scenarioPolicy();

const ip: StixObject = {
	type: "ipv4-addr",
	spec_version: "2.1",
	id: scoId({ type: "ipv4-addr", value: VICTIM }) as string,
	value: VICTIM,
	object_marking_refs: [GREEN],
	x_entente_role: "victim",
};
const indicator: StixObject = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--5b0a3a52-3f55-4d1c-9a0e-6b1f2d2c0a11",
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	created_by_ref: NCA,
	name: "C2 seen at a victim",
	pattern: "[domain-name:value = 'c2.example.net']",
	pattern_type: "stix",
	valid_from: "2025-05-01T00:00:00Z",
	object_marking_refs: [GREEN],
};

describe("the NCA–bank agreement ends: the bank is still judged under its restrictions (D34)", () => {
	let now = END - 1;
	let node: ScenarioNode;
	before(async () => {
		node = await openScenarioNode({ nodeName: SCENARIO_NODE, parties: POLICY, now: () => new Date(now) });
		await node.applyPolicy(POLICY);
		await node.ingest([ip, indicator], NCA);
	});
	after(() => node.close());

	/** Every path the bank reads the two objects by, as text. */
	async function bankReads(purpose: Purpose): Promise<[string, { status: number; text: string }][]> {
		const paths = [
			`${ROOT}/objects/?limit=100`,
			`${ROOT}/manifest/?limit=100`,
			`${ROOT}/objects/${ip.id}/`,
			`${ROOT}/objects/${ip.id}/versions/`,
			`${API}/objects?limit=100`,
			`${API}/objects/${ip.id}`,
			`${API}/objects?limit=100&q=${encodeURIComponent(VICTIM)}`,
		];
		return Promise.all(paths.map(async (path) => [path, await node.get(path, BANK, purpose)] as const));
	}

	it("never shows the bank the raw victim IP or its SCO id, from 1 ms before the end to a year after", async () => {
		for (const at of [END - 1, END, END + 1, END + 365 * 86_400_000]) {
			now = at;
			const listed = await node.get(`${ROOT}/objects/?limit=100`, BANK, "network-defence");
			assert.equal(listed.status, 200);
			const objects = (JSON.parse(listed.text) as { objects?: StixObject[] }).objects ?? [];
			const pseudonym = objects.find((o) => o.type === "ipv4-addr");
			assert.ok(
				pseudonym !== undefined,
				`${new Date(at).toISOString()}: the bank still receives the IP, transformed`,
			);
			assert.notEqual(pseudonym.value, VICTIM);
			assert.ok(
				objects.some((o) => o.id === indicator.id),
				"the indicator still reaches the bank",
			);
			for (const [path, { text }] of await bankReads("network-defence")) {
				assert.ok(!text.includes(VICTIM), `${new Date(at).toISOString()} ${path}: the raw value leaked`);
				assert.ok(!text.includes(ip.id), `${new Date(at).toISOString()} ${path}: the SCO id leaked`);
			}
		}
	});

	it("keeps refusing a purpose the ended agreement did not allow", async () => {
		for (const at of [END - 1, END, END + 1]) {
			now = at;
			const listed = await node.get(`${ROOT}/objects/?limit=100`, BANK, "criminal-investigation");
			const objects = (JSON.parse(listed.text) as { objects?: StixObject[] }).objects ?? [];
			assert.deepEqual(objects, [], `${new Date(at).toISOString()}: nothing for criminal investigation`);
		}
	});

	it("says so in the trace the operator reads", async () => {
		now = END + 1;
		const explained = await node.gate.explain(
			(await node.store.query({ ids: [ip.id], limit: 1 })).items[0] as never,
			BANK,
			"network-defence",
		);
		assert.equal(explained.verdict, "transformed");
		assert.match(
			explained.trace.find((s) => s.rule === "field.agreement")?.reason ?? "",
			/\(ended, and still binding\) requires victim ipv4-addr to be pseudonymised/,
		);
	});
});
