// Sensor exports at N indicators (default 1M, BENCH_EXPORT_INDICATORS): Suricata rules and a Zeek intel file written
// from the observable-index bench's cached store as `entente export --format` writes them (stored bodies, pages
// formatted on format threads), each against the floor of reading and parsing the same bodies on one thread in the
// same run (Store.latestBodyPages); CPU time of every thread; memory as each phase's peak RSS above its start (one
// child process per phase). Target ≤ 10 s.
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
	bytes: number;
	rssBefore: number;
	maxRss: number;
	/** The one-minute load average when the phase ended (the machine is shared: wall time waits for a core). */
	load: number;
}

function phase(name: string, count: number): PhaseResult {
	const output = execFileSync(
		process.execPath,
		[join(import.meta.dirname, "sensor-export-child.ts"), name, String(count)],
		{ encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
	);
	return JSON.parse(output) as PhaseResult;
}

/** The store is the observable-index bench's (1M indicators and their SCOs); its child builds it when missing. */
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

export const sensorExport: Workload = {
	name: "sensor-export",
	async run(): Promise<BenchRow[]> {
		const count = Number(process.env.BENCH_EXPORT_INDICATORS ?? 1_000_000);
		ensureStore(count);
		const floor = phase("floor", count);
		const n = count.toLocaleString("en");
		return (["suricata", "zeek"] as const).map((format): BenchRow => {
			const r = phase(format, count);
			return {
				name: `sensor-export: ${format} at ${n} indicators`,
				value: r.ms / 1000,
				unit: "s",
				floor: floor.ms / 1000,
				floorName: "reading and parsing the same stored bodies on one thread (Store.latestBodyPages)",
				ratio: r.ms / floor.ms,
				target: "≤ 10 s, memory flat",
				notes:
					`${Math.round(r.bytes / MIB)} MiB written; CPU ${(r.cpuMs / 1000).toFixed(1)} s (all threads); peak RSS +${Math.round((r.maxRss - r.rssBefore) / MIB)} MiB ` +
					`(floor: CPU ${(floor.cpuMs / 1000).toFixed(1)} s, +${Math.round((floor.maxRss - floor.rssBefore) / MIB)} MiB, ${floor.objects.toLocaleString("en")} bodies read); load ${r.load.toFixed(1)}`,
			};
		});
	},
};
