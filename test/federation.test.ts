// Federation between real nodes on loopback: onboarding, push through the gate, onward restrictions,
// versions, revocations, deletions, outages, kill -9 of the sender, clock skew of ±9 minutes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { scratch } from "./support/cli.ts";
import { peerStatusOf, withStoreOf } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode, TLP } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation");
// A runs 9 minutes behind, C 9 minutes ahead: every link has ±9 min of skew (signatures tolerate 600 s either way).
const a = new TestNode(dir, "node-a", {
	ENTENTE_CLOCK_OFFSET_MS: String(-540_000),
	ENTENTE_FEDERATION_RETRY_MAX_MS: "400",
});
const b = new TestNode(dir, "node-b");
const c = new TestNode(dir, "node-c", { ENTENTE_CLOCK_OFFSET_MS: String(540_000) });

const idOf = (object: Record<string, unknown>): string => object.id as string;
const presentAt = async (node: TestNode, object: Record<string, unknown>): Promise<boolean> =>
	(await node.versions(idOf(object))).some((v) => v.modified === object.modified);

before(async () => {
	await Promise.all([a.init(), b.init(), c.init()]);
	await Promise.all([
		applyPolicy(a, [a, b], [[a, b]]),
		applyPolicy(
			b,
			[a, b, c],
			[
				[a, b],
				[b, c],
			],
		),
		applyPolicy(c, [b, c], [[b, c]]),
	]);
	await Promise.all([a.serve(), b.serve(), c.serve()]);
});

after(async () => {
	await Promise.all([a.stop(), b.stop(), c.stop()]);
	remove();
});

describe("federation between real nodes", () => {
	it("onboards with an invitation; both sides hold each other's key and parties", async () => {
		const accepted = (await connect(a, b, "node-a-node-b")) as {
			peer: { name: string; parties: string[] };
			peerKey: { keyId: string; fingerprint: string };
			ownKey: { keyId: string };
		};
		await connect(b, c, "node-b-node-c");
		assert.equal(accepted.peer.name, "node-a");
		assert.deepEqual(accepted.peer.parties, [a.organizationId]);
		const aKeys = JSON.parse(await a.entente("keys", "show", "--json")) as {
			current: { keyId: string; fingerprint: string };
		};
		assert.deepEqual(accepted.peerKey, {
			keyId: aKeys.current.keyId,
			fingerprint: aKeys.current.fingerprint,
		});
		const atA = JSON.parse(await a.entente("peers", "show", "node-b", "--json")) as {
			parties: string[];
			agreements: string[];
			keys: { kid: string }[];
		};
		assert.deepEqual(atA.parties, [b.organizationId]);
		assert.deepEqual(atA.agreements, ["node-a-node-b"]);
		assert.equal(atA.keys[0]?.kid, accepted.ownKey.keyId);
		// The code works once (re-onboarding replaces the peer record).
		const invite = JSON.parse(
			await a.entente("peers", "invite", "--agreement", "node-a-node-b", "--json"),
		) as {
			invitation: string;
		};
		await b.entente("peers", "accept", invite.invitation);
		await assert.rejects(
			b.entente("peers", "accept", invite.invitation),
			/step "authorisation".*used or expired/,
		);
		// A and C are 20 minutes apart: the handshake names the clock.
		const far = JSON.parse(await a.entente("peers", "invite", "--json")) as { invitation: string };
		await assert.rejects(c.entente("peers", "accept", far.invitation), /step "clock".*not-yet-valid/);
		// The connection test walks every step (with 9 minutes of skew between the two).
		const test = JSON.parse(await b.entente("peers", "test", "node-c", "--json")) as {
			ok: boolean;
			steps: { step: string }[];
		};
		assert.equal(test.ok, true);
		assert.deepEqual(
			test.steps.map((s) => s.step),
			["DNS", "TCP connect", "TLS", "HTTP status", "signature", "clock", "authorisation"],
		);
	});

	it("pushes what A publishes to B, every version, across ±9 minutes of clock skew", async () => {
		const v1 = indicator(1);
		const v2 = indicator(1, { modified: "2024-02-01T00:00:00.000Z", name: "C2 1, updated" });
		await a.publish([v1]);
		await eventually("v1 at B", () => presentAt(b, v1));
		await a.publish([v2]);
		await eventually("v2 at B", () => presentAt(b, v2));
		const revoked = { ...v2, modified: "2024-03-01T00:00:00.000Z", revoked: true };
		await a.publish([revoked]);
		await eventually("the revocation at B", () => presentAt(b, revoked));
		assert.equal((await b.versions(idOf(v1))).length, 3);
	});

	it("pushes only what granular markings let B receive: RED list items and nested fields removed, markings re-based (D33)", async () => {
		const marked = {
			...indicator(40),
			external_references: [
				{ source_name: "vendor", url: "https://v.example/1", description: "CANARY-FED-REF" },
			],
			kill_chain_phases: [
				{ kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "CANARY-FED-PHASE" },
				{ kill_chain_name: "lockheed-martin-cyber-kill-chain", phase_name: "installation" },
			],
			granular_markings: [
				{
					marking_ref: TLP2_DEFINITIONS.red.id,
					selectors: ["external_references.[0].description", "kill_chain_phases.[0].phase_name"],
				},
				{ marking_ref: TLP.green, selectors: ["kill_chain_phases.[1].phase_name"] },
			],
		};
		await a.publish([marked]);
		await eventually("the marked indicator at B", () => presentAt(b, marked));
		const [copy] = await b.versions(idOf(marked));
		assert.doesNotMatch(JSON.stringify(copy), /CANARY/);
		assert.deepEqual(copy?.external_references, [{ source_name: "vendor", url: "https://v.example/1" }]);
		assert.deepEqual(copy?.granular_markings, [
			{ marking_ref: TLP.green, selectors: ["kill_chain_phases.[0].phase_name"] },
		]);
	});

	it("keeps the provenance signatures B received, verifiable later (operators only)", async () => {
		const proofs = JSON.parse(await b.entente("peers", "provenance", idOf(indicator(1)), "--json")) as {
			version: string;
			peer: string;
			origin: string;
			check: string;
		}[];
		assert.deepEqual(
			proofs.map((p) => [p.version, p.peer, p.origin, p.check]),
			["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"].map((v) => [
				v,
				"node-a",
				a.organizationId,
				"verified",
			]),
		);
	});

	it("judges a peer under the purpose set for it, and again under the agreement's after 'agreement'", async () => {
		await assert.rejects(a.entente("peers", "set-purpose", "node-b", "gossip"), /purpose must be one of/);
		// research is not a purpose of the a-b agreement: what A judges for B under it is withheld.
		assert.match(
			await a.entente("peers", "set-purpose", "node-b", "research"),
			/now receives under research/,
		);
		const shown = JSON.parse(await a.entente("peers", "show", "node-b", "--json")) as { purpose?: string };
		assert.equal(shown.purpose, "research");
		const withheld = indicator(5);
		await a.publish([withheld]);
		const added = (await a.versions(idOf(withheld)))[0]?.modified;
		assert.equal(added, withheld.modified);
		await eventually("A's feed judged it", () =>
			withStoreOf(a, async (store) => {
				const [held] = await store.getVersions(idOf(withheld), ["last"]);
				const cursor = (await store.getPeerState("node-b"))?.feedCursor;
				return held !== undefined && cursor !== undefined && cursor >= held.dateAdded;
			}),
		);
		assert.match(
			await a.entente("peers", "set-purpose", "node-b", "agreement"),
			/now receives under network-defence/,
		);
		const marker = indicator(6);
		await a.publish([marker]);
		await eventually("the marker at B", () => presentAt(b, marker));
		assert.deepEqual(await b.versions(idOf(withheld)), [], "judged under research: withheld");
	});

	it("withholds TLP:AMBER from a third node (the gate's onward rule) and relays nothing it does not host", async () => {
		const amber = indicator(2, { marking: TLP.amber });
		await a.publish([amber]);
		await eventually("AMBER at B", () => presentAt(b, amber));
		const explained = JSON.parse(
			await b.entente("policy", "explain", idOf(amber), "--to", c.organizationId, "--json"),
		) as {
			verdict: string;
			trace: { rule: string; outcome: string }[];
		};
		assert.equal(explained.verdict, "deny");
		assert.ok(explained.trace.some((s) => s.rule === "scope.onward" && s.outcome === "deny"));
		// A marker B publishes after it: once C has the marker, B's feed has judged the AMBER object.
		const marker = indicator(3, { createdBy: b.organizationId });
		await b.publish([marker]);
		await eventually("B's marker at C", () => presentAt(c, marker));
		assert.deepEqual(await c.versions(idOf(amber)), []);
		assert.deepEqual(await c.versions(idOf(indicator(1))), [], "A's GREEN object is not relayed either");
	});

	it("propagates a deletion to the peer that received the object", async () => {
		const doomed = indicator(4);
		await a.publish([doomed]);
		await eventually("at B", () => presentAt(b, doomed));
		await a.remove(idOf(doomed));
		await eventually("deleted at B", async () => (await b.versions(idOf(doomed))).length === 0);
	});

	it("loses nothing and duplicates nothing while B is down, then drains the backlog in order", async () => {
		const port = b.port;
		await b.stop();
		const backlog = Array.from({ length: 60 }, (_, i) => indicator(100 + i));
		for (let i = 0; i < backlog.length; i += 20) await a.publish(backlog.slice(i, i + 20));
		await eventually("A records the failures", async () => {
			const [status] = await peerStatusOf(a);
			return (status?.consecutiveFailures ?? 0) >= 2 && (status?.queueDepth ?? 0) > 0;
		});
		const [down] = await a.status();
		assert.ok(
			(down?.consecutiveFailures ?? 0) >= 2 && (down?.queueDepth ?? 0) > 0,
			"peers status: failures, a queue",
		);
		assert.equal(down?.lastError?.class, "network");
		await b.serve(port);
		await eventually("A's queue drained", async () => (await peerStatusOf(a))[0]?.queueDepth === 0, 20_000);
		const committed = await b.committedIds();
		const wanted = new Set(backlog.map(idOf));
		assert.deepEqual(
			committed.filter((id) => wanted.has(id)),
			backlog.map(idOf),
			"each exactly once, in publication order",
		);
		const [up] = await a.status();
		assert.equal(up?.queueDepth, 0);
		assert.equal(up?.consecutiveFailures, 0);
	});

	it("resumes after kill -9 of the sender mid-sync: every version at B exactly once", async () => {
		const port = a.port;
		const batch = Array.from({ length: 400 }, (_, i) => indicator(1000 + i));
		await a.publish(batch.slice(0, 200));
		await a.publish(batch.slice(200));
		await a.stop("SIGKILL");
		await a.serve(port);
		await eventually(
			"A's queue drained after restart",
			async () => (await peerStatusOf(a))[0]?.queueDepth === 0,
			20_000,
		);
		await eventually("all at B", async () => presentAt(b, batch.at(-1) as Record<string, unknown>));
		const counts = await b.versionCounts();
		for (const object of batch) assert.equal(counts.get(idOf(object)), 1, idOf(object));
	});

	it("reports peers on /metrics", async () => {
		const response = await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${a.token}` } });
		const text = await response.text();
		assert.match(text, /entente_peer_queue_depth\{peer="node-b"\} 0/);
		assert.match(text, /entente_peer_delivered_total\{peer="node-b"\} \d+/);
		assert.match(text, /entente_peer_failures_total\{peer="node-b"\} [1-9]/);
		assert.match(text, /entente_peer_lag_seconds\{peer="node-b"\}/);
	});
});
