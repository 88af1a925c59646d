// The observable index at N indicators (default 1M) and their SCOs, in a child process with --expose-gc: rebuild from
// a real SQLite store, memory per indicator, and lookups per second against the same lookups as indexed SQL.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { BenchRow, Workload } from "../harness.ts";

interface ChildResult {
	count: number;
	objects: number;
	values: number;
	rebuildMs: number;
	rebuildCpuMs: number;
	indexBytes: number;
	valueBytes: number;
	exact: number;
	exactFloor: number;
	cidr: number;
	cidrFloor: number;
	domains: number;
	domainsFloor: number;
	maxRssBytes: number;
}

export const observableIndex: Workload = {
	name: "observable index",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_INDEX_INDICATORS ?? 1_000_000);
		const output = execFileSync(
			process.execPath,
			[
				"--expose-gc",
				"--max-old-space-size=4096",
				join(import.meta.dirname, "observable-index-child.ts"),
				String(count),
			],
			{ encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
		);
		const r = JSON.parse(output) as ChildResult;
		const n = r.count.toLocaleString("en");
		const lookups = (name: string, value: number, floor: number, target: string): BenchRow => ({
			name: `${name} at ${n} indicators`,
			value,
			unit: "lookups/s",
			floor,
			floorName: "indexed SQL (SQLite)",
			ratio: floor / value,
			target,
		});
		return [
			lookups("index: exact lookups", r.exact, r.exactFloor, "≥ 1,000,000 lookups/s"),
			lookups("index: CIDR containment (both ways, 10 related)", r.cidr, r.cidrFloor, "≥ 300,000 lookups/s"),
			lookups("index: sub-domain lookups (10 related)", r.domains, r.domainsFloor, "≥ 300,000 lookups/s"),
			{
				name: `index: memory per indicator at ${n} indicators`,
				value: (r.indexBytes - r.valueBytes) / r.count,
				unit: "bytes",
				floor: null,
				floorName: null,
				ratio: null,
				target: "≤ 200 bytes beyond the values",
				notes: `${Math.round(r.indexBytes / 2 ** 20)} MiB heap for ${r.objects.toLocaleString("en")} objects, ${r.values.toLocaleString("en")} values (${Math.round(r.valueBytes / 2 ** 20)} MiB of value strings); peak RSS ${Math.round(r.maxRssBytes / 2 ** 20)} MiB`,
			},
			{
				name: `index: rebuild from SQLite at ${n} indicators`,
				value: r.rebuildMs / 1000,
				unit: "s",
				floor: null,
				floorName: null,
				ratio: null,
				target: "≤ 10 s",
				notes: `CPU time ${(r.rebuildCpuMs / 1000).toFixed(1)} s (user + system; wall time includes waiting for a core on a shared machine)`,
			},
		];
	},
};
