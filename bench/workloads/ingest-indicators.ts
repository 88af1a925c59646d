// Ingest of N synthetic indicators (default 1M) streamed as one bundle: objects/s and peak RSS, each in its own process.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { BenchRow, Workload } from "../harness.ts";

interface ChildResult {
	ms: number;
	stored: number;
	maxRssBytes: number;
}

function runChild(mode: "ours" | "floor", count: number): ChildResult {
	const output = execFileSync(
		process.execPath,
		[join(import.meta.dirname, "indicators-child.ts"), mode, String(count)],
		{
			encoding: "utf8",
			maxBuffer: 1 << 20,
		},
	);
	return JSON.parse(output) as ChildResult;
}

export const ingestIndicators: Workload = {
	name: "ingest synthetic indicators",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_INDICATORS ?? 1_000_000);
		const floor = runChild("floor", count);
		const ours = runChild("ours", count);
		const rate = (result: ChildResult): number => (result.stored / result.ms) * 1000;
		return [
			{
				name: `ingest ${count.toLocaleString("en")} indicators (streamed, validated)`,
				value: rate(ours),
				unit: "objects/s",
				floor: rate(floor),
				floorName: "JSON.parse + INSERT/object",
				ratio: rate(floor) / rate(ours),
				target: "≥ 50,000 objects/s",
				notes: `peak RSS ${Math.round(ours.maxRssBytes / 2 ** 20)} MiB (target < 1024 MiB)`,
			},
		];
	},
};
