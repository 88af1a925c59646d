// Federation push between two real nodes on loopback (each its own `entente serve` process): publish at A
// (TAXII POST) → visible in B's store, p50/p99 over 200 publishes; sustained throughput A→B; catch-up of
// a backlog after B was down. Floors, measured in the same run: A's own POST round trip, and ingest()
// of the same objects into a local store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingest } from "../../src/ingest/index.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { applyPolicy, connect, TestNode } from "../../test/support/federation-net.ts";
import type { BenchRow, Workload } from "../harness.ts";
import { makeIndicator, random } from "../indicators.ts";

const PUBLISHES = 200;
const THROUGHPUT_OBJECTS = 20_000;
const BACKLOG = Number(process.env.BENCH_FEDERATION_BACKLOG ?? 100_000);
const ENVELOPE = 5_000;
const TAXII = "application/taxii+json;version=2.1";
/** 20 ms: under 1% of the shortest bulk row (20,000 objects at 5,000/s is 4 s). */
const BULK_POLL_MS = 20;

function objects(count: number, seed: number): Record<string, unknown>[] {
	const next = random(seed);
	return Array.from({ length: count }, (_, i) => makeIndicator(next, i));
}

async function post(node: TestNode, body: string): Promise<void> {
	for (;;) {
		const response = await fetch(`${node.url}/taxii2/api/collections/all/objects/`, {
			method: "POST",
			headers: { accept: TAXII, "content-type": TAXII, authorization: `Bearer ${node.token}` },
			body,
		});
		await response.arrayBuffer();
		if (response.status === 202) return;
		if (response.status !== 429) throw new Error(`POST at ${node.name}: ${response.status}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * Polls `check` until true: back to back (`pollMs` 0) for the latency rows, where the poll's granularity
 * is the measurement's; every `pollMs` for the bulk rows, which poll one cheap lookup (a count over 100k+
 * rows, back to back, took a core from the two nodes it measures).
 */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, pollMs = 0): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error("federation bench: timed out");
		await new Promise((resolve) => (pollMs === 0 ? setImmediate(resolve) : setTimeout(resolve, pollMs)));
	}
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function ingestFloor(items: Record<string, unknown>[]): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), "entente-bench-floor-"));
	const store = await openSqliteStore({ path: join(dir, "entente.db") });
	try {
		const started = performance.now();
		await ingest(
			store,
			items.map((object, index) => ({ index, object })),
			{ provenance: { organizationId: "identity--00000000-0000-4000-8000-000000000001", source: "bench" } },
		);
		return performance.now() - started;
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

export const federationPush: Workload = {
	name: "federation push",
	async run(): Promise<BenchRow[]> {
		const dir = mkdtempSync(join(tmpdir(), "entente-bench-federation-"));
		const quiet = { ENTENTE_LOG_LEVEL: "warn", ENTENTE_FEDERATION_RETRY_MAX_MS: "500" };
		const a = new TestNode(dir, "bench-a", quiet);
		const b = new TestNode(dir, "bench-b", quiet);
		let bStore: Store | undefined;
		try {
			await Promise.all([a.init(), b.init()]);
			await Promise.all([applyPolicy(a, [a, b], [[a, b]]), applyPolicy(b, [a, b], [[a, b]])]);
			await Promise.all([a.serve(), b.serve()]);
			await connect(a, b, "bench-a-bench-b");
			// B's store read directly (WAL lets another process read beside the writer): no rate limit, no HTTP.
			bStore = await openSqliteStore({ path: join(b.data, "entente.db"), writerThread: false });
			const store = bStore;
			const present = async (id: string): Promise<boolean> =>
				(await store.getVersions(id, ["last"])).length > 0;
			const count = (): Promise<number> => store.count({ types: ["indicator"] });

			// 1. Latency: one object per publish, waiting for each at B.
			const single = objects(PUBLISHES + 20, 101);
			const latencies: number[] = [];
			const postOnly: number[] = [];
			for (const [i, object] of single.entries()) {
				const started = performance.now();
				await post(a, JSON.stringify({ objects: [object] }));
				const committed = performance.now();
				await waitFor(() => present(object.id as string), 30_000);
				if (i >= 20) {
					latencies.push(performance.now() - started);
					postOnly.push(committed - started);
				}
			}
			latencies.sort((x, y) => x - y);
			postOnly.sort((x, y) => x - y);

			// 2. Throughput: envelopes posted back to back, until all are at B.
			const bulk = objects(THROUGHPUT_OBJECTS, 202);
			const before = await count();
			const bulkStarted = performance.now();
			for (let i = 0; i < bulk.length; i += ENVELOPE)
				await post(a, JSON.stringify({ objects: bulk.slice(i, i + ENVELOPE) }));
			// Delivery keeps commit order, so the last object's arrival means all arrived (counted once after).
			await waitFor(() => present(bulk.at(-1)?.id as string), 300_000, BULK_POLL_MS);
			const bulkMs = performance.now() - bulkStarted;
			if ((await count()) < before + bulk.length) throw new Error("federation bench: bulk incomplete");
			const bulkFloor = await ingestFloor(bulk);

			// 3. Catch-up: B down while the backlog is published, then back.
			const port = b.port;
			await b.stop();
			const backlog = objects(BACKLOG, 303);
			for (let i = 0; i < backlog.length; i += ENVELOPE)
				await post(a, JSON.stringify({ objects: backlog.slice(i, i + ENVELOPE) }));
			const held = await count();
			const catchUpStarted = performance.now();
			await b.serve(port);
			await waitFor(() => present(backlog.at(-1)?.id as string), 600_000, BULK_POLL_MS);
			const catchUpMs = performance.now() - catchUpStarted;
			if ((await count()) < held + backlog.length) throw new Error("federation bench: backlog incomplete");
			const backlogFloor = await ingestFloor(backlog);

			const p50 = percentile(latencies, 50);
			const p99 = percentile(latencies, 99);
			const floor50 = percentile(postOnly, 50);
			return [
				{
					name: `federation publish→visible p50 (${PUBLISHES} publishes, loopback)`,
					value: p50,
					unit: "ms",
					floor: floor50,
					floorName: "POST at A alone, p50",
					ratio: p50 / floor50,
					target: "≤ 50 ms",
				},
				{
					name: "federation publish→visible p99",
					value: p99,
					unit: "ms",
					floor: percentile(postOnly, 99),
					floorName: "POST at A alone, p99",
					ratio: p99 / percentile(postOnly, 99),
					target: "≤ 250 ms",
				},
				{
					name: `federation throughput A→B (${THROUGHPUT_OBJECTS.toLocaleString("en")} objects)`,
					value: bulk.length / (bulkMs / 1000),
					unit: "objects/s",
					floor: bulk.length / (bulkFloor / 1000),
					floorName: "ingest() of the same objects",
					ratio: bulkMs / bulkFloor,
					target: "≥ 5,000 objects/s",
				},
				{
					name: `federation catch-up of a ${BACKLOG.toLocaleString("en")}-object backlog`,
					value: catchUpMs / 1000,
					unit: "s",
					floor: backlogFloor / 1000,
					floorName: "ingest() of the same objects",
					ratio: catchUpMs / backlogFloor,
					target: "≤ 60 s (100,000)",
					notes: "from B's restart to the last object in B's store",
				},
			];
		} finally {
			await bStore?.close();
			await Promise.all([a.stop(), b.stop()]);
			rmSync(dir, { recursive: true, force: true });
		}
	},
};
