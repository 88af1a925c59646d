// TAXII Add Objects: a 10,000-object envelope POSTed until its status is complete, vs ingest() of the same objects.
import { ingest } from "../../src/ingest/index.ts";
import { type BenchRow, bestOf, type Workload } from "../harness.ts";
import { type BenchNode, indicatorItems, startBenchNode, TAXII_ACCEPT } from "./taxii-node.ts";

const COUNT = 10_000;

export const taxiiPost: Workload = {
	name: "TAXII POST envelope",
	async run(): Promise<BenchRow[]> {
		const items = indicatorItems(COUNT, 11);
		const body = JSON.stringify({ objects: items.map((item) => ("object" in item ? item.object : null)) });

		const floorMs = await bestOf(
			3,
			() => startBenchNode(0),
			async (node: BenchNode) => {
				const report = await ingest(node.store, items, {
					provenance: { organizationId: node.organizationId, source: "bench" },
				});
				if (report.counts.stored !== COUNT) throw new Error(`ingest stored ${report.counts.stored}`);
			},
			(node) => node.close(),
		);

		const oursMs = await bestOf(
			3,
			() => startBenchNode(0),
			async (node: BenchNode) => {
				const response = await fetch(`${node.origin}/taxii2/api/collections/all/objects/`, {
					method: "POST",
					headers: { ...node.headers, "Content-Type": TAXII_ACCEPT },
					body,
				});
				const status = (await response.json()) as { status?: string; success_count?: number };
				if (response.status !== 202 || status.status !== "complete" || status.success_count !== COUNT) {
					throw new Error(`POST answered ${response.status}: ${JSON.stringify(status).slice(0, 300)}`);
				}
			},
			(node) => node.close(),
		);
		return [
			{
				name: `TAXII POST ${COUNT.toLocaleString("en")}-object envelope → 202 complete`,
				value: oursMs,
				unit: "ms",
				floor: floorMs,
				floorName: "ingest() of the same objects",
				ratio: oursMs / floorMs,
				target: "≤ 2.0×",
				notes: `${Math.round((COUNT / oursMs) * 1000).toLocaleString("en")} objects/s, ${(body.length / 2 ** 20).toFixed(1)} MiB body`,
			},
		];
	},
};
