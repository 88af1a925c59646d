// The one way tests start a real node process: prepare a data directory (`entente init`, a policy, users), start
// `entente serve` on a free loopback port, wait until it answers /health, and stop it; a test process that ends
// without stopping it (a failed hook, `--test-force-exit`) kills it on the way out.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { CLI, ententeOk, type InitJson } from "./cli.ts";

export interface ServeOptions {
	data: string;
	/** 0 (the default) asks the OS for a free port; a fixed one restarts a node where its peers expect it. */
	port?: number | undefined;
	/** `serve --init`: creates the data directory on first start and prints the admin token. */
	init?: boolean;
	env?: NodeJS.ProcessEnv | undefined;
	/** Names the node in errors. */
	name?: string | undefined;
}

/** A running `entente serve`: its URL, everything it printed, and how to stop it. */
export class ServeProcess {
	readonly child: ChildProcessByStdio<null, Readable, Readable>;
	readonly name: string;
	url = "";
	#stdout = "";
	#stderr = "";

	constructor(child: ChildProcessByStdio<null, Readable, Readable>, name: string) {
		this.child = child;
		this.name = name;
		child.stderr.setEncoding("utf8").on("data", (text: string) => {
			this.#stderr += text;
		});
		// A `data` listener for the child's whole life: leaving a `for await` would close the pipe, and the
		// server's next line would die of EPIPE.
		child.stdout.setEncoding("utf8").on("data", (text: string) => {
			this.#stdout += text;
		});
	}

	/** Everything serve printed on stdout (the "serving at" line, the admin token of `--init`). */
	get stdout(): string {
		return this.#stdout;
	}

	/** Everything serve wrote on stderr (pino JSON logs). */
	get stderr(): string {
		return this.#stderr;
	}

	get port(): number {
		return Number(new URL(this.url).port);
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** The admin token `serve --init` printed on a first start; undefined when it printed none. */
	get adminToken(): string | undefined {
		return /admin token: (ent_\S+)\n/.exec(this.#stdout)?.[1];
	}

	/** Sends `signal` and resolves once the process has exited; SIGKILL after `killAfterMs` if it lingers. */
	async stop(signal: NodeJS.Signals = "SIGTERM", killAfterMs = 5_000): Promise<void> {
		if (!this.running) return;
		const exited = once(this.child, "exit");
		this.child.kill(signal);
		const timer = setTimeout(() => this.child.kill("SIGKILL"), killAfterMs);
		await exited;
		clearTimeout(timer);
	}

	/**
	 * Resolves with the URL once serve printed "serving at" and that its observable index is ready (it listens before:
	 * index-backed routes answer 503 until then, D60) and answers /health; rejects if it exits first.
	 */
	async started(): Promise<string> {
		const exited = once(this.child, "exit").then(([code, signal]) => {
			throw new Error(
				`${this.name} serve exited ${code ?? signal}: ${this.#stdout}${this.#stderr.slice(-2000)}`,
			);
		});
		const serving = new Promise<string>((resolve) => {
			const look = (): void => {
				const url = /serving at (https?:\/\/\S+)\n/.exec(this.#stdout)?.[1];
				if (url === undefined || !this.#stdout.includes("observable index ready")) return;
				this.child.stdout.off("data", look);
				resolve(url);
			};
			this.child.stdout.on("data", look);
			look();
		});
		this.url = await Promise.race([serving, exited]);
		exited.catch(() => {}); // a later exit is the test's business (stop, or a kill it provokes)
		await this.#healthy();
		return this.url;
	}

	async #healthy(): Promise<void> {
		// A TLS node's /health needs the node's own CA; its "serving at" line is printed once it listens.
		if (!this.url.startsWith("http:")) return;
		const response = await fetch(`${this.url}/health`);
		await response.body?.cancel();
		if (response.status !== 200) throw new Error(`${this.name} /health answered ${response.status}`);
	}
}

/** Starts `entente serve` on `options.data` and resolves once it is serving (see ServeProcess.started). */
export async function startServe(options: ServeOptions): Promise<ServeProcess> {
	const args = [CLI, "serve", ...(options.init === true ? ["--init"] : [])];
	args.push("--data", options.data, "--port", String(options.port ?? 0));
	const child = spawn(process.execPath, args, {
		stdio: ["ignore", "pipe", "pipe"],
		env: { ...process.env, ...options.env },
	});
	killOnExit(child);
	const serve = new ServeProcess(child, options.name ?? "node");
	await serve.started();
	return serve;
}

/** Kills `child` when the test process exits while it still runs. */
function killOnExit(child: ChildProcessByStdio<null, Readable, Readable>): void {
	const orphaned = (): void => {
		child.kill("SIGKILL");
	};
	process.once("exit", orphaned);
	child.once("exit", () => process.off("exit", orphaned));
}

export interface NodeDataOptions {
	data: string;
	/** The node's name (`init --name`). */
	name?: string;
	/** The first organisation's name and STIX identity id (`init --org`, `--org-id`). */
	org?: string;
	orgId?: string;
	/** A postgres:// URL: the store lives there instead of SQLite (`init --store`). */
	store?: string;
	/** A policy file applied after init. */
	policy?: string;
	/** Users to add after the policy (each of a party the node knows); their tokens come back by name. */
	users?: readonly { name: string; party: string; role: "reader" | "analyst" | "admin" }[];
	env?: NodeJS.ProcessEnv;
}

export interface NodeData extends InitJson {
	data: string;
	/** Each added user's token, by user name. */
	tokens: Record<string, string>;
}

/** Prepares a data directory as an operator would: `init`, then `policy apply` and `users add` when asked. */
export async function initNodeData(options: NodeDataOptions): Promise<NodeData> {
	const { data, env } = options;
	const flags: [string, string | undefined][] = [
		["--name", options.name],
		["--org", options.org],
		["--org-id", options.orgId],
		["--store", options.store],
	];
	const init = [
		"init",
		"--data",
		data,
		...flags.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value])),
	];
	const created = JSON.parse(await ententeOk([...init, "--json"], env)) as InitJson;
	if (options.policy !== undefined) await ententeOk(["policy", "apply", options.policy, "--data", data], env);
	const tokens: Record<string, string> = {};
	for (const user of options.users ?? []) {
		const added = JSON.parse(
			await ententeOk(
				[
					"users",
					"add",
					"--party",
					user.party,
					"--name",
					user.name,
					"--role",
					user.role,
					"--data",
					data,
					"--json",
				],
				env,
			),
		) as { token: string };
		tokens[user.name] = added.token;
	}
	return { ...created, data, tokens };
}

/** A prepared and serving node: its data, the admin token, and the process. */
export interface NodeProcess extends NodeData {
	serve: ServeProcess;
	url: string;
}

/** `initNodeData`, then `startServe` on it (a free loopback port). */
export async function startNode(options: NodeDataOptions & { port?: number }): Promise<NodeProcess> {
	const prepared = await initNodeData(options);
	const serve = await startServe({
		data: options.data,
		port: options.port,
		env: options.env,
		name: options.name,
	});
	return { ...prepared, serve, url: serve.url };
}
