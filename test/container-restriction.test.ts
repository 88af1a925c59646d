// D33 regressions: a container restricts only its own copy. A partner's TLP:RED report (or derived-from claim)
// naming another organisation's object never changes how that object is released, over TAXII and REST.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StixObject } from "../src/stix/core.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import type { ModelParty, ModelWorld } from "./model/entitlement-model.ts";
import { policyOf } from "./model/model-node.ts";
import { openScenarioNode, type ScenarioNode } from "./support/scenario-node.ts";

const party = (n: number, local = false): ModelParty => ({
	id: `identity--c0000000-0000-4000-8000-00000000000${n}`,
	local,
	suspended: false,
	sector: "cert",
	jurisdiction: "GB",
	inPolicy: true,
});
const L = party(1, true);
const L2 = party(2, true);
const A = party(3);
const B = party(4);
const C = party(5);
const WORLD: ModelWorld = { parties: [L, L2, A, B, C], agreements: [], communities: [], objects: [] };

const ROOT = "/taxii2/api/collections/all";
const T0 = "2025-01-01T00:00:00.000Z";
const T1 = "2025-01-02T00:00:00.000Z";
const CLEAR = TLP2_DEFINITIONS.clear.id;
const RED = TLP2_DEFINITIONS.red.id;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const indicator = (n: number, createdBy: string, modified = T0, name = `indicator ${n}`): StixObject =>
	({
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--${uuid(n)}`,
		created: T0,
		modified,
		created_by_ref: createdBy,
		name,
		pattern: `[domain-name:value = 'c${n}.example']`,
		pattern_type: "stix",
		valid_from: T0,
		object_marking_refs: [CLEAR],
	}) as StixObject;
const report = (n: number, createdBy: string, refs: string[]): StixObject =>
	({
		type: "report",
		spec_version: "2.1",
		id: `report--${uuid(n)}`,
		created: T0,
		modified: T0,
		created_by_ref: createdBy,
		name: `report ${n}`,
		published: T0,
		object_refs: refs,
		object_marking_refs: [RED],
	}) as StixObject;
const derivedFrom = (n: number, createdBy: string, source: string, target: string): StixObject =>
	({
		type: "relationship",
		spec_version: "2.1",
		id: `relationship--${uuid(n)}`,
		created: T0,
		modified: T0,
		created_by_ref: createdBy,
		relationship_type: "derived-from",
		source_ref: source,
		target_ref: target,
		object_marking_refs: [RED],
	}) as StixObject;

describe("a container restricts only its own copy (D33)", () => {
	let node: ScenarioNode;
	const post = async (poster: string, objects: StixObject[]): Promise<void> => {
		const response = await node.request(`${ROOT}/objects/`, poster, {
			method: "POST",
			headers: { "Content-Type": "application/taxii+json;version=2.1" },
			body: JSON.stringify({ objects }),
		});
		const text = await response.text();
		assert.equal(response.status, 202, text);
		assert.equal((JSON.parse(text) as { failure_count: number }).failure_count, 0, text);
	};
	/** Whether `viewer` receives `id` on TAXII's object endpoint and REST's, and the name it reads. */
	const receives = async (viewer: string, id: string): Promise<string | undefined> => {
		const taxii = await node.get(`${ROOT}/objects/${id}/`, viewer);
		const rest = await node.get(`/api/v1/objects/${id}`, viewer);
		assert.equal(taxii.status === 200, rest.status === 200, `TAXII ${taxii.status}, REST ${rest.status}`);
		if (taxii.status !== 200) return undefined;
		const [object] = (JSON.parse(taxii.text) as { objects: StixObject[] }).objects;
		return String(object?.name);
	};

	before(async () => {
		node = await openScenarioNode({ nodeName: "model-node", parties: policyOf(WORLD) });
		await node.applyPolicy(policyOf(WORLD));
	});
	after(() => node.close());

	it("a partner's RED report naming A's CLEAR indicator hides nothing of A's, and A's next version still reaches C", async () => {
		const mine = indicator(1, A.id);
		await post(A.id, [mine]);
		await post(B.id, [report(1, B.id, [mine.id])]);
		for (const viewer of [A, C, L, B])
			assert.equal(await receives(viewer.id, mine.id), "indicator 1", viewer.id);
		await post(A.id, [indicator(1, A.id, T1, "indicator 1, second version")]);
		for (const viewer of [A, C, L])
			assert.equal(await receives(viewer.id, mine.id), "indicator 1, second version", viewer.id);
		// B's report goes only where its own RED marking lets it: its own house, not A, C nor the node.
		const reportId = `report--${uuid(1)}`;
		assert.equal(await receives(B.id, reportId), "report 1");
		for (const viewer of [A, C, L]) assert.equal(await receives(viewer.id, reportId), undefined, viewer.id);
	});

	it("a partner's derived-from claim onto its own RED object does not restrict A's object", async () => {
		const mine = indicator(2, A.id);
		const theirs = { ...indicator(3, B.id), object_marking_refs: [RED] } as StixObject;
		await post(A.id, [mine]);
		await post(B.id, [theirs, derivedFrom(1, B.id, mine.id, theirs.id)]);
		for (const viewer of [A, C, L])
			assert.equal(await receives(viewer.id, mine.id), "indicator 2", viewer.id);
	});

	it("an originator's own RED container or derived-from still restricts its object, as before", async () => {
		const contained = indicator(4, A.id);
		const derived = indicator(5, A.id);
		const source = { ...indicator(6, A.id), object_marking_refs: [RED] } as StixObject;
		await post(A.id, [contained, report(2, A.id, [contained.id])]);
		await post(A.id, [derived, source, derivedFrom(2, A.id, derived.id, source.id)]);
		for (const id of [contained.id, derived.id]) {
			assert.ok((await receives(A.id, id)) !== undefined, `A keeps its own ${id}`);
			assert.equal(await receives(C.id, id), undefined, `C may not receive ${id}`);
		}
	});

	it("the node's own organisations are one house: a local RED report restricts another local party's object", async () => {
		const ours = indicator(7, L.id);
		await node.ingest([ours], L.id);
		await node.ingest([report(3, L2.id, [ours.id])], L2.id);
		assert.equal(await receives(L.id, ours.id), "indicator 7");
		assert.equal(await receives(C.id, ours.id), undefined);
		// …but a local party's container of a partner's object restricts only the container.
		const partners = indicator(8, A.id);
		await post(A.id, [partners]);
		await node.ingest([report(4, L.id, [partners.id])], L.id);
		assert.equal(await receives(C.id, partners.id), "indicator 8");
	});
});
