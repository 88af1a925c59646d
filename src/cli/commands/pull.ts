// `entente pull URL --collection ID`: imports a remote TAXII 2.1 collection, every version, from where the last pull stopped.
import type { Command } from "commander";
import { localOrganization } from "../../accounts/index.ts";
import { openNode } from "../../main.ts";
import { pullCollection } from "../../taxii/client/index.ts";
import { ProgressLine, printJson, printTable } from "../output.ts";
import { parsePositive } from "./options.ts";
import { connect, type RemoteOptions, remoteOptions } from "./taxii-options.ts";

export function registerPull(program: Command): void {
	remoteOptions(
		program.command("pull").description("import a collection from a TAXII 2.1 server (incremental)"),
	)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--org <identity-id>", "local organisation to record the objects under (default: the first)")
		.option("--page-size <n>", "objects asked for per page", parsePositive, 1000)
		.option("--from-start", "ignore where the last pull stopped and read the whole collection")
		.option("--json", "print the result as JSON")
		.addHelpText(
			"after",
			"\nExit status: 0 when every object was stored or already present, 3 when any was rejected,\n1 when the server could not be read (what was stored before stays, and the next pull resumes).",
		)
		.action(async (url: string, options: RemoteOptions & Record<string, unknown>) => {
			const node = await openNode({
				...(typeof options.data === "string" ? { dataDir: options.data } : {}),
				logLevel: "warn",
			});
			const progress = new ProgressLine(options.json !== true && process.stderr.isTTY === true);
			try {
				const organizationId = (await localOrganization(node.store, options.org as string | undefined)).id;
				const client = await connect(url, options, {
					onRetry: (retry) =>
						progress.update(`retrying in ${(retry.delayMs / 1000).toFixed(1)} s (${retry.reason})`, true),
				});
				const result = await pullCollection(node.store, client, {
					collectionId: options.collection,
					provenance: {
						organizationId,
						source: `taxii:${client.apiRootUrl}collections/${options.collection}/`,
					},
					pageSize: options.pageSize as number,
					fromStart: options.fromStart === true,
					onProgress: (state) =>
						progress.update(
							`${state.objects.toLocaleString("en")} objects  ${Math.round(state.objectsPerSecond).toLocaleString("en")}/s  ` +
								`${state.pages} page(s)  up to ${state.cursor ?? "-"}`,
						),
				});
				progress.done();
				if (options.json === true) printJson(result);
				else {
					printTable(
						["collection", "pages", "objects", "stored", "duplicate", "rejected", "quarantined", "objects/s"],
						[
							[
								result.collectionId,
								result.pages,
								result.objects,
								result.counts.stored,
								result.counts.duplicate,
								result.counts.rejected,
								result.counts.quarantined,
								Math.round(result.objects / Math.max(result.durationMs / 1000, 1e-6)),
							],
						],
					);
					process.stdout.write(
						`\nfrom ${result.apiRoot}, added after ${result.cursorBefore ?? "(the start)"} up to ${result.cursorAfter ?? "-"}\n`,
					);
					for (const warning of result.warnings) process.stdout.write(`warning: ${warning}\n`);
					for (const problem of result.problems.slice(0, 20))
						process.stdout.write(
							`  ${problem.status} objects[${problem.index}] ${problem.id ?? ""} ${problem.reason ?? problem.issues?.[0]?.message ?? ""}\n`,
						);
				}
				if (result.counts.rejected > 0) process.exitCode = 3;
			} finally {
				progress.done();
				await node.close();
			}
		});
}
