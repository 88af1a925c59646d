#!/usr/bin/env node
// The `entente` command as npm installs it (`npx entente`, `npm install -g`): runs under any Node ≥ 18 and
// re-executes the CLI with Node ≥ 24, which strips the TypeScript the node is written in (docs/decisions.md D61).
// Plain JavaScript on purpose: the Node that starts this file may be too old to read the rest of the project.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REQUIRED_MAJOR = 24;
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CLI = join(ROOT, "src", "cli", "main.ts");
const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"];

/** The major version of a `vX.Y.Z` or `X.Y.Z` text; NaN when it is not one. */
function majorOf(version) {
	return Number(/^v?(\d+)\./.exec(version.trim())?.[1] ?? Number.NaN);
}

/**
 * The `node` npm package this project pins (a dependency: node_modules/node/bin/node with its package.json),
 * looked for beside the project and in every node_modules above it, as npm may hoist it.
 */
function pinnedNode() {
	for (let dir = ROOT; ; dir = dirname(dir)) {
		const pkg = join(dir, "node_modules", "node");
		const binary = join(pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
		if (existsSync(binary) && existsSync(join(pkg, "package.json"))) {
			const { version } = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
			if (majorOf(version) >= REQUIRED_MAJOR) return binary;
		}
		if (dirname(dir) === dir) return undefined;
	}
}

/** The Node to run the CLI with: $ENTENTE_NODE, else the pinned one, else this one when recent enough. */
function chooseNode() {
	const chosen = process.env.ENTENTE_NODE;
	if (chosen !== undefined && chosen !== "") {
		const answer = spawnSync(chosen, ["--version"], { encoding: "utf8" });
		if (answer.status === 0 && majorOf(answer.stdout) >= REQUIRED_MAJOR) return chosen;
		return fail(
			`ENTENTE_NODE=${chosen} is not Node ${REQUIRED_MAJOR} or later (${answer.error?.message ?? answer.stdout.trim()})`,
		);
	}
	const pinned = pinnedNode();
	if (pinned !== undefined) return pinned;
	if (majorOf(process.version) >= REQUIRED_MAJOR) return process.execPath;
	return fail(
		`entente needs Node ${REQUIRED_MAJOR} or later; this is Node ${process.version} (${process.execPath}) and the ` +
			`pinned one is missing from ${join(ROOT, "node_modules", "node")}.\n` +
			"  Fix: run 'npm install' in the checkout (it installs the pinned Node); for a global install, reinstall " +
			"with 'npm install -g --allow-scripts=node entente' (the pinned Node's install script fetches it), " +
			"or install Node 24 (https://nodejs.org), or point ENTENTE_NODE at a Node 24 binary.",
	);
}

function fail(message) {
	process.stderr.write(`entente: ${message}\n`);
	process.exit(1);
}

/**
 * The child's environment. Installed under a node_modules folder, Node refuses to strip types; the hook
 * strips them for this package's files, and NODE_OPTIONS carries it into worker threads and child processes.
 */
function childEnv() {
	if (!ROOT.split(sep).includes("node_modules")) return process.env;
	const hook = pathToFileURL(join(ROOT, "bin", "strip-types-hook.mjs")).href;
	const options = [process.env.NODE_OPTIONS, `--import=${hook}`].filter(Boolean).join(" ");
	return { ...process.env, NODE_OPTIONS: options };
}

/** Runs the CLI as a child with the same arguments and terminal; its signals and exit status become ours. */
function run(node) {
	const child = spawn(node, [CLI, ...process.argv.slice(2)], { stdio: "inherit", env: childEnv() });
	const forward = (signal) => child.kill(signal);
	for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
	child.once("error", (error) => fail(`cannot start ${node}: ${error.message}`));
	child.once("exit", (code, signal) => {
		for (const name of FORWARDED_SIGNALS) process.off(name, forward);
		// Dying of the same signal tells the shell what happened (e.g. 130 for Ctrl-C).
		if (signal !== null) process.kill(process.pid, signal);
		else process.exit(code ?? 1);
	});
}

run(chooseNode());
