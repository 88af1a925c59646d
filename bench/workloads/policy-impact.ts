// A policy change's impact (D62) at N indicators (default 1M, BENCH_IMPACT_OBJECTS) and their SCOs, 100 parties:
// benchChange previewed against benchPolicy over a copy of the observable-index bench's cached store, against the
// floor of reading the same latest versions alone in the same run (Store.latestVersionPages). Target ≤ 10 s.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchRow, Workload } from "../harness.ts";

interface PhaseResult {
	phase: string;
	ms: number;
	cpuMs: number;
	objects: number;
	classes: number;
	perObject: number;
	changed: number;
	rssBefore: number;
	maxRss: number;
}

function phase(name: string, count: number): PhaseResult {
	const output = execFileSync(
		process.execPath,
		[join(import.meta.dirname, "policy-impact-child.ts"), name, String(count)],
		{ encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
	);
	return JSON.parse(output) as PhaseResult;
}

/** The store is the observable-index bench's (N indicators and their SCOs); its child builds it when missing. */
function ensureStore(count: number): void {
	if (existsSync(join(tmpdir(), `entente-bench-intel-${count}`, "ready"))) return;
	execFileSync(
		process.execPath,
		[
			"--expose-gc",
			"--max-old-space-size=4096",
			join(import.meta.dirname, "observable-index-child.ts"),
			String(count),
		],
		{ stdio: ["ignore", "ignore", "inherit"] },
	);
}

const MIB = 2 ** 20;

export const policyImpactBench: Workload = {
	name: "policy-impact",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_IMPACT_OBJECTS ?? 1_000_000);
		ensureStore(count);
		const floor = phase("floor", count);
		const r = phase("impact", count);
		return [
			{
				name: `policy-impact: ${r.objects.toLocaleString("en")} objects (${count.toLocaleString("en")} indicators and their SCOs), 100 parties`,
				value: r.ms / 1000,
				unit: "s",
				floor: floor.ms / 1000,
				floorName: "reading the same latest versions alone (Store.latestVersionPages)",
				ratio: r.ms / floor.ms,
				target: "≤ 10 s at 1M objects, progress shown",
				notes:
					`CPU ${(r.cpuMs / 1000).toFixed(1)} s (floor ${(floor.cpuMs / 1000).toFixed(1)} s, ratio ${(r.cpuMs / floor.cpuMs).toFixed(1)}); ` +
					`${r.classes} decision classes, ${r.perObject.toLocaleString("en")} objects decided one by one, ${r.changed} parties changed; ` +
					`peak RSS +${Math.round((r.maxRss - r.rssBefore) / MIB)} MiB`,
			},
		];
	},
};
