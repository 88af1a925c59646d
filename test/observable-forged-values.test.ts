// D31, forged values: an observable's id names one value. A partner that states another value under an id
// (a MISP attribute uuid, or the UUIDv5 of someone else's value) never has it served to anyone else, whether
// it posts before or after the honest contributor; it reads its own statement back, and two contributors
// stating the same value under one uuid4 id both still go out.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { partyNamed, SCENARIO_NODE, scenarioPolicy } from "./fixtures/reference-scenario-policy.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const ROOT = "/taxii2/api/collections/all";
const CLEAR = TLP2_DEFINITIONS.clear.id;
const PURPOSE = "criminal-investigation";
const FORGED = "6.6.6.6";

const POLICY = scenarioPolicy();
const UK = partyNamed(POLICY, "UK National Crime");
const FBI = partyNamed(POLICY, "US Federal");
const NL = partyNamed(POLICY, "Dutch");

const ip = (id: string, value: string): StixObject =>
	({ type: "ipv4-addr", spec_version: "2.1", id, value, object_marking_refs: [CLEAR] }) as StixObject;

/** POST /api/v1/objects as `party`: each object's status. */
async function publish(node: ScenarioNode, party: string, objects: readonly StixObject[]): Promise<string[]> {
	const response = await node.request("/api/v1/objects", party, {
		method: "POST",
		headers: { "Content-Type": "application/json", Accept: "application/json" },
		body: JSON.stringify({ objects }),
	});
	const text = await response.text();
	assert.equal(response.status, 200, text);
	return (JSON.parse(text) as { results: { status: string }[] }).results.map((r) => r.status);
}

/** POST /api/v1/import/misp as `party`: one TLP:CLEAR event holding one ip-dst attribute under `uuid`. */
async function importMisp(node: ScenarioNode, party: string, uuid: string, value: string): Promise<void> {
	const response = await node.request("/api/v1/import/misp", party, {
		method: "POST",
		headers: { "Content-Type": "application/json", Accept: "application/json" },
		body: JSON.stringify({
			Event: {
				uuid: randomUUID(),
				info: "campaign",
				timestamp: "1700000000",
				Tag: [{ name: "tlp:clear" }],
				Attribute: [{ uuid, type: "ip-dst", category: "Network activity", to_ids: false, value }],
			},
		}),
	});
	assert.equal(response.status, 200, await response.clone().text());
}

/** Every ipv4-addr value `party` is served for `id`, by TAXII (object, page of its type) and REST. */
async function valuesServed(node: ScenarioNode, party: string, id: string): Promise<string[]> {
	const values: string[] = [];
	for (const path of [`${ROOT}/objects/${id}/`, `${ROOT}/objects/?match[type]=ipv4-addr`]) {
		const read = await node.get(path, party, PURPOSE);
		const objects = (JSON.parse(read.text) as { objects?: StixObject[] }).objects ?? [];
		for (const object of objects) if (object.id === id) values.push(`taxii:${String(object.value)}`);
	}
	const rest = await node.get(`/api/v1/objects/${id}`, party, PURPOSE);
	if (rest.status === 200)
		values.push(`rest:${String((JSON.parse(rest.text) as { object: StixObject }).object.value)}`);
	return values;
}

describe("an observable's id names one value (D31, forged values)", () => {
	let node: ScenarioNode;
	before(async () => {
		node = await openScenarioNode({ nodeName: SCENARIO_NODE, parties: POLICY });
		await node.applyPolicy(POLICY, "reference scenario");
	});
	after(() => node?.close());

	const honestValue = (n: number): string => `104.168.174.${n}`;
	const cases = [
		{ name: "a MISP attribute uuid, forger second", derived: false, forgerFirst: false },
		{ name: "the value's derived id, forger second", derived: true, forgerFirst: false },
		{ name: "the value's derived id, forger first", derived: true, forgerFirst: true },
	];
	let n = 10;
	for (const { name, derived, forgerFirst } of cases) {
		it(`REST publish under ${name}: the third party never sees the forged value; the forger reads its own`, async () => {
			const value = honestValue(n++);
			const id = derived ? (scoId({ type: "ipv4-addr", value }) ?? "") : `ipv4-addr--${randomUUID()}`;
			const steps: [string, string][] = [
				[UK, value],
				[FBI, FORGED],
			];
			if (forgerFirst) steps.reverse();
			const statuses: string[] = [];
			for (const [party, stated] of steps) statuses.push(...(await publish(node, party, [ip(id, stated)])));
			// Forger second: the forged statement is quarantined at the store, not only withheld.
			assert.deepEqual(statuses, forgerFirst ? ["stored", "stored"] : ["stored", "quarantined"]);
			const third = await valuesServed(node, NL, id);
			assert.deepEqual(third, [`taxii:${value}`, `taxii:${value}`, `rest:${value}`]);
			assert.deepEqual(await valuesServed(node, UK, id), [
				`taxii:${value}`,
				`taxii:${value}`,
				`rest:${value}`,
			]);
			const own = forgerFirst ? FORGED : value;
			assert.deepEqual(await valuesServed(node, FBI, id), [`taxii:${own}`, `taxii:${own}`, `rest:${own}`]);
		});
	}

	it("MISP import of a modified event: the UK's attribute uuid with another value reaches nobody else", async () => {
		const uuid = randomUUID();
		const value = honestValue(n++);
		await importMisp(node, UK, uuid, value);
		await importMisp(node, FBI, uuid, FORGED);
		const id = `ipv4-addr--${uuid}`;
		const quarantined = await node.store.listQuarantine(100);
		assert.ok(
			quarantined.some((q) => q.id === id && /another contributor stated a different value/.test(q.reason)),
			JSON.stringify(quarantined),
		);
		assert.deepEqual(await valuesServed(node, NL, id), [`taxii:${value}`, `taxii:${value}`, `rest:${value}`]);
	});

	it("forger first under a derived id the third party may not receive: it is served nothing, not the forged value", async () => {
		const value = honestValue(n++);
		const id = scoId({ type: "ipv4-addr", value }) ?? "";
		assert.deepEqual(await publish(node, FBI, [ip(id, FORGED)]), ["stored"]);
		const red = {
			...ip(id, value),
			object_marking_refs: [TLP2_DEFINITIONS.red.id],
			x_entente_role: "victim",
		};
		assert.deepEqual(await publish(node, UK, [red]), ["stored"]);
		assert.deepEqual(await valuesServed(node, NL, id), []);
		assert.deepEqual(await valuesServed(node, FBI, id), [
			`taxii:${FORGED}`,
			`taxii:${FORGED}`,
			`rest:${FORGED}`,
		]);
		assert.deepEqual(await valuesServed(node, UK, id), [`taxii:${value}`, `taxii:${value}`, `rest:${value}`]);
	});

	it("two contributors stating the same value under one uuid4 id: both stored, each served", async () => {
		const value = honestValue(n++);
		const id = `ipv4-addr--${randomUUID()}`;
		assert.deepEqual(await publish(node, UK, [ip(id, value)]), ["stored"]);
		assert.deepEqual(await publish(node, FBI, [ip(id, value)]), ["stored"]);
		for (const party of [UK, FBI, NL])
			assert.deepEqual(await valuesServed(node, party, id), [
				`taxii:${value}`,
				`taxii:${value}`,
				`rest:${value}`,
			]);
	});
});
