// The release stream's fan-out (D59): CLIENTS readers each resuming the same OBJECTS versions from one position, every
// version released to each reader at send time, against the floor of the work no sender can skip — `gate.releasePage`
// of the same pages once per reader and each copy serialised, with nothing written to a stream. The shared feed reads each page once for all.
import type { StixObject } from "../../src/stix/core.ts";
import type { StoredVersion } from "../../src/store/index.ts";
import { SseReader } from "../../test/support/sse-reader.ts";
import { buildTestNode } from "../../test/support/test-node.ts";
import type { BenchRow, Workload } from "../harness.ts";
import { makeIndicator, random } from "../indicators.ts";

const CLIENTS = Number(process.env.BENCH_STREAM_CLIENTS ?? 100);
const OBJECTS = Number(process.env.BENCH_STREAM_OBJECTS ?? 10_000);
const PAGE = 500;
const EVENT = "\nevent: release\n";

/** Reads a stream to `count` release events (counted in the raw text, not parsed), returning when done. */
async function drain(response: Response, count: number): Promise<void> {
	const reader = response.body?.getReader();
	if (reader === undefined) throw new Error("stream bench: no body");
	const decoder = new TextDecoder();
	let seen = 0;
	let tail = "";
	while (seen < count) {
		const chunk = await reader.read();
		if (chunk.done) throw new Error(`stream bench: the stream ended after ${seen} of ${count} events`);
		const text = tail + decoder.decode(chunk.value, { stream: true });
		for (let at = text.indexOf(EVENT); at >= 0; at = text.indexOf(EVENT, at + 1)) seen++;
		tail = text.slice(-EVENT.length + 1);
	}
	await reader.cancel();
}

export const streamFanout: Workload = {
	name: "stream-fanout",
	async run(): Promise<BenchRow[]> {
		const node = await buildTestNode({
			stream: {
				maxPerUser: CLIENTS + 1,
				bufferBytes: 64 * 1024 * 1024,
				heartbeatMs: 60_000,
				tokenCheckMs: 60_000,
			},
		});
		try {
			const admin = node.user("admin");
			const start = new SseReader(await node.request("/api/v1/stream", { as: admin }));
			await start.next();
			const from = start.lastId ?? "";
			await start.cancel();
			const rng = random(59);
			for (let i = 0; i < OBJECTS; i += PAGE) {
				const batch = Array.from(
					{ length: Math.min(PAGE, OBJECTS - i) },
					(_, j) => makeIndicator(rng, i + j) as StixObject,
				);
				await node.ingest(batch, node.organizations[0]?.id ?? "");
			}
			const versions: StoredVersion[][] = [];
			for (let after: string | undefined; ; ) {
				const page = await node.store.query({
					versions: ["all"],
					limit: PAGE,
					addedAfter: from,
					...(after ? { after } : {}),
				});
				versions.push(page.items);
				if (!page.more || page.next === undefined) break;
				after = page.next;
			}
			const viewer = {
				partyId: node.organizations[0]?.id ?? "",
				userId: "bench",
				purpose: "network-defence" as const,
			};
			const cpu = () => {
				const used = process.cpuUsage();
				return (used.user + used.system) / 1000;
			};
			const floorCpu = cpu();
			const floorStarted = performance.now();
			for (let c = 0; c < CLIENTS; c++)
				for (const page of versions) await node.gate.releasePage(viewer, page);
			const floorMs = performance.now() - floorStarted;
			const floorCpuMs = cpu() - floorCpu;

			const streamCpu = cpu();
			const started = performance.now();
			const responses = await Promise.all(
				Array.from({ length: CLIENTS }, () =>
					node.request("/api/v1/stream", { as: admin, headers: { "Last-Event-ID": from } }),
				),
			);
			await Promise.all(responses.map((response) => drain(response, OBJECTS)));
			const ms = performance.now() - started;
			const streamCpuMs = cpu() - streamCpu;
			const delivered = (CLIENTS * OBJECTS * 1000) / ms;
			const floor = (CLIENTS * OBJECTS * 1000) / floorMs;
			return [
				{
					name: `stream-fanout (${CLIENTS} SSE clients × ${OBJECTS.toLocaleString("en")} objects, in-process)`,
					value: Math.round(delivered),
					unit: "objects/s",
					floor: Math.round(floor),
					floorName: "gate.releasePage + JSON.stringify of the same pages per client",
					ratio: ms / floorMs,
					target: "≥ 20,000 objects/s (100 clients)",
					notes: `${Math.round(ms)} ms wall; CPU ${Math.round(streamCpuMs)} ms vs ${Math.round(floorCpuMs)} ms (${(streamCpuMs / floorCpuMs).toFixed(2)}×), the readers' parsing included`,
				},
			];
		} finally {
			await node.close();
		}
	},
};
