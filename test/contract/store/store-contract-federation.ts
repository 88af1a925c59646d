// The Store contract for federation records: peers, invitations, outboxes in order, feed cursors, deletions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { OutboxEntry, PeerRecord, PeerState } from "../../../src/store/federation-records.ts";
import { batchOf, indicator, type StoreFixture } from "./store-contract-fixtures.ts";

const peer: PeerRecord = {
	name: "node-b",
	kind: "entente",
	url: "http://127.0.0.1:4301",
	keys: [{ kty: "OKP", crv: "Ed25519", x: "x" }],
	parties: ["identity--0b0b0b0b-0000-4000-8000-000000000002"],
	agreements: ["a-b"],
	status: "active",
	createdAt: "2024-01-01T00:00:00.000Z",
	updatedAt: "2024-01-01T00:00:00.000Z",
};

function entry(n: number, kind: OutboxEntry["kind"] = "object"): OutboxEntry {
	const id = indicator(n).id;
	return { kind, objectId: id, storedId: id, version: "v", origin: "identity--o", payload: `{"n":${n}}` };
}

const state: PeerState = {
	consecutiveFailures: 0,
	deliveredTotal: 2,
	failuresTotal: 0,
	refusedTotal: 0,
	alert: false,
	lastSuccessAt: "2024-01-02T00:00:00.000Z",
};

export function registerFederationContract(fixture: StoreFixture): void {
	describe("federation records", () => {
		it("puts, lists and removes peers with their outbox", async () => {
			const store = fixture.current();
			await store.putPeer(peer);
			await store.putPeer({ ...peer, name: "node-a" });
			assert.deepEqual(await store.getPeer("node-b"), peer);
			assert.deepEqual(
				(await store.listPeers()).map((p) => p.name),
				["node-a", "node-b"],
			);
			assert.equal(
				await store.enqueueOutbox("node-b", [entry(1)], undefined, "2024-01-01T00:00:00.000001Z"),
				true,
			);
			assert.equal(await store.deletePeer("node-b"), true);
			assert.equal(await store.getPeer("node-b"), undefined);
			assert.equal((await store.outboxDepth("node-b")).count, 0);
			assert.equal(await store.deletePeer("node-b"), false);
		});

		it("uses an invitation once, and never after it expires", async () => {
			const store = fixture.current();
			const base = { agreements: ["x"], createdAt: "2024-01-01T00:00:00.000Z" };
			await store.putInvitation({ ...base, codeHash: "aa", expiresAt: "2024-01-02T00:00:00.000Z" });
			await store.putInvitation({ ...base, codeHash: "bb", expiresAt: "2024-01-01T01:00:00.000Z" });
			assert.equal(await store.takeInvitation("bb", "late", "2024-01-01T02:00:00.000Z"), undefined);
			const taken = await store.takeInvitation("aa", "node-b", "2024-01-01T02:00:00.000Z");
			assert.equal(taken?.usedBy, "node-b");
			assert.deepEqual(taken?.agreements, ["x"]);
			assert.equal(await store.takeInvitation("aa", "node-c", "2024-01-01T03:00:00.000Z"), undefined);
			assert.equal(await store.takeInvitation("zz", "node-c", "2024-01-01T03:00:00.000Z"), undefined);
		});

		it("keeps a peer's outbox in order, moves the cursor only from where it was, and acknowledges", async () => {
			const store = fixture.current();
			const t1 = "2024-01-01T00:00:00.000001Z";
			const t2 = "2024-01-01T00:00:00.000002Z";
			assert.equal(await store.enqueueOutbox("p", [entry(1), entry(2)], undefined, t1), true);
			assert.equal(await store.enqueueOutbox("p", [entry(9)], undefined, t2), false, "stale cursor");
			assert.equal(await store.enqueueOutbox("p", [entry(3, "delete")], t1, t2), true);
			assert.equal((await store.getPeerState("p"))?.feedCursor, t2);
			const all = await store.readOutbox("p", 10);
			assert.deepEqual(
				all.map((m) => [m.kind, m.payload]),
				[
					["object", '{"n":1}'],
					["object", '{"n":2}'],
					["delete", '{"n":3}'],
				],
			);
			assert.ok(all.every((m, i) => i === 0 || m.seq > (all[i - 1]?.seq ?? 0)));
			assert.deepEqual(await store.sentIdOf("p", indicator(1).id), {
				id: indicator(1).id,
				origin: "identity--o",
			});
			assert.equal(await store.sentIdOf("p", indicator(3).id), undefined, "a deletion is not a send");
			await store.ackOutbox("p", all[1]?.seq ?? 0, state);
			assert.deepEqual(
				(await store.readOutbox("p", 10)).map((m) => m.payload),
				['{"n":3}'],
			);
			assert.equal((await store.outboxDepth("p")).count, 1);
			const saved = await store.getPeerState("p");
			assert.equal(saved?.deliveredTotal, 2);
			assert.equal(saved?.feedCursor, t2, "saving state keeps the cursor");
			await store.resetFeedCursor("p", undefined);
			assert.equal((await store.getPeerState("p"))?.feedCursor, undefined);
		});

		it("reads the outbox after a position (pipelined pushes) and forgets a sent id once its deletion is queued", async () => {
			const store = fixture.current();
			const t1 = "2024-01-01T00:00:00.000001Z";
			const t2 = "2024-01-01T00:00:00.000002Z";
			await store.enqueueOutbox("p", [entry(1), entry(2), entry(3)], undefined, t1);
			const [first, second, third] = await store.readOutbox("p", 10);
			assert.deepEqual(
				(await store.readOutbox("p", 1, first?.seq)).map((m) => m.seq),
				[second?.seq],
			);
			assert.deepEqual(await store.readOutbox("p", 10, third?.seq), []);
			assert.notEqual(await store.sentIdOf("p", indicator(2).id), undefined);
			await store.enqueueOutbox("p", [entry(2, "delete")], t1, t2);
			assert.equal(
				await store.sentIdOf("p", indicator(2).id),
				undefined,
				"the deletion was its last message",
			);
			assert.notEqual(await store.sentIdOf("p", indicator(1).id), undefined);
		});

		it("keeps received provenance signatures once per version and peer", async () => {
			const store = fixture.current();
			const proof = {
				objectId: indicator(1).id,
				version: "2024-01-01T00:00:00.000Z",
				peer: "node-b",
				origin: "identity--o",
				keyId: "kid-1",
				signature: { protected: "eyJ9", signature: "c2ln" },
				receivedAt: "2024-01-02T00:00:00.000000Z",
			};
			await store.putReceivedProvenance([proof, { ...proof, version: "2024-02-01T00:00:00.000Z" }]);
			await store.putReceivedProvenance([{ ...proof, keyId: "kid-2" }]);
			const kept = await store.receivedProvenance(indicator(1).id);
			assert.deepEqual(
				kept.map((p) => [p.version, p.keyId]),
				[
					["2024-01-01T00:00:00.000Z", "kid-1"],
					["2024-02-01T00:00:00.000Z", "kid-1"],
				],
				"a repeated delivery keeps the first proof",
			);
			assert.deepEqual(kept[0], proof);
			assert.deepEqual(await store.receivedProvenance(indicator(2).id), []);
		});

		it("lists deletions in commit order, comparable with dateAdded", async () => {
			const store = fixture.current();
			const [first] = await store.putVersions(batchOf([indicator(1), indicator(2)]));
			await store.deleteObject(indicator(2).id);
			await store.deleteObject(indicator(1).id);
			const after = first?.status === "stored" ? first.dateAdded : undefined;
			const deletions = await store.listDeletions(after, undefined, 10);
			assert.deepEqual(
				deletions.map((d) => d.id),
				[indicator(2).id, indicator(1).id],
			);
			assert.ok(after !== undefined && (deletions[0]?.deletedAt ?? "") > after);
			const horizon = await store.commitHorizon();
			assert.ok(horizon !== undefined && horizon >= (deletions[1]?.deletedAt ?? "~"));
			const until = deletions[0]?.deletedAt;
			assert.equal((await store.listDeletions(after, until, 10)).length, 1);
		});
	});
}
