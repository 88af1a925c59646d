// bin/entente.mjs, the `entente` npm installs (npx, npm install -g), started by an older Node as a user's PATH
// would: it re-runs the CLI with the pinned Node 24, passing arguments, stdio, signals and exit status through,
// also from under a node_modules folder, where Node refuses to strip types itself (D61).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { scratch } from "./support/cli.ts";

const ROOT = resolve(import.meta.dirname, "..");
const LAUNCHER = join(ROOT, "bin", "entente.mjs");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const { dir, remove } = scratch("cli-launcher");
after(remove);

/** A Node older than 24 on this machine (the system's), else the one running the tests. */
function olderNode(): { path: string; older: boolean } {
	for (const path of ["/usr/bin/node", "/bin/node", "/usr/local/bin/node"]) {
		if (!existsSync(path)) continue;
		const version = spawnSync(path, ["--version"], { encoding: "utf8" }).stdout.trim();
		if (Number(/^v(\d+)\./.exec(version)?.[1]) < 24) return { path, older: true };
	}
	return { path: process.execPath, older: false };
}
const OLD = olderNode();
if (!OLD.older) console.log("# no Node older than 24 here: the launcher is tested with the test's own Node");

interface Run {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs `launcher ...args` with the older Node, feeding `stdin`. */
function launch(
	args: readonly string[],
	options: { launcher?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(OLD.path, [options.launcher ?? LAUNCHER, ...args], {
			env: { ...process.env, ...options.env },
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
		child.stdin.end(options.stdin ?? "");
	});
}

const BUNDLE = JSON.stringify({
	type: "bundle",
	id: "bundle--11111111-1111-4111-8111-111111111111",
	objects: [
		{
			type: "indicator",
			spec_version: "2.1",
			id: "indicator--22222222-2222-4222-8222-222222222222",
			created: "2026-01-01T00:00:00.000Z",
			modified: "2026-01-01T00:00:00.000Z",
			pattern: "[ipv4-addr:value = '198.51.100.7']",
			pattern_type: "stix",
			valid_from: "2026-01-01T00:00:00Z",
		},
	],
});

describe("bin/entente.mjs from a checkout", () => {
	it("runs the CLI with Node 24 when started by an older Node", async () => {
		const result = await launch(["--version"]);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stdout.trim(), VERSION);
	});

	it("passes stdin, stdout and the exit status through (0, 1 on failure, 2 on a usage error)", async () => {
		const data = join(dir, "checkout-node");
		assert.equal((await launch(["init", "--data", data])).code, 0);
		const imported = await launch(["import", "-", "--data", data, "--json"], { stdin: BUNDLE });
		assert.equal(imported.code, 0, imported.stderr);
		assert.match(imported.stdout, /"stored": 1/);
		assert.equal((await launch(["doctor", "--data", join(dir, "no-node")])).code, 1);
		const usage = await launch(["no-such-command"]);
		assert.equal(usage.code, 2);
		assert.match(usage.stderr, /unknown command 'no-such-command'/);
	});

	it("passes a signal to the CLI: SIGTERM stops a serving node", async () => {
		const data = join(dir, "serving-node");
		assert.equal((await launch(["init", "--data", data])).code, 0);
		const child = spawn(OLD.path, [LAUNCHER, "serve", "--port", "0", "--data", data], {
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		const url = await new Promise<string>((resolveUrl, reject) => {
			child.stdout.setEncoding("utf8").on("data", (text: string) => {
				stdout += text;
				const match = /serving at (http:\/\/\S+)/.exec(stdout);
				if (match?.[1] !== undefined) resolveUrl(match[1]);
			});
			child.once("exit", () => reject(new Error(`serve ended early: ${stdout}`)));
		});
		assert.equal((await fetch(`${url}/health`)).status, 200);
		const exited = new Promise<number | null>((resolveExit) =>
			child.once("exit", (code) => resolveExit(code)),
		);
		child.kill("SIGTERM");
		assert.equal(await exited, 0, "serve shut down cleanly and the launcher said so");
		await assert.rejects(fetch(`${url}/health`), "nothing listens any more");
	});

	it("refuses ENTENTE_NODE naming a Node older than 24, naming the fix", { skip: !OLD.older }, async () => {
		const result = await launch(["--version"], { env: { ENTENTE_NODE: OLD.path } });
		assert.equal(result.code, 1);
		assert.match(result.stderr, /ENTENTE_NODE=.* is not Node 24 or later/);
	});

	it("says how to get Node 24 when neither the pinned one nor a recent one is there", {
		skip: !OLD.older,
	}, async () => {
		const alone = join(dir, "alone", "bin");
		mkdirSync(alone, { recursive: true });
		cpSync(LAUNCHER, join(alone, "entente.mjs"));
		const result = await launch(["--version"], { launcher: join(alone, "entente.mjs") });
		assert.equal(result.code, 1);
		assert.match(result.stderr, /entente needs Node 24 or later; this is Node v\d+/);
		assert.match(result.stderr, /Fix: run 'npm install' in the checkout/);
	});
});

describe("bin/entente.mjs installed under node_modules (as npm install -g lays it out)", () => {
	/** The package's files where a global install puts them, its dependencies (the pinned Node too) beside. */
	const installed = join(dir, "prefix", "lib", "node_modules", "entente");
	for (const part of ["bin", "src", "examples", "package.json"])
		cpSync(join(ROOT, part), join(installed, part), { recursive: true });
	symlinkSync(join(ROOT, "node_modules"), join(installed, "node_modules"));
	const launcher = join(installed, "bin", "entente.mjs");

	it("strips the types Node refuses to under node_modules: init, import (a worker thread) and doctor run", async () => {
		const data = join(dir, "installed-node");
		const init = await launch(["init", "--data", data], { launcher });
		assert.equal(init.code, 0, init.stderr);
		assert.doesNotMatch(init.stderr, /ExperimentalWarning|node_modules/);
		const imported = await launch(["import", "-", "--data", data, "--json"], { launcher, stdin: BUNDLE });
		assert.equal(imported.code, 0, imported.stderr);
		assert.match(imported.stdout, /"stored": 1/);
		const doctor = await launch(["doctor", "--data", data, "--json"], { launcher });
		assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
	});
});
