// `entente peers set-purpose` (the purpose a peer's parties receive under) and `entente peers provenance`
// (the signatures a received object came with, verified again): operator commands on the data directory.
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import { provenanceProofs, purposeOf } from "../../federation/index.ts";
import { PURPOSES } from "../../policy/index.ts";
import { printJson, printTable } from "../output.ts";
import { withNode } from "./node-session.ts";

const DATA = ["--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)"] as const;

export function registerPeerAdmin(peers: Command): void {
	peers
		.command("set-purpose")
		.description(
			`set the purpose a peer's parties receive under (${PURPOSES.join(", ")}), or 'agreement' to take the first purpose of the governing agreement again`,
		)
		.argument("<name>")
		.argument("<purpose>")
		.option(...DATA)
		.action(async (name: string, purpose: string, options) => {
			await withNode(options.data, async (node) => {
				const peer = await node.store.getPeer(name);
				if (peer === undefined) throw new AppError("E_FEDERATION_PEER_NOT_FOUND", `no peer named ${name}`);
				if (purpose !== "agreement" && !(PURPOSES as readonly string[]).includes(purpose)) {
					throw new AppError(
						"E_CONFIG_INVALID",
						`purpose must be one of ${PURPOSES.join(", ")} or 'agreement', got ${purpose}`,
					);
				}
				const { purpose: _previous, ...rest } = peer;
				const next = purpose === "agreement" ? rest : { ...rest, purpose };
				await node.store.putPeer({ ...next, updatedAt: new Date().toISOString() });
				// Already-queued messages are judged again under it when they are sent (D34).
				process.stdout.write(`${name} now receives under ${await purposeOf(node.store, next)}\n`);
			});
		});

	peers
		.command("provenance")
		.description("the provenance signatures an object's received versions came with, verified again")
		.argument("<object-id>")
		.option(...DATA)
		.option("--json", "print the result as JSON")
		.action(async (id: string, options) => {
			await withNode(options.data, async (node) => {
				const proofs = await provenanceProofs(node.store, id);
				if (options.json === true) return printJson(proofs);
				printTable(
					["version", "peer", "origin", "key id", "received", "check"],
					proofs.map((p) => [p.version, p.peer, p.origin, p.keyId, p.receivedAt, p.check]),
				);
			});
		});
}
