// `entente serve`: runs the node's HTTP server until SIGINT or SIGTERM.
import type { Command } from "commander";
import { initNode, isInitialised, openNode, startServer } from "../../main.ts";
import { parsePort, parsePositive } from "./options.ts";

export function registerServe(program: Command): void {
	program
		.command("serve")
		.description("run the node's HTTP server (health, metrics, and the APIs)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--port <n>", "port to listen on (0 picks a free one)", parsePort)
		.option("--host <host>", "address to listen on")
		.option("--init", "initialise the data directory first if it holds no node")
		.option(
			"--parent-pid <pid>",
			"stop when the process with this id ends (entente demo starts its nodes so: no orphans)",
			parsePositive,
		)
		.action(async (options) => {
			if (options.init === true && !isInitialised(options.data)) {
				const created = await initNode({
					dataDir: options.data,
					organization: { name: "Local Organisation" },
				});
				process.stdout.write(
					`Initialised a new node in ${created.dataDir}\n  admin token: ${created.adminToken}\n` +
						"  (shown only now; keep it to call the API)\n",
				);
			}
			const node = await openNode({ dataDir: options.data, port: options.port, host: options.host });
			let server: Awaited<ReturnType<typeof startServer>>;
			try {
				server = await startServer(node);
			} catch (error) {
				// Close the store (and its writer thread) so the process ends with the error instead of hanging.
				await node.close();
				throw error;
			}
			process.stdout.write(`Entente node '${node.config.nodeName}' serving at ${server.url}\n`);
			process.stdout.write(
				server.webUi.built
					? `  web UI: ${server.webUi.url} (sign in with an API token)\n`
					: `  web UI: ${server.webUi.url} is not built yet: run npm run build:web in the checkout, then open it\n`,
			);
			process.stdout.write(`  health: ${server.url}/health   metrics: ${server.url}/metrics (admin token)\n`);
			// Listening already: search and matching answer 503 with Retry-After until this line (D60).
			server.indexReady.then(
				() => process.stdout.write("  observable index ready: search and matching answer\n"),
				() =>
					process.stdout.write(
						"  observable index failed to build: see the log; search and matching answer 503\n",
					),
			);
			await new Promise<void>((resolve) => {
				const stop = (): void => resolve();
				process.once("SIGINT", stop);
				process.once("SIGTERM", stop);
				if (options.parentPid !== undefined) watchParent(options.parentPid, stop);
			});
			await server.close();
			await node.close();
		});
}

/** Calls `gone` once the process `pid` no longer exists (checked every second; the timer keeps no one alive). */
function watchParent(pid: number, gone: () => void): void {
	const timer = setInterval(() => {
		try {
			process.kill(pid, 0);
		} catch (error) {
			// EPERM: it exists but is not ours to signal — still alive.
			if ((error as NodeJS.ErrnoException).code === "EPERM") return;
			clearInterval(timer);
			gone();
		}
	}, 1000);
	timer.unref();
}
