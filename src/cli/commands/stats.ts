// `entente stats`: what the node holds.
import type { Command } from "commander";
import { openNode } from "../../main.ts";
import { printJson, printTable } from "../output.ts";

export function registerStats(program: Command): void {
	program
		.command("stats")
		.description("count what the node holds: objects, versions, quarantine, by type")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const stats = await node.store.stats();
				if (options.json === true) {
					printJson(stats);
					return;
				}
				printTable(
					["measure", "count"],
					[
						["objects", stats.objects],
						["versions", stats.versions],
						["quarantined", stats.quarantined],
						["organisations", stats.organizations],
					],
				);
				process.stdout.write("\n");
				const byType = Object.entries(stats.byType).sort((a, b) => b[1] - a[1]);
				printTable(["type", "objects"], byType);
			} finally {
				await node.close();
			}
		});
}
