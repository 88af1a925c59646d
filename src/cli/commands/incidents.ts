// `entente incidents`: the releases the invariants stopped (D37), newest first, from the node's store.
import type { Command } from "commander";
import { openNode } from "../../main.ts";
import { enabledInvariants } from "../../policy/index.ts";
import { printJson, printTable } from "../output.ts";
import { parsePositive } from "./options.ts";

export function registerIncidents(program: Command): void {
	program
		.command("incidents")
		.description("list releases the policy's invariants stopped (newest first), and which invariants are off")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--limit <n>", "at most this many (default 50)", parsePositive, 50)
		.option("--before <seq>", "only incidents recorded before this number (the next page)", parsePositive)
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const incidents = await node.store.listIncidents({
					limit: options.limit,
					...(options.before === undefined ? {} : { beforeSeq: options.before }),
				});
				const counts = Object.fromEntries(await node.store.incidentCounts());
				const policy = (await node.store.getPolicy())?.policy;
				const off = policy?.invariantsOff ?? [];
				if (options.json === true) {
					printJson({ incidents, counts, enabled: enabledInvariants(policy), off });
					return;
				}
				for (const entry of off)
					process.stdout.write(
						`invariant ${entry.invariant} is OFF in the applied policy: ${entry.reason}\n`,
					);
				if (incidents.length === 0) {
					process.stdout.write("no incidents: the invariants have stopped nothing\n");
					return;
				}
				printTable(
					["#", "at", "invariant", "object", "recipient", "user", "reason"],
					incidents.map((i) => [String(i.seq), i.at, i.invariant, i.objectId, i.partyId, i.userId, i.reason]),
				);
			} finally {
				await node.close();
			}
		});
}
