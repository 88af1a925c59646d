// misp-import: 1,000 synthetic MISP events × 100 attributes through `entente import`'s path into SQLite —
// attributes/s against JSON.parse + one INSERT per attribute, each in its own process (D53).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { BenchRow, Workload } from "../harness.ts";

interface ChildResult {
	ms: number;
	attributes: number;
	objects: number;
	maxRssBytes: number;
}

function runChild(mode: "ours" | "floor", events: number, attributes: number): ChildResult {
	const output = execFileSync(
		process.execPath,
		[join(import.meta.dirname, "misp-import-child.ts"), mode, String(events), String(attributes)],
		{ encoding: "utf8", maxBuffer: 1 << 20 },
	);
	return JSON.parse(output) as ChildResult;
}

export const mispImport: Workload = {
	name: "misp-import",
	async run(): Promise<BenchRow[]> {
		const events = Number(process.env.BENCH_MISP_EVENTS ?? 1_000);
		const attributes = Number(process.env.BENCH_MISP_ATTRIBUTES ?? 100);
		const floor = runChild("floor", events, attributes);
		const ours = runChild("ours", events, attributes);
		const rate = (result: ChildResult): number => (result.attributes / result.ms) * 1000;
		return [
			{
				name: `misp-import: ${events.toLocaleString("en")} events × ${attributes} attributes → SQLite`,
				value: rate(ours),
				unit: "attributes/s",
				floor: rate(floor),
				floorName: "JSON.parse + INSERT/attribute",
				ratio: rate(floor) / rate(ours),
				target: "≥ 20,000 attributes/s",
				notes: `${ours.objects.toLocaleString("en")} STIX objects stored; peak RSS ${Math.round(ours.maxRssBytes / 2 ** 20)} MiB`,
			},
		];
	},
};
