// `entente peers add-taxii` and `entente peers pull`: plain TAXII 2.1 servers (MISP, OpenCTI feeds) as
// peers, pulled incrementally and resumably (the pull cursor is kept per API root and collection).
import type { Command } from "commander";
import { localOrganization } from "../../accounts/index.ts";
import { AppError } from "../../errors/index.ts";
import { peerSource } from "../../federation/index.ts";
import type { PeerRecord } from "../../store/index.ts";
import { pullCollection } from "../../taxii/client/index.ts";
import { printJson } from "../output.ts";
import { withNode } from "./node-session.ts";
import { connect, type RemoteOptions } from "./taxii-options.ts";

export function registerPeerPull(peers: Command): void {
	peers
		.command("add-taxii")
		.description("record a plain TAXII 2.1 server as a pull-only peer")
		.argument("<name>")
		.argument("<url>", "API root or discovery URL")
		.requiredOption("--collection <id>", "the collection to pull")
		.option(
			"--party <identity-id>",
			"party to record pulled objects under (default: the first local organisation)",
		)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.action(async (name: string, url: string, options) => {
			await withNode(options.data, async (node) => {
				const now = new Date().toISOString();
				const party = options.party ?? (await localOrganization(node.store)).id;
				const peer: PeerRecord = {
					name,
					kind: "taxii",
					url,
					keys: [],
					parties: [party],
					agreements: [],
					status: "active",
					collection: options.collection,
					createdAt: now,
					updatedAt: now,
				};
				await node.store.putPeer(peer);
				process.stdout.write(`TAXII peer ${name} added: ${url} collection ${options.collection}\n`);
			});
		});

	peers
		.command("pull")
		.description("pull a TAXII peer's collection, from where the last pull stopped")
		.argument("<name>")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--user <user>", "HTTP Basic user name (with --password)")
		.option("--password <password>", "HTTP Basic password")
		.option("--token <token>", "bearer token")
		.option("--allow-http", "allow plain http:// to a host other than loopback")
		.option("--from-start", "ignore where the last pull stopped")
		.option("--json", "print the result as JSON")
		.action(async (name: string, options) => {
			await withNode(options.data, async (node) => {
				const peer = await node.store.getPeer(name);
				if (peer === undefined || peer.collection === undefined) {
					throw new AppError(
						"E_FEDERATION_PEER_NOT_FOUND",
						`no TAXII peer named ${name}; add one with 'entente peers add-taxii'`,
					);
				}
				const remote: RemoteOptions = { collection: peer.collection, timeout: 60, ...options };
				const client = await connect(peer.url, remote);
				const result = await pullCollection(node.store, client, {
					collectionId: peer.collection,
					provenance: { organizationId: peer.parties[0] ?? "", source: peerSource(peer.name) },
					fromStart: options.fromStart === true,
				});
				if (options.json === true) return printJson(result);
				process.stdout.write(
					`pulled ${result.objects} object(s) from ${name}: ${result.counts.stored} new, ${result.counts.duplicate} already here; up to ${result.cursorAfter ?? "-"}\n`,
				);
			});
		});
}
