// TAXII paging: one client through a 100,000-object collection (vs store pages + JSON), and 50 concurrent clients.
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";
import type { ClientsJob } from "./taxii-clients.ts";
import { type BenchNode, startBenchNode } from "./taxii-node.ts";

const PAGE = 1000;
const OBJECTS_PATH = "/taxii2/api/collections/all/objects/";
/** `{"more":true,"next":"…"` opens every page that has a next (the server writes more, next, objects in that order). */
const NEXT = /^\{"more":true,"next":"([^"]+)"/;

/** One page: the whole body read as text, `next` taken from its head without parsing the objects. */
async function fetchPage(node: BenchNode, query: string): Promise<{ body: string; next?: string }> {
	const response = await fetch(`${node.origin}${OBJECTS_PATH}?${query}`, { headers: node.headers });
	const body = await response.text();
	if (response.status !== 200) throw new Error(`page answered ${response.status}: ${body.slice(0, 200)}`);
	const next = NEXT.exec(body)?.[1];
	return next === undefined ? { body } : { body, next };
}

/** Pages the whole collection; with `verify`, parses every page and returns the object count. */
async function pageAll(node: BenchNode, verify: boolean): Promise<number> {
	let next: string | undefined;
	let objects = 0;
	do {
		const page = await fetchPage(
			node,
			`limit=${PAGE}${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`,
		);
		if (verify) objects += ((JSON.parse(page.body) as { objects?: unknown[] }).objects ?? []).length;
		next = page.next;
	} while (next !== undefined);
	return objects;
}

/** The floor: the same rows read from the store a page at a time and serialised as an envelope. */
async function storeAll(node: BenchNode): Promise<string[]> {
	const boundaries: string[] = [];
	let after: string | undefined;
	for (;;) {
		const page = await node.store.query({
			versions: ["last"],
			limit: PAGE,
			...(after === undefined ? {} : { after }),
		});
		JSON.stringify({ more: page.more, objects: page.items.map((item) => item.object) });
		const last = page.items.at(-1);
		if (last !== undefined) boundaries.push(last.dateAdded);
		if (!page.more || page.next === undefined) return boundaries;
		after = page.next;
	}
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * `clients` clients, each paging `pages` pages from its own starting point at once, in a worker
 * thread so that their fetch and body reading do not run on the server's event loop.
 */
async function concurrentPaging(
	node: BenchNode,
	boundaries: readonly string[],
	clients: number,
	pages: number,
	limit: number,
): Promise<number[]> {
	const usable = boundaries.slice(0, Math.max(1, boundaries.length - 20));
	const job: ClientsJob = {
		origin: node.origin,
		path: OBJECTS_PATH,
		headers: node.headers,
		starts: Array.from({ length: clients }, (_, client) => usable[(client * 7) % usable.length] ?? ""),
		clients,
		pages,
		limit,
	};
	const worker = new Worker(new URL("./taxii-clients.ts", import.meta.url), { workerData: job });
	try {
		const [latencies] = (await once(worker, "message")) as [number[]];
		return latencies.sort((a, b) => a - b);
	} finally {
		await worker.terminate();
	}
}

export const taxiiPaging: Workload = {
	name: "TAXII paging",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_TAXII_OBJECTS ?? 100_000);
		const node = await startBenchNode(count);
		try {
			const served = await pageAll(node, true);
			if (served !== count) throw new Error(`paging served ${served} objects, expected ${count}`);
			let boundaries: string[] = [];
			const floorMs = await bestOf(
				3,
				() => undefined,
				async () => {
					boundaries = await storeAll(node);
				},
			);
			const oursMs = await bestOf(
				3,
				() => undefined,
				async () => {
					await pageAll(node, false);
				},
			);
			const rate = (ms: number): number => (count / ms) * 1000;
			const rows: BenchRow[] = [
				{
					name: `TAXII GET objects, ${count.toLocaleString("en")}-object collection, limit=${PAGE}, 1 client`,
					value: rate(oursMs),
					unit: "objects/s",
					floor: rate(floorMs),
					floorName: "store.query pages + JSON.stringify",
					ratio: oursMs / floorMs,
					target: "≥ 50,000 objects/s, ≤ 1.5×",
					notes: "real fetch over loopback, in-process server; client reads each body whole",
				},
			];
			for (const limit of [PAGE, 100]) {
				await concurrentPaging(node, boundaries, 50, 2, limit); // warm-up
				const latencies = await concurrentPaging(node, boundaries, 50, 10, limit);
				rows.push({
					name: `TAXII 50 concurrent clients paging, limit=${limit}: p99 page latency`,
					value: percentile(latencies, 99),
					unit: "ms",
					floor: null,
					floorName: null,
					ratio: null,
					target: "p99 ≤ 200 ms",
					notes: `p50 ${percentile(latencies, 50).toFixed(1)} ms over ${latencies.length} pages`,
				});
			}
			return rows;
		} finally {
			await node.close();
		}
	},
};
