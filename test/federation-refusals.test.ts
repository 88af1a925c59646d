// What a peer may not do: speak for a party it does not host, send unsigned, tampered or foreign-signed
// objects, replay a request, send oversize or malformed pushes. Each is refused with a logged reason and
// nothing of it is stored; duplicated, reordered and conflicting deliveries are stored once or quarantined.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadKeyRing, NodeKeyRing, PUSH_PATH } from "../src/federation/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import { scratch } from "./support/cli.ts";
import { applyPolicy, eventually, indicator, TestNode } from "./support/federation-net.ts";
import { signedHeaders, signedItem } from "./support/peer-voice.ts";

const { dir, remove } = scratch("federation-refusals");
const a = new TestNode(dir, "node-a");
const b = new TestNode(dir, "node-b");
const c = new TestNode(dir, "node-c");
let ringB: NodeKeyRing;
const MAX_BODY = 1024 * 1024;

type Item = Record<string, unknown>;
interface Answer {
	status: number;
	body: { results?: { status: string; reason?: string }[]; reason?: string; class?: string };
}

/** Sends a push to A as node B would (B's own key), or replays exactly the given signed request. */
async function push(
	body: string,
	ring: NodeKeyRing = ringB,
	created?: number,
): Promise<Answer & { replay: () => Promise<Answer> }> {
	const url = `${a.url}${PUSH_PATH}`;
	const headers = signedHeaders(url, body, ring, created);
	const send = async (): Promise<Answer> => {
		const response = await fetch(url, { method: "POST", headers, body });
		return { status: response.status, body: (await response.json()) as Answer["body"] };
	};
	return { ...(await send()), replay: send };
}

function signed(object: Item, origin: string, ring: NodeKeyRing = ringB): Item {
	return signedItem(object as StixObject, origin, ring);
}

async function pushItems(items: Item[]): Promise<{ status: string; reason?: string }[]> {
	const answer = await push(JSON.stringify({ items }));
	assert.equal(answer.status, 200, JSON.stringify(answer.body));
	return answer.body.results ?? [];
}

async function latest(id: string): Promise<Item | undefined> {
	const response = await fetch(`${a.url}/taxii2/api/collections/all/objects/${id}/`, {
		headers: { accept: "application/taxii+json;version=2.1", authorization: `Bearer ${a.token}` },
	});
	return ((await response.json()) as { objects: Item[] }).objects[0];
}

before(async () => {
	await Promise.all([a.init(), b.init(), c.init()]);
	writeFileSync(
		join(a.data, "entente.json"),
		JSON.stringify({ nodeName: "node-a", limits: { maxBodyBytes: MAX_BODY } }),
	);
	await applyPolicy(a, [a, b, c], [[a, b]]);
	await a.serve();
	const invite = JSON.parse(await a.entente("peers", "invite", "--agreement", "node-a-node-b", "--json")) as {
		invitation: string;
	};
	// B never serves here: the test speaks as B, with B's key.
	await b.entente("peers", "accept", invite.invitation, "--url", "http://127.0.0.1:9");
	ringB = loadKeyRing(b.data);
});

after(async () => {
	await a.stop();
	remove();
});

describe("a peer's pushes are judged item by item", () => {
	it("stores a properly signed object from a party the peer hosts", async () => {
		const good = indicator(1, { createdBy: b.organizationId });
		assert.deepEqual(
			(await pushItems([signed(good, b.organizationId)])).map((r) => r.status),
			["stored"],
		);
		assert.equal((await a.versions(good.id as string)).length, 1);
	});

	it("refuses every item that claims the wrong origin, is unsigned, tampered or signed by another key", async () => {
		const other = NodeKeyRing.fromPrivateKey(generateKeyPairSync("ed25519").privateKey);
		const tampered = signed(indicator(14), b.organizationId);
		(tampered.object as Item).name = "changed after signing";
		const cases: [Item, RegExp][] = [
			[signed(indicator(10), c.organizationId), /does not host origin/],
			[signed(indicator(11), a.organizationId), /party this node hosts/],
			[
				signed(indicator(12, { createdBy: a.organizationId }), b.organizationId),
				/created_by_ref .* does not speak for/,
			],
			[{ object: indicator(13), origin: b.organizationId }, /unsigned/],
			[tampered, /provenance bad-signature/],
			[signed(indicator(15), b.organizationId, other), /provenance unknown-key/],
			[
				{ delete: { id: "indicator--00000000-0000-4000-8000-000000000001" }, origin: c.organizationId },
				/does not host/,
			],
		];
		const results = await pushItems(cases.map(([item]) => item));
		cases.forEach(([, reason], i) => {
			assert.equal(results[i]?.status, "refused", `case ${i}`);
			assert.match(results[i]?.reason ?? "", reason, `case ${i}`);
		});
		for (const n of [10, 11, 12, 13, 14, 15])
			assert.deepEqual(await a.versions(indicator(n).id as string), [], `#${n}`);
		await eventually(
			"refusals logged",
			async () => (a.logs.match(/refused an item/g) ?? []).length >= cases.length,
		);
		for (const [, reason] of cases) assert.match(a.logs, reason);
	});

	it("refuses objects embedded in an item that speak for a party the peer does not host", async () => {
		// A STIX 2.0 observed-data: its embedded observables become SCOs when it is upgraded on ingest.
		const observed = (n: number, embeddedAuthor?: string): Item => ({
			type: "observed-data",
			id: `observed-data--00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`,
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			created_by_ref: b.organizationId,
			first_observed: "2024-01-01T00:00:00Z",
			last_observed: "2024-01-01T00:00:00Z",
			number_observed: 1,
			objects: {
				"0": {
					type: "ipv4-addr",
					value: `198.51.100.${n}`,
					...(embeddedAuthor === undefined ? {} : { created_by_ref: embeddedAuthor }),
				},
			},
		});
		const carried = {
			...indicator(51, { createdBy: b.organizationId }),
			x_carried: [indicator(52, { createdBy: c.organizationId })],
		};
		const bundle = {
			type: "bundle",
			id: "bundle--00000000-0000-4000-8000-000000000053",
			objects: [indicator(53, { createdBy: b.organizationId })],
		};
		const cases: [Item, RegExp][] = [
			[
				signed(observed(50, a.organizationId), b.organizationId),
				/embedded object at \$\.objects\.0\.created_by_ref names identity--/,
			],
			[signed(carried, b.organizationId), /embedded object at \$\.x_carried\[0\]\.created_by_ref/],
			[signed(bundle, b.organizationId), /a bundle is not a push item/],
		];
		const results = await pushItems([...cases.map(([item]) => item), signed(observed(54), b.organizationId)]);
		cases.forEach(([, reason], i) => {
			assert.equal(results[i]?.status, "refused", `case ${i}`);
			assert.match(results[i]?.reason ?? "", reason, `case ${i}`);
		});
		assert.equal(
			results[3]?.status,
			"stored",
			"the same observed-data without an impersonated author is stored",
		);
		for (const id of [observed(50).id, indicator(51).id, bundle.id, indicator(53).id])
			assert.deepEqual(await a.versions(id as string), [], String(id));
	});

	it("refuses a deletion of an object the peer did not send", async () => {
		const ours = indicator(20);
		await a.publish([ours]);
		const [result] = await pushItems([{ delete: { id: ours.id }, origin: b.organizationId }]);
		assert.equal(result?.status, "refused");
		assert.equal((await a.versions(ours.id as string)).length, 1);
	});

	it("refuses a replayed request, an unknown key, an oversize and a malformed push", async () => {
		const first = await push(JSON.stringify({ items: [signed(indicator(30), b.organizationId)] }));
		assert.equal(first.status, 200);
		const replayed = await first.replay();
		assert.equal(replayed.status, 401);
		assert.match(replayed.body.reason ?? "", /^replayed/);

		const stranger = NodeKeyRing.fromPrivateKey(generateKeyPairSync("ed25519").privateKey);
		const unknown = await push(
			JSON.stringify({ items: [signed(indicator(31), b.organizationId, stranger)] }),
			stranger,
		);
		assert.equal(unknown.status, 401);
		assert.match(unknown.body.reason ?? "", /^unknown-key/);

		const big = JSON.stringify({
			items: [signed(indicator(32, { name: "x".repeat(MAX_BODY) }), b.organizationId)],
		});
		const oversize = await push(big);
		assert.equal(oversize.status, 413);

		const malformed = await push('{"items": [1, 2,');
		assert.equal(malformed.status, 400);
		assert.equal(malformed.body.class, "protocol");
		for (const n of [31, 32]) assert.deepEqual(await a.versions(indicator(n).id as string), []);
		assert.match(a.logs, /replayed/);
	});

	it("refuses a push signed 11 minutes behind its clock, as the sender would refuse the answer (one window)", async () => {
		// B's clock 11 minutes behind A's: its signature (lifetime 300 s) would still be within `expires` + 600 s, but
		// A's answer, signed 660 s ahead of B's clock, would be refused by B, which would send the push forever.
		const now = Math.floor(Date.now() / 1000);
		const late = await push(
			JSON.stringify({ items: [signed(indicator(33), b.organizationId)] }),
			ringB,
			now - 660,
		);
		assert.equal(late.status, 401);
		assert.match(late.body.reason ?? "", /^expired.*clock skew over 600s/);
		assert.deepEqual(await a.versions(indicator(33).id as string), [], "nothing of it is stored");
		const inWindow = await push(
			JSON.stringify({ items: [signed(indicator(34), b.organizationId)] }),
			ringB,
			now - 540,
		);
		assert.equal(inWindow.status, 200, JSON.stringify(inWindow.body));
	});

	it("holds every refused delivery for review in the peer's own bucket, never to be accepted (D65)", async () => {
		const page = JSON.parse(
			await a.entente("quarantine", "list", "--kind", "refused-delivery", "--json"),
		) as { items: { seq: number; organizationId: string; reason: string }[] };
		const reasons = page.items.map((item) => item.reason).join("\n");
		for (const refusal of [
			/does not host origin/,
			/provenance bad-signature/,
			/unsigned|missing/,
			/only its originator deletes it/,
		])
			assert.match(reasons, refusal);
		assert.ok(
			page.items.every((item) => /^peer:/.test(item.organizationId)),
			JSON.stringify(page.items),
		);
		const [first] = page.items;
		await assert.rejects(a.entente("quarantine", "accept", String(first?.seq)), /refused delivery/);
	});

	it("stores duplicated, reordered and old-after-new deliveries once each; quarantines a conflict", async () => {
		const v1 = indicator(40, { createdBy: b.organizationId });
		const v2 = indicator(40, {
			createdBy: b.organizationId,
			modified: "2024-05-01T00:00:00.000Z",
			name: "v2",
		});
		const statuses = (await pushItems([v2, v1, v2, v1, v2].map((o) => signed(o, b.organizationId)))).map(
			(r) => r.status,
		);
		assert.deepEqual(statuses, ["stored", "stored", "duplicate", "duplicate", "duplicate"]);
		const versions = await a.versions(v1.id as string);
		assert.deepEqual(versions.map((v) => v.modified).sort(), [
			"2024-01-01T00:00:00.000Z",
			"2024-05-01T00:00:00.000Z",
		]);
		assert.equal(
			(await latest(v1.id as string))?.name,
			"v2",
			"latest = greatest modified, whatever the order",
		);
		const conflicting = { ...v2, name: "same version, different content" };
		const [conflict] = await pushItems([signed(conflicting, b.organizationId)]);
		assert.equal(conflict?.status, "quarantined");
		assert.equal((await latest(v1.id as string))?.name, "v2");
		assert.equal((await a.versions(v1.id as string)).length, 2);
	});
});
