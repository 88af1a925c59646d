// A partner down for a long outage, with real processes: while 20,000 versions queue for it the sender's
// memory stays bounded (the outbox lives in the store and is read a page at a time), the failures are
// classified and backed off; when the partner returns the backlog is delivered whole, each version once.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { scratch } from "./support/cli.ts";
import { peerStatusOf, residentBytes, withStoreOf } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-outage");
const a = new TestNode(dir, "outage-a", {
	ENTENTE_FEDERATION_RETRY_MAX_MS: "500",
	ENTENTE_LOG_LEVEL: "warn",
});
const b = new TestNode(dir, "outage-b", { ENTENTE_LOG_LEVEL: "warn" });
const QUEUED = 20_000;
/** Generous: a node serving and judging pages sits near 150–250 MiB; a backlog held in memory would not. */
const RSS_BOUND = 640 * 1024 * 1024;

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "outage-a-outage-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("a partner down for a long outage", () => {
	it("queues 20,000 versions durably in bounded memory, then catches up with each exactly once", async (t) => {
		const port = b.port;
		await b.stop();
		const backlog = Array.from({ length: QUEUED }, (_, i) => indicator(200_000 + i));
		const samples: number[] = [await residentBytes(a)];
		for (let i = 0; i < backlog.length; i += 1000) {
			await a.publish(backlog.slice(i, i + 1000));
			samples.push(await residentBytes(a));
		}
		await eventually(
			"the whole backlog queued at A",
			async () => withStoreOf(a, async (store) => (await store.outboxDepth(b.name)).count >= QUEUED),
			30_000,
		);
		// Keep failing against the absent partner for a while, sampling memory as it retries.
		await eventually("repeated classified failures", async () => {
			samples.push(await residentBytes(a));
			const [status] = await peerStatusOf(a);
			return (status?.consecutiveFailures ?? 0) >= 3 && status?.lastError?.class === "network";
		});
		const peak = Math.max(...samples);
		t.diagnostic(samples.map((s) => Math.round(s / 2 ** 20)).join(" "));
		const mib = (bytes: number | undefined): string => `${((bytes ?? 0) / 2 ** 20).toFixed(0)} MiB`;
		t.diagnostic(
			`A's RSS: ${mib(samples[0])} before, peak ${mib(peak)}, ${mib(samples.at(-1))} after ${QUEUED} queued`,
		);
		assert.ok(peak < RSS_BOUND, `A's RSS peaked at ${peak} bytes, over ${RSS_BOUND}`);

		await b.serve(port);
		await eventually("A's outbox drained", async () => (await peerStatusOf(a))[0]?.queueDepth === 0, 60_000);
		const counts = await b.versionCounts();
		const wrong = backlog.filter((o) => counts.get(o.id as string) !== 1).map((o) => o.id);
		assert.deepEqual(wrong, [], "each queued version exactly once at B");
		const [status] = await a.status();
		assert.equal(status?.queueDepth, 0, "peers status: the backlog delivered");
		assert.equal(status?.consecutiveFailures, 0, "delivery resumed after the outage");
	});
});
