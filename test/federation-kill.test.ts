// kill -9 during sync, with real processes: of the receiver at seeded random points while the sender
// publishes (each time, every version the sender holds as acknowledged is in the receiver's store, the
// file is sound), and of the sender while a large backlog is demonstrably mid-delivery. After each
// restart the outbox resumes and every version arrives exactly once.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "../src/store/index.ts";
import { scratch } from "./support/cli.ts";
import { integrityOf, seeded, testSeed, withStoreOf } from "./support/federation-faults.ts";
import { applyPolicy, connect, eventually, indicator, TestNode } from "./support/federation-net.ts";

const { dir, remove } = scratch("federation-kill");
const fast = { ENTENTE_FEDERATION_RETRY_MAX_MS: "300", ENTENTE_LOG_LEVEL: "warn" };
const a = new TestNode(dir, "kill-a", fast);
const b = new TestNode(dir, "kill-b", fast);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const idOf = (o: Record<string, unknown>): string => o.id as string;

/** The published objects A holds as acknowledged by B: judged by its feed and gone from its outbox. */
async function acknowledged(objects: readonly Record<string, unknown>[]): Promise<string[]> {
	return withStoreOf(a, async (store: Store) => {
		const cursor = (await store.getPeerState(b.name))?.feedCursor;
		if (cursor === undefined) return [];
		const waiting = new Set((await store.readOutbox(b.name, 1_000_000)).map((m) => m.objectId));
		const acked: string[] = [];
		for (const object of objects) {
			const [held] = await store.getVersions(idOf(object), ["last"]);
			if (held !== undefined && held.dateAdded <= cursor && !waiting.has(idOf(object)))
				acked.push(idOf(object));
		}
		return acked;
	});
}

async function queueAt(node: TestNode, peer: string): Promise<{ depth: number; delivered: number }> {
	return withStoreOf(node, async (store) => ({
		depth: (await store.outboxDepth(peer)).count,
		delivered: (await store.getPeerState(peer))?.deliveredTotal ?? 0,
	}));
}

before(async () => {
	await Promise.all([a.init(), b.init()]);
	await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
	await Promise.all([a.serve(), b.serve()]);
	await connect(a, b, "kill-a-kill-b");
});

after(async () => {
	await Promise.all([a.stop(), b.stop()]);
	remove();
});

describe("kill -9 during federation sync", () => {
	it("receiver killed at random points, repeatedly: every acknowledged version survives, exactly once", async (t) => {
		const seed = testSeed();
		t.diagnostic(`seed ${seed} (ENTENTE_TEST_SEED=${seed} replays the kill points)`);
		const random = seeded(seed);
		const port = b.port;
		const published: Record<string, unknown>[] = [];
		let publishing = true;
		const publisher = (async () => {
			for (let n = 0; publishing; n += 100) {
				const batch = Array.from({ length: 100 }, (_, i) => indicator(10_000 + n + i));
				await a.publish(batch);
				published.push(...batch);
				await sleep(40);
			}
		})();
		let checked = 0;
		for (let round = 0; round < 4; round++) {
			// Kill during sync: once B acknowledged something since it (re)started, after a seeded delay.
			const delivered = (await queueAt(a, b.name)).delivered;
			await eventually(
				"B acknowledging pushes",
				async () => (await queueAt(a, b.name)).delivered > delivered,
				30_000,
			);
			await sleep(Math.floor(random() * 400));
			await b.stop("SIGKILL");
			const acked = await acknowledged(published);
			assert.equal(integrityOf(b), "ok", `round ${round}: B's database after kill -9`);
			const missing = await withStoreOf(b, async (store) => {
				const absent: string[] = [];
				for (const id of acked) if ((await store.getVersions(id, ["all"])).length !== 1) absent.push(id);
				return absent;
			});
			assert.deepEqual(missing, [], `round ${round}: acknowledged but not exactly once at B`);
			checked += acked.length;
			await b.serve(port);
		}
		publishing = false;
		await publisher;
		t.diagnostic(
			`${published.length} published, ${checked} acknowledged versions checked at B across 4 kills`,
		);
		assert.ok(checked > 0, "some versions were acknowledged between kills");
		await eventually("A's outbox drained", async () => (await queueAt(a, b.name)).depth === 0, 30_000);
		const counts = await b.versionCounts();
		const wrong = published.filter((o) => counts.get(idOf(o)) !== 1).map(idOf);
		assert.deepEqual(wrong, [], "every published version exactly once at B");
		const [status] = await a.status();
		assert.equal(status?.consecutiveFailures, 0, "delivery resumed");
	});

	it("sender killed while a large backlog is mid-delivery: the outbox resumes, nothing lost or doubled", async () => {
		const bPort = b.port;
		const aPort = a.port;
		await b.stop();
		const backlog = Array.from({ length: 8000 }, (_, i) => indicator(100_000 + i));
		for (let i = 0; i < backlog.length; i += 2000) await a.publish(backlog.slice(i, i + 2000));
		await eventually("the backlog queued at A", async () => (await queueAt(a, b.name)).depth >= 8000, 20_000);
		const before = (await queueAt(a, b.name)).delivered;
		await b.serve(bPort);
		await eventually(
			"B acknowledged a first push",
			async () => (await queueAt(a, b.name)).delivered > before,
			20_000,
		);
		await a.stop("SIGKILL");
		const cut = await queueAt(a, b.name);
		assert.ok(cut.delivered > before && cut.depth > 0, `killed mid-delivery (${JSON.stringify(cut)})`);
		assert.equal(integrityOf(a), "ok");
		await a.serve(aPort);
		await eventually(
			"A's outbox drained after restart",
			async () => (await queueAt(a, b.name)).depth === 0,
			30_000,
		);
		const counts = await b.versionCounts();
		const wrong = backlog.filter((o) => counts.get(idOf(o)) !== 1).map(idOf);
		assert.deepEqual(wrong, [], "every backlog version exactly once at B");
	});
});
