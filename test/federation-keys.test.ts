// Key rotation between real nodes: A rotates; B learns the new key from a transition signed by both the
// old key (request) and the new one (body), without re-onboarding; old provenance still verifies; a
// transition from anyone else, or by the retired key, is refused.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeKeyTransition, NodeKeyRing, PUSH_PATH } from "../src/federation/index.ts";
import { loadKeyRing } from "../src/federation/node-identity.ts";
import { sendSigned } from "../src/federation/transport.ts";
import { KEYS_PATH } from "../src/federation/wire.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-keys");
const a = new TestNode(dir, "node-a", { ENTENTE_FEDERATION_RETRY_MAX_MS: "300" });
const b = new TestNode(dir, "node-b");

const idOf = (object: Record<string, unknown>): string => object.id as string;
const presentAt = async (node: TestNode, object: Record<string, unknown>): Promise<boolean> =>
	(await node.versions(idOf(object))).some((v) => v.modified === object.modified);
const post = (url: string, body: unknown, ring: NodeKeyRing) =>
	sendSigned({
		url,
		body: JSON.stringify(body),
		ring,
		clock: () => new Date(),
		maxResponseBytes: 64 * 1024,
		timeoutMs: 10_000,
		tls: undefined,
	});

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

describe("key rotation without re-onboarding", () => {
	let oldRing: NodeKeyRing;
	let newKeyId = "";

	it("B learns A's rotated key; pushes signed with it are accepted; old provenance still verifies", async () => {
		const v1 = indicator(1);
		await a.publish([v1]);
		await eventually("v1 at B", () => presentAt(b, v1));
		oldRing = loadKeyRing(a.data);
		const rotated = JSON.parse(await a.entente("keys", "rotate", "--json")) as {
			retired: { keyId: string };
			current: { keyId: string };
			peers: { peer: string; ok: boolean; detail: string }[];
		};
		newKeyId = rotated.current.keyId;
		assert.equal(rotated.retired.keyId, oldRing.current.keyId);
		assert.deepEqual(
			rotated.peers.map((p) => [p.peer, p.ok]),
			[["node-b", true]],
		);
		const atB = JSON.parse(await b.entente("peers", "show", "node-a", "--json")) as {
			keys: { kid: string; x_entente_retired_at?: string }[];
		};
		assert.equal(atB.keys[0]?.kid, newKeyId);
		assert.equal(atB.keys[0]?.x_entente_retired_at, undefined);
		const retired = atB.keys.find((k) => k.kid === oldRing.current.keyId);
		assert.equal(typeof retired?.x_entente_retired_at, "string");

		// A's running server picks the new ring up by itself and signs with it.
		const v2 = indicator(1, { modified: "2024-02-01T00:00:00.000Z", name: "C2 1, after rotation" });
		await a.publish([v2]);
		await eventually("v2 at B", () => presentAt(b, v2));
		const proofs = JSON.parse(await b.entente("peers", "provenance", idOf(v1), "--json")) as {
			version: string;
			keyId: string;
			check: string;
		}[];
		assert.deepEqual(
			proofs.map((p) => [p.version, p.keyId, p.check]),
			[
				["2024-01-01T00:00:00.000Z", oldRing.current.keyId, "verified"],
				["2024-02-01T00:00:00.000Z", newKeyId, "verified"],
			],
		);
	});

	it("refuses a transition signed only by a random key, and requests signed by the retired key", async () => {
		const stranger = NodeKeyRing.generate(new Date());
		const forged = makeKeyTransition("node-a", stranger, stranger.rotate(new Date()));
		const refused = await post(`${b.url}${KEYS_PATH}`, forged, stranger);
		assert.equal(refused.status, 401);
		// The retired key (its private half copied before the rotation) no longer authenticates anything.
		const replaced = oldRing.rotate(new Date());
		const byRetired = await post(
			`${b.url}${KEYS_PATH}`,
			makeKeyTransition("node-a", oldRing, replaced),
			oldRing,
		);
		assert.equal(byRetired.status, 401);
		const pushByRetired = await post(`${b.url}${PUSH_PATH}`, { items: [] }, oldRing);
		assert.equal(pushByRetired.status, 401);
		// A's current key with a body not signed by the key it introduces: refused as a protocol error.
		const current = loadKeyRing(a.data);
		const mismatched = { ...makeKeyTransition("node-a", current, stranger), keyId: current.current.keyId };
		const bad = await post(`${b.url}${KEYS_PATH}`, mismatched, current);
		assert.equal(bad.status, 400);
		const atB = JSON.parse(await b.entente("peers", "show", "node-a", "--json")) as {
			keys: { kid: string }[];
		};
		assert.equal(atB.keys[0]?.kid, newKeyId);
		assert.equal(atB.keys.length, 2);
	});
});
