// `entente doctor`: checks a node (data directory, configuration, key, store, policy, peers, disk, web UI) and
// says what to fix; exits 1 when any check fails, so scripts and health checks can run it.
import type { Command } from "commander";
import type { Check } from "../doctor/check.ts";
import { runDoctor } from "../doctor/run-doctor.ts";
import { printJson } from "../output.ts";
import { parsePositive } from "./options.ts";

const MARKS: Record<Check["status"], string> = { ok: "✓", warn: "!", fail: "✗", skip: "-" };

export function registerDoctor(program: Command): void {
	program
		.command("doctor")
		.description("check a node (store, keys, policy, peers reachable, disk, web UI) and say what to fix")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--min-free-mb <n>", "free disk space below which the disk check fails", parsePositive, 1024)
		.option("--peer-timeout-ms <n>", "how long each peer gets to answer", parsePositive, 3000)
		.option("--json", "print the checks as JSON")
		.action(async (options) => {
			const checks = await runDoctor({
				dataDir: options.data,
				minFreeBytes: options.minFreeMb * 2 ** 20,
				peerTimeoutMs: options.peerTimeoutMs,
			});
			const healthy = checks.every((check) => check.status !== "fail");
			if (options.json === true) printJson({ ok: healthy, checks });
			else printChecks(checks, healthy);
			if (!healthy) process.exitCode = 1;
		});
}

function printChecks(checks: readonly Check[], healthy: boolean): void {
	const width = Math.max(...checks.map((check) => check.name.length));
	for (const check of checks) {
		process.stdout.write(`${MARKS[check.status]} ${check.name.padEnd(width)}  ${check.detail}\n`);
		if (check.fix !== undefined) process.stdout.write(`  ${" ".repeat(width)}  fix: ${check.fix}\n`);
	}
	const failed = checks.filter((check) => check.status === "fail").length;
	process.stdout.write(healthy ? "The node is healthy.\n" : `${failed} check(s) failed.\n`);
}
