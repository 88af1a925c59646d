// The hostile model test at scale (issue #10: ≥ 100,000 scenarios find nothing): test/hostile-model.test.ts run
// in a child with ENTENTE_BENCH_HOSTILE_RUNS scenarios (default 100,000); the row is scenarios per second, and
// it fails loudly when the test finds anything (the seed and the shrunk attack are in the child's output).
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { BenchRow, Workload } from "../harness.ts";

const RUNS = Number(process.env.ENTENTE_BENCH_HOSTILE_RUNS ?? 100_000);
const TEST = resolve(import.meta.dirname, "..", "..", "test", "hostile-model.test.ts");

export const hostileModel: Workload = {
	name: "hostile model",
	async run(): Promise<BenchRow[]> {
		const started = performance.now();
		const output = await new Promise<string>((done, fail) => {
			const child = spawn(process.execPath, ["--test", TEST], {
				env: { ...process.env, ENTENTE_HOSTILE_RUNS: String(RUNS) },
				stdio: ["ignore", "pipe", "pipe"],
			});
			let text = "";
			child.stdout.on("data", (chunk: Buffer) => {
				text += chunk.toString();
			});
			child.stderr.on("data", (chunk: Buffer) => {
				text += chunk.toString();
			});
			child.once("error", fail);
			child.once("exit", (code) =>
				code === 0 ? done(text) : fail(new Error(`the hostile model test found something:\n${text}`)),
			);
		});
		const seconds = (performance.now() - started) / 1000;
		const counts = /(\d+) scenarios, (\d+) answers checked/.exec(output);
		const scenarios = Number(counts?.[1] ?? 0);
		return [
			{
				name: "hostile model: scenarios, every attack, nothing found",
				value: scenarios / seconds,
				unit: "scenarios/s",
				floor: null,
				floorName: null,
				ratio: null,
				target: "≥ 100,000 scenarios find nothing",
				notes: `${scenarios} scenarios, ${counts?.[2] ?? "?"} answers checked for canaries in ${seconds.toFixed(0)} s`,
			},
		];
	},
};
