// `entente import FILE|DIR|-`: streams STIX 2.0/2.1 bundles or envelopes, or MISP events, into the store, with
// progress and a summary.
import { basename } from "node:path";
import type { Command } from "commander";
import { localOrganization } from "../../accounts/index.ts";
import { type IngestReport, ingestSource, listSources, MarkingKnowledge } from "../../ingest/index.ts";
import { limitsOf, openNode } from "../../main.ts";
import { bar, ProgressLine, printJson, printTable } from "../output.ts";
import { printProblems } from "./import-report.ts";
import { emptyTally, isMispTally, type MispTally, mispSummary, mispTranslator } from "./misp-import.ts";
import { parsePositive } from "./options.ts";

export function registerImport(program: Command): void {
	program
		.command("import")
		.description(
			"import STIX 2.0/2.1 bundles, TAXII envelopes or objects, or MISP JSON events, from a file, a folder or '-' (stdin)",
		)
		.argument("<input>", "a .json file, a folder (all .json files below it) or '-' for standard input")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--org <identity-id>", "local organisation to record the objects under (default: the first)")
		.option("--source <name>", "name of the source, recorded with every object (default: import:<file>)")
		.option("--batch <n>", "objects per transaction", parsePositive, 2000)
		.option("--json", "print the reports as JSON")
		.option(
			"--misp-indicators-only",
			"MISP events: a to_ids attribute becomes its indicator alone, without misp-stix's observed-data beside it",
		)
		.addHelpText(
			"after",
			"\nExit status: 0 when every object was stored or already present, 3 when any was rejected.",
		)
		.action(async (input: string, options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const organizationId = (await localOrganization(node.store, options.org)).id;
				const sources = listSources(input);
				const totalBytes = sources.reduce((sum, source) => sum + (source.size ?? 0), 0);
				const markings = await MarkingKnowledge.load(node.store);
				const progress = new ProgressLine(options.json !== true && process.stderr.isTTY === true);
				const reports: { input: string; report: IngestReport; misp?: MispTally }[] = [];
				let bytesDone = 0;
				let objectsBefore = 0;
				for (const source of sources) {
					const name = source.name === "(stdin)" ? "stdin" : basename(source.name);
					const misp = emptyTally();
					const report = await ingestSource(node.store, source, {
						translate: mispTranslator(misp, { indicatorsOnly: options.mispIndicatorsOnly === true }),
						provenance: { organizationId, source: options.source ?? `import:${name}` },
						limits: limitsOf(node.config),
						batchSize: options.batch,
						markings,
						onBytes: (bytes) => {
							bytesDone += bytes;
						},
						onProgress: (state) => {
							const fraction = totalBytes > 0 ? bytesDone / totalBytes : 0;
							progress.update(
								`${bar(fraction)}  ${(objectsBefore + state.objects).toLocaleString("en")} objects  ` +
									`${Math.round(state.objectsPerSecond).toLocaleString("en")}/s  ${name}`,
							);
						},
					});
					objectsBefore += report.total;
					reports.push({ input: source.name, report, ...(isMispTally(misp) ? { misp } : {}) });
				}
				progress.done();
				const failed = reports.some(
					({ report }) => report.counts.rejected > 0 || report.inputErrors.length > 0,
				);
				if (options.json === true)
					printJson({ reports, totals: totalsOf(reports.map((entry) => entry.report)) });
				else printSummary(reports);
				if (failed) process.exitCode = 3;
			} finally {
				await node.close();
			}
		});
}

function totalsOf(reports: readonly IngestReport[]): Record<string, number> {
	const totals: Record<string, number> = { objects: 0, stored: 0, duplicate: 0, rejected: 0, quarantined: 0 };
	for (const report of reports) {
		totals.objects = (totals.objects ?? 0) + report.total;
		for (const [status, count] of Object.entries(report.counts))
			totals[status] = (totals[status] ?? 0) + count;
	}
	return totals;
}

function printSummary(reports: readonly { input: string; report: IngestReport; misp?: MispTally }[]): void {
	const rows = reports.map(({ input, report }) => [
		basename(input),
		report.total,
		report.counts.stored,
		report.counts.duplicate,
		report.counts.rejected,
		report.counts.quarantined,
		report.upgraded,
		report.flagged,
		Math.round(report.total / Math.max(report.durationMs / 1000, 1e-6)),
	]);
	if (reports.length > 1) {
		const totals = totalsOf(reports.map((entry) => entry.report));
		rows.push([
			"total",
			totals.objects ?? 0,
			totals.stored ?? 0,
			totals.duplicate ?? 0,
			totals.rejected ?? 0,
			totals.quarantined ?? 0,
			reports.reduce((sum, entry) => sum + entry.report.upgraded, 0),
			reports.reduce((sum, entry) => sum + entry.report.flagged, 0),
			Math.round(
				(totals.objects ?? 0) /
					Math.max(reports.reduce((sum, entry) => sum + entry.report.durationMs, 0) / 1000, 1e-6),
			),
		]);
	}
	printTable(
		[
			"input",
			"objects",
			"stored",
			"duplicate",
			"rejected",
			"quarantined",
			"upgraded",
			"flagged",
			"objects/s",
		],
		rows,
	);
	printProblems(reports);
	for (const { input, misp } of reports)
		if (misp !== undefined)
			process.stdout.write(`\n${basename(input)}:\n${mispSummary(misp, 20).join("\n")}\n`);
}
