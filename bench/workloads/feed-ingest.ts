// A free-text feed of N values (default 1M) pulled over loopback (D55), against ingest() of the same indicators
// in the same run: values/s, the ratio, and peak RSS, each side in its own process.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { BenchRow, Workload } from "../harness.ts";

interface ChildResult {
	ms: number;
	stored: number;
	maxRssBytes: number;
}

function runChild(mode: "feed" | "ingest", count: number): ChildResult {
	const output = execFileSync(
		process.execPath,
		[join(import.meta.dirname, "feed-ingest-child.ts"), mode, String(count)],
		{
			encoding: "utf8",
			maxBuffer: 1 << 20,
		},
	);
	return JSON.parse(output) as ChildResult;
}

export const feedIngest: Workload = {
	name: "feed-ingest",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_FEED_VALUES ?? 1_000_000);
		const floor = runChild("ingest", count);
		const ours = runChild("feed", count);
		const rate = (result: ChildResult): number => (result.stored / result.ms) * 1000;
		return [
			{
				name: `feed-ingest: free-text feed of ${count.toLocaleString("en")} values over loopback`,
				value: rate(ours),
				unit: "values/s",
				floor: rate(floor),
				floorName: "ingest() of the same indicators",
				ratio: rate(floor) / rate(ours),
				target: `${count.toLocaleString("en")} values ≤ 60 s`,
				notes: `${(ours.ms / 1000).toFixed(1)} s (ingest ${(floor.ms / 1000).toFixed(1)} s); peak RSS ${Math.round(ours.maxRssBytes / 2 ** 20)} MiB (ingest ${Math.round(floor.maxRssBytes / 2 ** 20)} MiB)`,
			},
		];
	},
};
