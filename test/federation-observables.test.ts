// D31 through federation: a peer's signed statement of an observable never captures it. Whichever comes first,
// the peer's pushed TLP:CLEAR statement of an IP and the node's own TLP:RED victim statement of the same IP are
// both stored (neither quarantined); the node's organisation reads its own, the peer's party receives only its
// own statement back, and nothing of the RED one.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { NodeKeyRing } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scoId } from "../src/stix/ids/index.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, TestNode, TLP } from "./support/federation-net.ts";
import { pushItems, signedItem, silentPeer } from "./support/peer-voice.ts";

const { dir, remove } = scratch("federation-observables");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");
let ringB: NodeKeyRing;
const RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

function ip(value: string, marking: string, extra: Record<string, unknown> = {}): StixObject {
	const body = { type: "ipv4-addr", spec_version: "2.1", value };
	return { ...body, id: scoId(body), object_marking_refs: [marking], ...extra } as StixObject;
}

/** Pushes `objects` to A as node B (B's key), each signed and from B's organisation; the per-item statuses. */
async function pushAsB(objects: readonly StixObject[]): Promise<string[]> {
	const items = objects.map((object) => signedItem(object, b.organizationId, ringB));
	const results = await pushItems(a.url, items, ringB);
	return results.map((r) => `${r.status}${r.reason === undefined ? "" : `: ${r.reason}`}`);
}

/** What B's party may receive from A (the operator's export through the gate). */
async function exportAsB(): Promise<{ text: string; objects: StixObject[] }> {
	const text = await a.entente("export", "--as", b.organizationId);
	return { text, objects: (JSON.parse(text) as { objects: StixObject[] }).objects };
}

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await applyPolicy(a, [a, b], [[a, b]]);
	await a.serve();
	// B never serves here: the test speaks as B, with B's key.
	ringB = await silentPeer(a, b, "node-a-node-b");
});

after(async () => {
	await a.stop();
	remove();
});

describe("observables pushed by a peer (D31)", () => {
	for (const [name, peerFirst, value] of [
		["the peer's statement first", true, "198.51.100.41"],
		["the node's own statement first", false, "198.51.100.42"],
	] as const) {
		it(`${name}: both stored, each party reads its own, nothing of the RED one reaches the peer`, async () => {
			const peers = ip(value, TLP.clear);
			const own = ip(value, RED, { x_entente_role: "victim" });
			if (peerFirst) assert.deepEqual(await pushAsB([peers]), ["stored"]);
			await a.publish([own]);
			if (!peerFirst) assert.deepEqual(await pushAsB([peers]), ["stored"]);
			// Both statements are held (the operator's full export), none quarantined.
			assert.equal((await a.committedIds()).filter((id) => id === own.id).length, 2);
			// A's own organisation reads its RED victim statement, once, whatever the version selector.
			const mine = await a.versions(own.id);
			assert.deepEqual(
				mine.map((o) => [o.object_marking_refs, o.x_entente_role]),
				[[[RED], "victim"]],
			);
			// B's party receives its own statement back, and nothing of A's.
			const { text, objects } = await exportAsB();
			assert.doesNotMatch(text, new RegExp(`${RED}|victim`));
			const received = objects.filter((o) => o.id === own.id);
			assert.equal(received.length, 1, text);
			assert.equal(received[0]?.value, value);
			assert.ok(((received[0]?.object_marking_refs ?? []) as string[]).includes(TLP.clear));
		});
	}

	it("a peer's second, different statement of its own is quarantined, naming its own statement", async () => {
		const first = ip("198.51.100.43", TLP.clear);
		assert.deepEqual(await pushAsB([first]), ["stored"]);
		const [changed] = await pushAsB([ip("198.51.100.43", TLP.green)]);
		assert.match(changed ?? "", /^quarantined: .*statement of ipv4-addr--/);
		assert.equal((await a.committedIds()).filter((id) => id === first.id).length, 1);
	});
});
