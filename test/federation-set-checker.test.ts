// A set checker over a four-node network run under faults (kill -9 of a hub receiver and of a sender,
// a partner down, all at seeded random points): afterwards every node holds every version it was
// entitled to, and nothing else it did not publish itself. Entitlement comes from each origin's own
// gate (REST /policy/preview for that version) on the links that exist (no relaying, D15).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { scratch } from "./support/cli.ts";
import { integrityOf, previewAt, seeded, storedVersions, testSeed } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode, TLP } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-set");
const env = { ENTENTE_FEDERATION_RETRY_MAX_MS: "300", ENTENTE_LOG_LEVEL: "warn" };
const nodes = [1, 2, 3, 4].map((n) => new TestNode(dir, `set-${n}`, env));
const [n1, n2, n3, n4] = nodes as [TestNode, TestNode, TestNode, TestNode];
/** 3 is the hub; 4 hangs off it; 1–2–3 is a triangle. */
const links: [TestNode, TestNode][] = [
	[n1, n2],
	[n1, n3],
	[n2, n3],
	[n3, n4],
];
const RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";
const MARKINGS = [TLP.clear, TLP.green, TLP.amber, RED];
const ENTITLED = new Set(["full", "transformed"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const peersOf = (node: TestNode): TestNode[] =>
	links.flatMap(([x, y]) => (x === node ? [y] : y === node ? [x] : []));

before(async () => {
	await Promise.all(nodes.map((n) => n.init()));
	await Promise.all(nodes.map((n) => applyPolicy(n, nodes, links)));
	await Promise.all(nodes.map((n) => n.serve()));
	for (const [x, y] of links) await connect(x, y, `${x.name}-${y.name}`);
});

after(async () => {
	await Promise.all(nodes.map((n) => n.stop()));
	remove();
});

describe("set checker over a four-node run under faults", () => {
	it("delivers every entitled version and stores no un-entitled one anywhere", async (t) => {
		const seed = testSeed();
		t.diagnostic(`seed ${seed} (ENTENTE_TEST_SEED=${seed} replays markings and fault points)`);
		const random = seeded(seed);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
		/** What each node published: `id@modified`. */
		const published = new Map<TestNode, Record<string, unknown>[]>(nodes.map((n) => [n, []]));
		const publishRound = async (round: number): Promise<void> => {
			await Promise.all(
				nodes
					.filter((n) => n.serving)
					.map(async (node, k) => {
						const base = (nodes.indexOf(node) + 1) * 100_000 + round * 1000 + k;
						const batch = Array.from({ length: 40 }, (_, i) => {
							const n = base + i * 10;
							const marking = pick(MARKINGS);
							const v1 = indicator(n, { marking });
							return random() < 0.3
								? [v1, indicator(n, { marking, modified: "2024-06-01T00:00:00.000Z", name: `C2 ${n} v2` })]
								: [v1];
						}).flat();
						await node.publish(batch);
						published.get(node)?.push(...batch);
					}),
			);
		};

		await publishRound(0);
		// Faults, at seeded points while the network syncs: the hub receiver killed, a sender killed,
		// the leaf down for a while; publishing goes on where a node is up.
		await sleep(Math.floor(random() * 300));
		const hubPort = n3.port;
		await n3.stop("SIGKILL");
		await publishRound(1);
		const leafPort = n4.port;
		await n4.stop();
		await n3.serve(hubPort);
		await publishRound(2);
		await sleep(Math.floor(random() * 300));
		const senderPort = n1.port;
		await n1.stop("SIGKILL");
		assert.equal(integrityOf(n1), "ok");
		await publishRound(3);
		await Promise.all([n1.serve(senderPort), n4.serve(leafPort)]);
		await publishRound(4);

		// Entitlement: for each version, each linked node whose party the origin's gate releases it to.
		const expected = new Map<TestNode, Set<string>>(nodes.map((n) => [n, new Set()]));
		let entitled = 0;
		for (const origin of nodes) {
			const partyNode = new Map(peersOf(origin).map((p) => [p.organizationId, p]));
			for (const object of published.get(origin) ?? []) {
				const key = `${object.id}@${object.modified}`;
				for (const party of await previewAt(origin, object.id as string, object.modified as string)) {
					const peer = partyNode.get(party.partyId);
					if (peer !== undefined && ENTITLED.has(party.verdict)) {
						expected.get(peer)?.add(key);
						entitled++;
					}
				}
			}
		}
		const own = new Map(
			nodes.map((n) => [n, new Set((published.get(n) ?? []).map((o) => `${o.id}@${o.modified}`))]),
		);
		const total = [...published.values()].reduce((sum, list) => sum + list.length, 0);
		t.diagnostic(`${total} versions published, ${entitled} (version, node) entitlements`);
		assert.ok(entitled > 0 && entitled < total * 3, "the markings make some versions flow and some not");

		const missingAt = async (node: TestNode): Promise<string[]> => {
			const stored = await storedVersions(node);
			return [...(expected.get(node) ?? [])].filter((key) => !stored.has(key));
		};
		await eventually(
			"every entitled version delivered",
			async () => (await Promise.all(nodes.map(missingAt))).every((m) => m.length === 0),
			30_000,
		);
		for (const node of nodes) {
			const stored = await storedVersions(node);
			const extra = [...stored.keys()].filter(
				(key) => !own.get(node)?.has(key) && !expected.get(node)?.has(key) && !key.startsWith("identity--"),
			);
			assert.deepEqual(extra, [], `${node.name} stores versions it was not entitled to`);
			const doubled = [...stored].filter(([, count]) => count !== 1).map(([key]) => key);
			assert.deepEqual(doubled, [], `${node.name} stores a version more than once`);
		}
	});
});
