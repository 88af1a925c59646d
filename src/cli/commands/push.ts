// `entente push URL --collection ID`: sends stored objects to a TAXII 2.1 collection and waits for the server's status.
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import { openNode } from "../../main.ts";
import type { ObjectQuery } from "../../store/index.ts";
import { pushObjects } from "../../taxii/client/index.ts";
import { ProgressLine, printJson, printTable } from "../output.ts";
import { collect } from "./options.ts";
import { connect, type RemoteOptions, remoteOptions } from "./taxii-options.ts";

export function registerPush(program: Command): void {
	remoteOptions(
		program.command("push").description("send stored objects to a collection of a TAXII 2.1 server"),
	)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--type <type>", "only objects of this STIX type (repeatable)", collect, [])
		.option("--id <id>", "only this object (repeatable)", collect, [])
		.option("--added-after <timestamp>", "only versions added to this node after this RFC 3339 time")
		.option("--latest-only", "only the latest version of each object (default: every version)")
		.option(
			"--status-timeout <seconds>",
			"how long to wait for the server to finish each envelope",
			Number,
			120,
		)
		.option("--json", "print the result as JSON")
		.addHelpText("after", "\nExit status: 0 when the server accepted everything, 1 otherwise.")
		.action(async (url: string, options: RemoteOptions & Record<string, unknown>) => {
			const statusTimeout = options.statusTimeout as number;
			if (!Number.isFinite(statusTimeout) || statusTimeout < 0)
				throw new AppError("E_CONFIG_INVALID", "--status-timeout is a number of seconds, 0 or more");
			const node = await openNode({
				...(typeof options.data === "string" ? { dataDir: options.data } : {}),
				logLevel: "warn",
			});
			const progress = new ProgressLine(options.json !== true && process.stderr.isTTY === true);
			const startedAt = performance.now();
			try {
				const types = options.type as string[];
				const ids = options.id as string[];
				const query: Omit<ObjectQuery, "limit" | "after"> = {
					versions: [options.latestOnly === true ? "last" : "all"],
					...(types.length > 0 ? { types } : {}),
					...(ids.length > 0 ? { ids } : {}),
					...(typeof options.addedAfter === "string" ? { addedAfter: options.addedAfter } : {}),
				};
				const client = await connect(url, options);
				let sent = 0;
				const result = await pushObjects(node.store, client, {
					collectionId: options.collection,
					query,
					statusTimeoutMs: statusTimeout * 1000,
					onEnvelope: (_status, count) => {
						sent += count;
						const seconds = (performance.now() - startedAt) / 1000;
						progress.update(
							`${sent.toLocaleString("en")} objects sent  ${Math.round(sent / Math.max(seconds, 1e-6)).toLocaleString("en")}/s`,
						);
					},
				});
				progress.done();
				if (options.json === true) printJson(result);
				else {
					printTable(
						["read", "withheld", "sent", "envelopes", "succeeded", "failed", "pending", "too large"],
						[
							[
								result.read,
								result.withheld,
								result.sent,
								result.envelopes,
								result.success,
								result.failure,
								result.pending,
								result.tooLarge.length,
							],
						],
					);
					for (const failure of result.failures.slice(0, 20))
						process.stdout.write(
							`  failed ${failure.id} ${failure.version ?? ""} ${failure.message ?? ""}\n`,
						);
					for (const entry of result.tooLarge.slice(0, 20))
						process.stdout.write(
							`  too large ${entry.id} ${entry.version} (${entry.bytes.toLocaleString("en")} bytes)\n`,
						);
				}
				if (!result.complete || result.failure > 0) process.exitCode = 1;
			} finally {
				progress.done();
				await node.close();
			}
		});
}
