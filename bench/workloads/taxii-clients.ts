// Worker thread of the concurrent-paging benchmark: the clients run here, off the server's event loop.
import { parentPort, workerData } from "node:worker_threads";

/** What the parent sends: where to page and how. */
export interface ClientsJob {
	origin: string;
	path: string;
	headers: Record<string, string>;
	/** added_after starting points, one per client in turn. */
	starts: readonly string[];
	clients: number;
	pages: number;
	limit: number;
}

const NEXT = /^\{"more":true,"next":"([^"]+)"/;

/** Runs `clients` clients at once, each paging `pages` pages; returns every page's latency in ms. */
async function runClients(job: ClientsJob): Promise<number[]> {
	const latencies: number[] = [];
	await Promise.all(
		Array.from({ length: job.clients }, async (_, client) => {
			const start = job.starts[client % Math.max(1, job.starts.length)];
			// §3.5: a `next` is only good with the query that issued it, so the base parameters go along.
			const base = `limit=${job.limit}${start === undefined ? "" : `&added_after=${encodeURIComponent(start)}`}`;
			let query = base;
			for (let i = 0; i < job.pages; i++) {
				const started = performance.now();
				const response = await fetch(`${job.origin}${job.path}?${query}`, { headers: job.headers });
				const body = await response.text();
				latencies.push(performance.now() - started);
				if (response.status !== 200)
					throw new Error(`page answered ${response.status}: ${body.slice(0, 200)}`);
				const next = NEXT.exec(body)?.[1];
				if (next === undefined) break;
				query = `${base}&next=${encodeURIComponent(next)}`;
			}
		}),
	);
	return latencies;
}

if (parentPort !== null) {
	parentPort.postMessage(await runClients(workerData as ClientsJob));
}
