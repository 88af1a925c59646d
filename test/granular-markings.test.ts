// D33 regressions: content under a granular marking the recipient may not receive never leaves, for list
// selectors too, over TAXII and REST, and the copy it receives is valid STIX with its markings re-based.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StixObject } from "../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { validateObject } from "../src/stix/validate/index.ts";
import type { ModelParty, ModelWorld } from "./model/entitlement-model.ts";
import { policyOf } from "./model/model-node.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const party = (n: number, local = false): ModelParty => ({
	id: `identity--d0000000-0000-4000-8000-00000000000${n}`,
	local,
	suspended: false,
	sector: "cert",
	jurisdiction: "GB",
	inPolicy: true,
});
const LOCAL = party(1, true);
const PARTNER = party(2);
const NEIGHBOUR = party(3);
// PARTNER and NEIGHBOUR share a community: TLP:GREEN between them directly, never relayed by this node without leave.
const WORLD: ModelWorld = {
	parties: [LOCAL, PARTNER, NEIGHBOUR],
	agreements: [],
	communities: [{ id: "neighbours", members: [PARTNER.id, NEIGHBOUR.id] }],
	objects: [],
};
const ROOT = "/taxii2/api/collections/all";
const T = "2025-01-01T00:00:00.000Z";
const CLEAR = TLP2_DEFINITIONS.clear.id;
const RED = TLP2_DEFINITIONS.red.id;

const indicator = (n: number): StixObject =>
	({
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-0000000000${String(n).padStart(2, "0")}`,
		created: T,
		modified: T,
		name: `granular ${n}`,
		pattern: `[domain-name:value = 'g${n}.example']`,
		pattern_type: "stix",
		valid_from: T,
		object_marking_refs: [CLEAR],
		external_references: [
			{ source_name: "vendor", url: "https://vendor.example/1", description: "CANARY-REF-DESCRIPTION" },
			{ source_name: "public", url: "https://public.example/2" },
		],
		kill_chain_phases: [
			{ kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "reconnaissance" },
			{ kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "CANARY-PHASE" },
			{ kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "actions-on-objectives" },
		],
		granular_markings: [
			{
				marking_ref: RED,
				selectors: ["external_references.[0].description", "kill_chain_phases.[1].phase_name"],
			},
			{ marking_ref: CLEAR, selectors: ["kill_chain_phases.[2].phase_name", "external_references.[1].url"] },
			{ lang: "en", selectors: ["kill_chain_phases.[2]"] },
		],
	}) as StixObject;

describe("granular markings hold for every selector form over HTTP (D33)", () => {
	let node: ScenarioNode;
	const taxiiPosted = indicator(1);
	const restPosted = indicator(2);

	before(async () => {
		node = await openScenarioNode({ nodeName: "model-node", parties: policyOf(WORLD) });
		await node.applyPolicy(policyOf(WORLD));
		const taxii = await node.request(`${ROOT}/objects/`, LOCAL.id, {
			method: "POST",
			headers: { "Content-Type": "application/taxii+json;version=2.1" },
			body: JSON.stringify({ objects: [taxiiPosted] }),
		});
		assert.equal(taxii.status, 202, await taxii.text());
		const rest = await node.request("/api/v1/objects", LOCAL.id, {
			method: "POST",
			headers: { "Content-Type": "application/json", Accept: "application/json" },
			body: JSON.stringify({ objects: [restPosted] }),
		});
		assert.equal(rest.status, 200, await rest.text());
	});
	after(() => node.close());

	/** Every copy of `id` the viewer reads: TAXII object, TAXII page, REST object, REST page, export. */
	const copies = async (viewer: string, id: string): Promise<StixObject[]> => {
		const out: StixObject[] = [];
		const taxiiOne = await node.get(`${ROOT}/objects/${id}/`, viewer);
		assert.equal(taxiiOne.status, 200, taxiiOne.text);
		out.push(...(JSON.parse(taxiiOne.text) as { objects: StixObject[] }).objects);
		const taxiiPage = await node.get(`${ROOT}/objects/?match[type]=indicator`, viewer);
		out.push(...(JSON.parse(taxiiPage.text) as { objects: StixObject[] }).objects.filter((o) => o.id === id));
		const restOne = await node.get(`/api/v1/objects/${id}`, viewer);
		assert.equal(restOne.status, 200, restOne.text);
		const body = JSON.parse(restOne.text) as { object?: StixObject } & StixObject;
		out.push(body.object ?? body);
		const exported = await node.exportAs(viewer, { types: ["indicator"], versions: ["last"] });
		out.push(...exported.objects.filter((o) => o.id === id));
		assert.equal(out.length, 4, "every path answers");
		return out;
	};

	for (const [how, posted] of [
		["TAXII", taxiiPosted],
		["REST", restPosted],
	] as const) {
		it(`${how}-published: a partner receives neither RED part, and a valid copy whose markings point at what is left`, async () => {
			for (const copy of await copies(PARTNER.id, posted.id)) {
				const text = JSON.stringify(copy);
				assert.doesNotMatch(text, /CANARY/);
				assert.deepEqual(
					validateObject(copy).filter((issue) => issue.severity === "error"),
					[],
					"the released copy validates",
				);
				assert.deepEqual(copy.external_references, [
					{ source_name: "vendor", url: "https://vendor.example/1" },
					{ source_name: "public", url: "https://public.example/2" },
				]);
				assert.deepEqual(
					(copy.kill_chain_phases as { phase_name: string }[]).map((p) => p.phase_name),
					["reconnaissance", "actions-on-objectives"],
				);
				assert.deepEqual(copy.granular_markings, [
					{
						marking_ref: CLEAR,
						selectors: ["kill_chain_phases.[1].phase_name", "external_references.[1].url"],
					},
					{ lang: "en", selectors: ["kill_chain_phases.[1]"] },
				]);
			}
		});

		it(`${how}-published: the node's own organisation receives everything as stored`, async () => {
			for (const copy of await copies(LOCAL.id, posted.id)) {
				assert.deepEqual(copy.granular_markings, posted.granular_markings);
				assert.match(JSON.stringify(copy), /CANARY-PHASE/);
			}
		});
	}

	it("a partner's TLP:GREEN fields are not relayed to another partner without the originator's leave", async () => {
		const relayed = {
			...indicator(4),
			granular_markings: [
				{
					marking_ref: TLP2_DEFINITIONS.green.id,
					selectors: ["external_references.[0].description", "kill_chain_phases.[1].phase_name"],
				},
			],
		} as StixObject;
		const posted = await node.request(`${ROOT}/objects/`, PARTNER.id, {
			method: "POST",
			headers: { "Content-Type": "application/taxii+json;version=2.1" },
			body: JSON.stringify({ objects: [relayed] }),
		});
		assert.equal(posted.status, 202);
		for (const copy of await copies(NEIGHBOUR.id, relayed.id)) {
			assert.doesNotMatch(JSON.stringify(copy), /CANARY/);
			assert.equal(copy.granular_markings, undefined);
		}
		for (const copy of await copies(PARTNER.id, relayed.id))
			assert.match(JSON.stringify(copy), /CANARY-PHASE/);
	});

	it("a selector that does not resolve is refused at publish, naming the selector", async () => {
		const broken = {
			...indicator(3),
			granular_markings: [{ marking_ref: RED, selectors: ["kill_chain_phases.[3].phase_name"] }],
		};
		const rest = await node.request("/api/v1/objects", PARTNER.id, {
			method: "POST",
			headers: { "Content-Type": "application/json", Accept: "application/json" },
			body: JSON.stringify({ objects: [broken] }),
		});
		const text = await rest.text();
		assert.match(text, /kill_chain_phases\.\[3\]\.phase_name/);
		assert.match(text, /kill_chain_phases has 3 items, no \[3\]/);
		const taxii = await node.request(`${ROOT}/objects/`, PARTNER.id, {
			method: "POST",
			headers: { "Content-Type": "application/taxii+json;version=2.1" },
			body: JSON.stringify({ objects: [broken] }),
		});
		const status = JSON.parse(await taxii.text()) as {
			failure_count: number;
			failures?: { message?: string }[];
		};
		assert.equal(status.failure_count, 1);
		assert.match(JSON.stringify(status.failures), /kill_chain_phases\.\[3\]\.phase_name/);
		assert.equal((await node.store.getVersions(broken.id, ["all"])).length, 0);
	});
});
