// One demo node's `entente serve` child process: started with the demo's pid (it stops by itself when the
// demo disappears, even after kill -9), its log in the node's folder, stopped with SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors/index.ts";

/** The CLI entry point the children run (`src/cli/main.ts`), with the Node running the demo. */
const CLI = new URL("../cli/main.ts", import.meta.url).pathname;

/** How long a node may take to print its URL (8 nodes start at once on small machines). */
const START_TIMEOUT_MS = 30_000;
/** How long a node may take to stop after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

export interface ServeProcess {
	url: string;
	pid: number;
	logFile: string;
	/** Resolves when the process has exited, for whatever reason. */
	exited: Promise<void>;
	/** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
	stop(): Promise<void>;
}

/**
 * Starts `entente serve --data DIR --port PORT --parent-pid <this pid>` and resolves once it listens.
 * @throws AppError E_DEMO_STEP naming the node, with the end of its log, when it exits or stays silent.
 */
export function startServe(name: string, dataDir: string, port: number): Promise<ServeProcess> {
	const logFile = join(dataDir, "serve.log");
	const log = openSync(logFile, "a");
	const child = spawn(
		process.execPath,
		[CLI, "serve", "--data", dataDir, "--port", String(port), "--parent-pid", String(process.pid)],
		{ stdio: ["ignore", "pipe", log] },
	);
	closeSync(log);
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	return new Promise((resolve, reject) => {
		let stdout = "";
		let started = false;
		const fail = (why: string): void => {
			if (started) return;
			started = true;
			clearTimeout(timer);
			clearInterval(watch);
			child.kill("SIGKILL");
			reject(
				new AppError("E_DEMO_STEP", `start ${name}: ${why}; see ${logFile}`, {
					details: { step: "start", node: name, stdout: stdout.slice(-2000) },
				}),
			);
		};
		const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
		// A command that failed says so on stderr (`entente: …`) even when something keeps its process alive.
		const watch = setInterval(() => {
			const failure = /^entente: (.*)$/m.exec(readLog(logFile))?.[1];
			if (failure !== undefined) fail(failure);
		}, 250);
		child.once("error", (error) => fail(error.message));
		child.once("exit", (code, signal) => fail(`serve exited (${code ?? signal}) ${stdout.trim()}`));
		// Read stdout for the whole run: a closed pipe would kill the child with EPIPE on its next line.
		child.stdout?.setEncoding("utf8").on("data", (text: string) => {
			stdout += text;
			const url = /serving at (\S+)\n/.exec(stdout)?.[1];
			if (url === undefined || child.pid === undefined) return;
			if (started) return;
			started = true;
			clearTimeout(timer);
			clearInterval(watch);
			resolve({ url, pid: child.pid, logFile, exited, stop: () => stopChild(child, exited) });
		});
	});
}

function readLog(file: string): string {
	try {
		return readFileSync(file, "utf8");
	} catch {
		return "";
	}
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill("SIGTERM");
	const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
	await exited;
	clearTimeout(timer);
}
