// Runs the real `entente` command line in a child process, as an operator would, and makes scratch folders.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { IngestReport } from "../../src/ingest/index.ts";

/** The CLI entry point; spawned with the Node running the tests (the project's pinned Node 24). */
export const CLI = resolve(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

export interface CliResult {
	/** Exit code; null only when a signal ended the process. */
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs `entente ...args` to completion, collecting its output. */
export function entente(
	args: readonly string[],
	options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {
			env: { ...process.env, ...options.env },
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.setEncoding("utf8").on("data", (text: string) => {
			stdout += text;
		});
		child.stderr.setEncoding("utf8").on("data", (text: string) => {
			stderr += text;
		});
		child.once("error", reject);
		child.once("close", (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
	});
}

/** Runs `entente ...args` and answers its stdout; rejects with its output when it exits non-zero. */
export async function ententeOk(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
	const result = await entente(args, { env });
	if (result.code !== 0) {
		throw new Error(
			`entente ${args.join(" ")} exited ${result.code ?? result.signal}: ${result.stderr}${result.stdout}`,
		);
	}
	return result.stdout;
}

/** Runs `entente ...args`, expecting `--json` output on stdout, and parses it. */
export async function ententeJson<T>(
	args: readonly string[],
	expectedCode = 0,
): Promise<{ result: CliResult; json: T }> {
	const result = await entente([...args, "--json"]);
	if (result.code !== expectedCode) {
		throw new Error(
			`entente ${args.join(" ")} exited ${result.code} (expected ${expectedCode})\n${result.stderr}`,
		);
	}
	return { result, json: JSON.parse(result.stdout) as T };
}

/** What `entente init --json` prints. */
export interface InitJson {
	dataDir: string;
	url: string;
	adminToken: string;
	organizationId: string;
	fingerprint: string;
}

/** Creates a node in a fresh data directory under `parent` through `entente init --json`. */
export async function initNode(parent: string, name = "data"): Promise<InitJson & { data: string }> {
	const data = join(parent, name);
	const { json } = await ententeJson<InitJson>(["init", "--data", data]);
	return { ...json, data };
}

/** A fresh folder under the OS temp dir, and a function that removes it. */
export function scratch(prefix: string): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), `entente-${prefix}-`));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What `entente import --json` prints. */
export interface ImportJson {
	reports: { input: string; report: IngestReport }[];
	totals: { objects: number; stored: number; duplicate: number; rejected: number; quarantined: number };
}
