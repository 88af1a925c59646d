// Issue 10 §2 across federation: a real signed push of observables whose references name a victim's address
// (pseudonymised for the peer) and a TLP:RED one (not for the peer). Pushed in two batches, the peer's copy of
// the traffic names the id the address reached it under in the first; no original SCO id or value reaches it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { scoId } from "../src/stix/ids/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { scratch } from "./support/cli.ts";
import { holdsAll } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, TestNode, TLP } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-references");
const a = new TestNode(dir, "node-a", { ENTENTE_FEDERATION_RETRY_MAX_MS: "400" });
const b = new TestNode(dir, "node-b");
const PSEUDONYMISE_VICTIMS = "{ objectType: ipv4-addr, role: victim, treatment: pseudonymise }";

function observable(
	body: Record<string, unknown> & { type: string },
): Record<string, unknown> & { id: string } {
	const object = { spec_version: "2.1", id: "", ...body };
	const id = scoId(object);
	assert.ok(id !== undefined);
	return { ...object, id };
}

const VICTIM = observable({
	type: "ipv4-addr",
	value: "203.0.113.9",
	x_entente_role: "victim",
	object_marking_refs: [TLP.green],
});
const SECRET = observable({
	type: "ipv4-addr",
	value: "198.51.100.66",
	object_marking_refs: [TLP2_DEFINITIONS.red.id],
});
const TRAFFIC = observable({
	type: "network-traffic",
	src_ref: VICTIM.id,
	dst_ref: SECRET.id,
	dst_port: 443,
	protocols: ["tcp"],
	object_marking_refs: [TLP.green],
});
const DOMAIN = observable({
	type: "domain-name",
	value: "c2.example",
	resolves_to_refs: [VICTIM.id, SECRET.id],
	object_marking_refs: [TLP.green],
});
const REPORT = {
	type: "report",
	spec_version: "2.1",
	id: "report--0b6f5a3c-0000-4000-8000-0000000000f1",
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	name: "c2 traffic",
	published: "2025-05-01T00:00:00Z",
	object_refs: [TRAFFIC.id, DOMAIN.id],
	object_marking_refs: [TLP.green],
};

type Exported = { objects: Record<string, unknown>[] };
const exportOf = async (node: TestNode): Promise<{ text: string; objects: Record<string, unknown>[] }> => {
	const text = await node.entente("export", "--all-versions");
	return { text, objects: (JSON.parse(text) as Exported).objects };
};

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await Promise.all([
		applyPolicy(a, [a, b], [[a, b]], { treatments: [PSEUDONYMISE_VICTIMS] }),
		applyPolicy(b, [a, b], [[a, b]]),
	]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "node-a-node-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("reference closure across federation (issue 10 §2)", () => {
	it("a later batch's references carry the id the address was pushed under; hidden ones never leave", async () => {
		await a.publish([VICTIM, SECRET]);
		await eventually("node-a holds both addresses", () => holdsAll(a, [VICTIM.id, SECRET.id]));
		let derived: string | undefined;
		await eventually("the victim's address reaches node-b pseudonymised", async () => {
			derived = (await exportOf(b)).objects.find((o) => o.type === "ipv4-addr")?.id as string | undefined;
			return derived !== undefined;
		});
		assert.ok(derived !== undefined && derived !== VICTIM.id);
		await a.publish([TRAFFIC, DOMAIN, REPORT]);
		await eventually("node-a holds the partner's batch", () =>
			holdsAll(a, [TRAFFIC.id, DOMAIN.id, REPORT.id]),
		);
		await eventually("the report reaches node-b", async () => (await b.versions(REPORT.id)).length > 0);
		const { text, objects } = await exportOf(b);
		for (const leak of [VICTIM.id, "203.0.113.9", SECRET.id, "198.51.100.66", TRAFFIC.id])
			assert.ok(!text.includes(leak), `node-b holds ${leak}`);
		const traffic = objects.find((o) => o.type === "network-traffic");
		const domain = objects.find((o) => o.type === "domain-name");
		assert.equal(traffic?.src_ref, derived, "the first batch's id");
		assert.equal(traffic?.dst_ref, undefined);
		assert.deepEqual(domain?.resolves_to_refs, [derived]);
		const report = objects.find((o) => o.type === "report");
		assert.deepEqual(report?.object_refs, [traffic?.id, DOMAIN.id]);
	});
});
