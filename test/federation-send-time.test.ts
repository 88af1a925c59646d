// Decide at the moment of delivery (D34), with real processes: pushes queue for a partner while it is
// down, its party is then suspended in the sender's policy, and when it comes back nothing queued before
// the suspension reaches it. Delivery itself still works: after the suspension is lifted, new objects do.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { scratch } from "./support/cli.ts";
import { peerStatusOf, withStoreOf } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-send-time");
const a = new TestNode(dir, "send-time-a", { ENTENTE_FEDERATION_RETRY_MAX_MS: "300" });
const b = new TestNode(dir, "send-time-b", { ENTENTE_LOG_LEVEL: "warn" });
const QUEUED = 40;

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "send-time-a-send-time-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("a push queued for a partner is judged again when it is sent", () => {
	it("delivers nothing queued before the partner's party was suspended, once the partner is back", async () => {
		const first = indicator(1, { createdBy: a.organizationId });
		await a.publish([first]);
		await eventually(
			"the first object at B",
			async () => (await b.versions(first.id as string)).length === 1,
		);

		const port = b.port;
		await b.stop();
		const queued = Array.from({ length: QUEUED }, (_, i) =>
			indicator(100 + i, { createdBy: a.organizationId }),
		);
		await a.publish(queued);
		await eventually("everything queued at A for B", async () =>
			withStoreOf(a, async (store) => (await store.outboxDepth(b.name)).count >= QUEUED),
		);

		await applyPolicy(a, [a, b], [[a, b]], { suspended: [b] });
		await b.serve(port);
		await eventually(
			"A's outbox for B drained",
			async () => (await peerStatusOf(a))[0]?.queueDepth === 0,
			30_000,
		);
		assert.equal((await a.status())[0]?.queueDepth, 0, "peers status: the outbox drained");
		const arrived: string[] = [];
		for (const object of queued)
			if ((await b.versions(object.id as string)).length > 0) arrived.push(object.id as string);
		assert.deepEqual(arrived, [], "nothing queued before the suspension reached B");
		assert.match(a.logs, /judged again at delivery/, "the sender logged what it withheld");

		// The suspension lifted: delivery works, and a new object goes.
		await applyPolicy(a, [a, b], [[a, b]]);
		const later = indicator(500, { createdBy: a.organizationId });
		await a.publish([later]);
		await eventually(
			"the later object at B",
			async () => (await b.versions(later.id as string)).length === 1,
		);
	});
});
