// `entente demo`: the reference scenario as a real network of node processes on loopback, narrated.
import { rmSync } from "node:fs";
import type { Command } from "commander";
import {
	DemoNetwork,
	type DemoNode,
	type Narration,
	narrate,
	renderNarration,
	renderNodeTable,
	waitUntilSettled,
} from "../../demo/index.ts";
import { printJson } from "../output.ts";
import { parsePort, parsePositive } from "./options.ts";

interface DemoFlags {
	dir?: string;
	basePort: number;
	keep?: boolean;
	json?: boolean;
	keepRunning?: boolean;
	scenario?: string;
	settleTimeout: number;
}

export function registerDemo(program: Command): void {
	program
		.command("demo")
		.description(
			"start the reference scenario as a real network (8 nodes on loopback), publish sample intelligence, " +
				"and narrate what flowed where and why; runs until Ctrl-C",
		)
		.option("--dir <dir>", "folder for the nodes' data (default: a fresh temporary folder, removed on exit)")
		.option(
			"--base-port <n>",
			"port of the first node, the others counting up (0: any free ports)",
			parsePort,
			4400,
		)
		.option("--keep", "keep the data folder on exit (a --dir folder is always kept)")
		.option("--json", "print the narration as JSON and exit once propagation has settled")
		.option("--keep-running", "with --json: keep the network running until Ctrl-C")
		.option("--scenario <file>", "policy file to plan the network from (default: the reference scenario)")
		.option("--settle-timeout <seconds>", "how long to wait for propagation to settle", parsePositive, 60)
		.action(async (flags: DemoFlags) => {
			process.exitCode = await runDemo(flags);
		});
}

/** Runs the demo; resolves with the exit code once every child has stopped. */
async function runDemo(flags: DemoFlags): Promise<number> {
	const json = flags.json === true;
	const say = (line: string): void => {
		process.stderr.write(`${line}\n`);
	};
	const network = new DemoNetwork({
		basePort: flags.basePort,
		onProgress: say,
		...(flags.dir === undefined ? {} : { dir: flags.dir }),
		...(flags.scenario === undefined ? {} : { scenarioFile: flags.scenario }),
	});
	let interrupted = false;
	let failed = false;
	let wake: () => void = () => {};
	const stopped = new Promise<void>((resolve) => {
		wake = resolve;
	});
	const onSignal = (): void => {
		interrupted = true;
		wake();
		void network.stop();
	};
	process.once("SIGINT", onSignal);
	process.once("SIGTERM", onSignal);
	try {
		const startedAt = Date.now();
		await network.start();
		const publishedAt = Date.now();
		say("Waiting for propagation to settle (every outbox empty, every commit judged)…");
		const settledMs = await waitUntilSettled(network.nodes, flags.settleTimeout * 1000);
		const narration = await narrate(network.nodes);
		const timings = { startMs: publishedAt - startedAt, settledMs };
		if (json) printJson(jsonOf(network, narration, timings));
		else {
			process.stdout.write(
				`\n${renderNarration(narration, settledMs)}\n${renderNodeTable(network.nodes, network.dir)}`,
			);
		}
		if (json && flags.keepRunning !== true) return 0;
		say(
			`\nThe network is running (started in ${(timings.startMs / 1000).toFixed(1)} s). Ctrl-C stops every node.`,
		);
		const crashed = await Promise.race([stopped.then(() => undefined), network.anyExit()]);
		if (crashed !== undefined && !interrupted) {
			say(
				`entente demo: node ${crashed} stopped unexpectedly; stopping the others (its log: ${network.dir}/${crashed}/serve.log)`,
			);
			return 1;
		}
		return 0;
	} catch (error) {
		if (interrupted) {
			say("entente demo: interrupted; stopping every node");
			return 130;
		}
		failed = true;
		throw error;
	} finally {
		process.removeListener("SIGINT", onSignal);
		process.removeListener("SIGTERM", onSignal);
		await network.stop();
		// A failed run keeps its data: the nodes' serve.log files say what went wrong.
		if (flags.dir === undefined && flags.keep !== true && !failed) {
			rmSync(network.dir, { recursive: true, force: true });
		} else say(`Data kept in ${network.dir}`);
	}
}

function jsonOf(
	network: DemoNetwork,
	narration: Narration,
	timings: { startMs: number; settledMs: number },
): Record<string, unknown> {
	const node = (n: DemoNode) => ({
		name: n.name,
		party: { id: n.party.id, key: n.partyKey, name: n.party.name },
		url: n.url,
		adminToken: n.adminToken,
		pid: n.pid,
		dataDir: n.dataDir,
		published: n.published,
	});
	return { dir: network.dir, timings, nodes: network.nodes.map(node), ...narration };
}
