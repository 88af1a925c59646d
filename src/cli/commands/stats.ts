// `entente stats`: what the node holds; with --as PARTY, only what that party would receive (through the egress gate).
import type { Command } from "commander";
import { type OpenNode, openNode } from "../../main.ts";
import type { Viewer } from "../../policy/index.ts";
import { printJson, printTable } from "../output.ts";
import { cliViewer, parsePurpose, resolveParty } from "./viewing.ts";

/** Counts of what `viewer` receives: latest versions released, all versions released, and by type. */
export async function releasedStats(
	node: Pick<OpenNode, "store" | "gate">,
	viewer: Viewer,
): Promise<{ objects: number; versions: number; byType: Record<string, number> }> {
	const byType: Record<string, number> = Object.create(null);
	let objects = 0;
	let versions = 0;
	for (const selector of ["last", "all"] as const) {
		let after: string | undefined;
		for (;;) {
			const page = await node.store.query({
				versions: [selector],
				limit: 1000,
				...(after === undefined ? {} : { after }),
			});
			const released = await node.gate.releasePage(viewer, page.items);
			for (const object of released) {
				if (object === undefined) continue;
				if (selector === "all") versions++;
				else {
					objects++;
					byType[object.type] = (byType[object.type] ?? 0) + 1;
				}
			}
			if (!page.more || page.next === undefined) break;
			after = page.next;
		}
	}
	return { objects, versions, byType: { ...byType } };
}

export function registerStats(program: Command): void {
	program
		.command("stats")
		.description("count what the node holds: objects, versions, quarantine, by type")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--as <party>", "count only what this party may receive (identity id or name)")
		.option("--purpose <purpose>", "with --as: the purpose (default network-defence)", parsePurpose)
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				if (options.as !== undefined) {
					const party = await resolveParty(node, options.as);
					const stats = await releasedStats(node, cliViewer(party.id, options.purpose));
					if (options.json === true) {
						printJson({ party: party.id, ...stats });
						return;
					}
					process.stdout.write(`As ${party.name} (${party.id}) sees this node:\n`);
					printTable(
						["measure", "count"],
						[
							["objects", stats.objects],
							["versions", stats.versions],
						],
					);
					process.stdout.write("\n");
					printTable(
						["type", "objects"],
						Object.entries(stats.byType).sort((a, b) => b[1] - a[1]),
					);
					return;
				}
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
