// A transformed observable can be fetched by the new id it was released under (D29), only by the party that
// received it under that id: anyone else, and an unknown id, get the missing object's 404 byte for byte.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Purpose } from "../src/policy/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { IDS, MARKS, REFERENCE_POLICY, victimIp } from "./fixtures/reference-scenario.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const INVESTIGATION: Purpose = "criminal-investigation";
const IP = victimIp([MARKS.amber]);
const VALUE = "203.0.113.9";
const REPORT: StixObject = {
	type: "report",
	spec_version: "2.1",
	id: "report--0b6f5a3c-0000-4000-8000-0000000000d9",
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	name: "victim seen",
	published: "2025-05-01T00:00:00Z",
	object_refs: [IP.id],
	object_marking_refs: [MARKS.amber],
};
const UNKNOWN = "ipv4-addr--00000000-0000-5000-8000-0000000000d9";

/** Every path that answers one object by id, for `id`. */
const pathsOf = (id: string): string[] => [
	`${ROOT}/objects/${id}/`,
	`${ROOT}/objects/${id}/versions/`,
	`${API}/objects/${id}`,
	`${API}/objects/${id}/versions`,
];

describe("a transformed observable fetched by its new id (D29)", () => {
	let node: ScenarioNode;
	let derived: string;

	before(async () => {
		node = await openScenarioNode({ nodeName: "uk-nca-node", parties: REFERENCE_POLICY });
		await node.applyPolicy(REFERENCE_POLICY);
		await node.ingest([IP, REPORT], IDS.nca);
		// Colombia receives the victim's IP pseudonymised: the report it pages names the copy's new id.
		const page = await node.get(`${ROOT}/objects/?match[type]=report`, IDS.coPolice, INVESTIGATION);
		assert.equal(page.status, 200, page.text);
		const [report] = (JSON.parse(page.text) as { objects: StixObject[] }).objects;
		const refs = (report?.object_refs ?? []) as string[];
		const ip = refs.find((ref) => ref.startsWith("ipv4-addr--"));
		assert.ok(ip !== undefined && ip !== IP.id, `a new id in ${JSON.stringify(refs)}`);
		derived = ip;
	});
	after(() => node.close());

	it("answers the party that received it, on TAXII and REST, with the transformed copy", async () => {
		for (const path of pathsOf(derived)) {
			const answer = await node.get(path, IDS.coPolice, INVESTIGATION);
			assert.equal(answer.status, 200, `${path}: ${answer.text}`);
			assert.ok(!answer.text.includes(VALUE), `${path} never carries the original value`);
			assert.ok(!answer.text.includes(IP.id), `${path} never carries the original id`);
		}
		const taxii = JSON.parse(
			(await node.get(`${ROOT}/objects/${derived}/`, IDS.coPolice, INVESTIGATION)).text,
		);
		assert.equal(taxii.objects.length, 1);
		assert.equal(taxii.objects[0].id, derived);
		assert.equal(taxii.objects[0].type, "ipv4-addr");
		assert.equal(typeof taxii.objects[0].value, "string");
		const versions = JSON.parse(
			(await node.get(`${ROOT}/objects/${derived}/versions/`, IDS.coPolice, INVESTIGATION)).text,
		);
		assert.equal(versions.versions.length, 1);
		const rest = JSON.parse((await node.get(`${API}/objects/${derived}`, IDS.coPolice, INVESTIGATION)).text);
		assert.equal(rest.object.id, derived);
		assert.equal(rest.object.value, taxii.objects[0].value, "the same copy on both protocols");
		const restVersions = JSON.parse(
			(await node.get(`${API}/objects/${derived}/versions`, IDS.coPolice, INVESTIGATION)).text,
		);
		assert.equal(restVersions.id, derived);
		assert.deepEqual(
			restVersions.items.map((item: { object: StixObject }) => item.object.id),
			[derived],
		);
	});

	it("answers anyone else exactly as a missing object: entitled in full or not entitled", async () => {
		const askers: [string, Purpose][] = [
			[IDS.fbi, INVESTIGATION],
			[IDS.uniCert, "research"],
		];
		for (const [party, purpose] of askers)
			for (const [index, path] of pathsOf(derived).entries()) {
				const missing = await node.get(pathsOf(UNKNOWN)[index] ?? "", party, purpose);
				assert.equal(missing.status, 404, missing.text);
				const answer = await node.get(path, party, purpose);
				assert.deepEqual(answer, missing, `${party} ${purpose} ${path}`);
			}
	});

	it("answers a party treated the same way (pseudonyms are node-wide) with the copy released to it", async () => {
		const answer = await node.get(`${API}/objects/${derived}`, IDS.bank, "network-defence");
		assert.equal(answer.status, 200, answer.text);
		const { object } = JSON.parse(answer.text) as { object: StixObject };
		assert.equal(object.id, derived);
		assert.ok(!answer.text.includes(VALUE));
		assert.ok(!answer.text.includes("law.transfer"), "the bank's own copy, not Colombia's");
	});

	it("answers an unknown id with the missing object's 404, for the party that holds derived ids too", async () => {
		for (const path of pathsOf(UNKNOWN)) {
			const answer = await node.get(path, IDS.coPolice, INVESTIGATION);
			assert.equal(answer.status, 404, `${path}: ${answer.text}`);
			assert.ok(!answer.text.includes(VALUE));
		}
	});
});
