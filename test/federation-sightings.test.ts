// Sightings through federation between real nodes (D49): B sights A's indicator and the sighting goes back to A,
// its originator; C, which an agreement with B would otherwise let receive it, does not, because the sighting's
// audience names only A; each node counts only the sightings it holds and may see. A sighting pushed by B that
// claims to have been made at another organisation is refused as an impersonation.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadKeyRing } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, connect, eventually, indicator, TestNode, TLP } from "./support/federation-net.ts";
import { pushItems, signedItem } from "./support/peer-voice.ts";

const { dir, remove } = scratch("federation-sightings");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");
const c = new TestNode(dir, "node-c");
const nodes = [a, b, c];
/**
 * TLP:CLEAR, so B may relay it to C: a sighting names what it sights, and a reference C may not receive from B
 * would withhold the sighting from C whatever its audience (D32), leaving nothing for the audience to prove.
 */
const SIGHTED = indicator(1, { marking: TLP.clear });

/** A REST call as the node's admin; the JSON answer (asserts 200). */
async function rest<T>(node: TestNode, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${node.url}/api/v1${path}`, {
		headers: { authorization: `Bearer ${node.token}`, "content-type": "application/json" },
		...(body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }),
	});
	const text = await response.text();
	assert.equal(response.status, 200, `${node.name} ${path}: ${text}`);
	return JSON.parse(text) as T;
}

const held = async (node: TestNode, id: string): Promise<boolean> => (await node.versions(id)).length > 0;

interface Summary {
	kinds: Record<string, { count: number }>;
	organisations: { id: string; name?: string; latestKind: string }[];
	explanation: string;
}

before(async () => {
	await Promise.all(nodes.map((node) => node.init()));
	const links: [TestNode, TestNode][] = [
		[a, b],
		[a, c],
		[b, c],
	];
	await Promise.all(nodes.map((node) => applyPolicy(node, nodes, links)));
	await Promise.all(nodes.map((node) => node.serve()));
	await connect(a, b, "node-a-node-b");
	await connect(a, c, "node-a-node-c");
	await connect(b, c, "node-b-node-c");
});

after(async () => {
	await Promise.all(nodes.map((node) => node.stop()));
	remove();
});

describe("sightings through federation (D49)", () => {
	let backToOriginator = "";
	let forEveryone = "";

	it("B's sighting of A's indicator reaches A; C, whom only the markings would let receive it, never gets it", async () => {
		await a.publish([SIGHTED]);
		await eventually(
			"the indicator at B and C",
			async () => (await held(b, String(SIGHTED.id))) && held(c, String(SIGHTED.id)),
		);
		const recorded = await rest<{ status: string; sighting: StixObject }>(b, "/sightings", {
			sighting_of_ref: SIGHTED.id,
			kind: "seen",
			count: 3,
			object_marking_refs: [TLP.green],
		});
		assert.equal(recorded.status, "stored");
		backToOriginator = recorded.sighting.id;
		assert.deepEqual(recorded.sighting.x_entente_audience, { parties: [a.organizationId] });
		// The control: the same kind of object left to the markings goes to both of B's partners.
		const control = await rest<{ sighting: StixObject }>(b, "/sightings", {
			sighting_of_ref: SIGHTED.id,
			kind: "false-positive",
			object_marking_refs: [TLP.green],
			audience: "markings",
		});
		forEveryone = control.sighting.id;
		await eventually(
			"both sightings at A",
			async () => (await held(a, backToOriginator)) && held(a, forEveryone),
		);
		// B's outbox to C follows B's commit order: the control arriving means the first was judged and withheld.
		await eventually("the control at C", () => held(c, forEveryone));
		assert.equal(await held(c, backToOriginator), false);
		const atA = (await a.versions(backToOriginator))[0];
		assert.equal(atA?.created_by_ref, b.organizationId);
		assert.equal(atA?.sighting_of_ref, SIGHTED.id);
	});

	it("each node counts the sightings it may see: A and B both, with B named; C only the control", async () => {
		const atB = await rest<Summary>(b, `/objects/${SIGHTED.id}/sightings`);
		assert.deepEqual([atB.kinds.seen?.count, atB.kinds["false-positive"]?.count], [3, 1]);
		const atA = await rest<Summary>(a, `/objects/${SIGHTED.id}/sightings`);
		assert.equal(atA.kinds.seen?.count, 3);
		assert.equal(atA.kinds["false-positive"]?.count, 1);
		assert.deepEqual(
			atA.organisations.map((o) => [o.id, o.name, o.latestKind]),
			[[b.organizationId, "node-b organisation", "false-positive"]],
		);
		assert.match(
			atA.explanation,
			/^Seen 3 times by 1 organisation, last today; 1 false positive from node-b organisation\./,
		);
		const atC = await rest<Summary>(c, `/objects/${SIGHTED.id}/sightings`);
		assert.equal(atC.kinds.seen?.count, 0);
		assert.equal(atC.kinds["false-positive"]?.count, 1);
		assert.match(atC.explanation, /^No sightings reported; 1 false positive from node-b organisation\./);
	});

	it("refuses a sighting B pushes as made at another organisation (C), as any impersonation", async () => {
		const ringB = await loadKeyRing(b.data);
		const forged = {
			type: "sighting",
			spec_version: "2.1",
			id: "sighting--0f0f0f0f-0000-4000-8000-000000000001",
			created: "2026-01-01T00:00:00.000Z",
			modified: "2026-01-01T00:00:00.000Z",
			created_by_ref: b.organizationId,
			where_sighted_refs: [c.organizationId],
			sighting_of_ref: SIGHTED.id,
			object_marking_refs: [TLP.green],
		} as StixObject;
		const [result] = await pushItems(a.url, [signedItem(forged, b.organizationId, ringB)], ringB);
		assert.equal(result?.status, "refused", JSON.stringify(result));
		assert.match(
			result?.reason ?? "",
			/where_sighted_refs names identity--.*another organisation; a partner reports only its own sightings/,
		);
		assert.equal(await held(a, String(forged.id)), false);
	});
});
