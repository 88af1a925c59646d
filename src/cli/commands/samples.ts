// `entente samples load`: the sample set shipped with Entente (examples/samples), published as the node's
// organisation through ingest, as the web's first-run "Load a sample set" does (POST /api/v1/samples).
import type { Command } from "commander";
import { AppError } from "../../errors/index.ts";
import { ingest, type ObjectResult, sampleSetObjects } from "../../ingest/index.ts";
import { printJson } from "../output.ts";
import { withNode } from "./node-session.ts";

export function registerSamples(program: Command): void {
	const samples = program.command("samples").description("the sample set a new node can start from");
	samples
		.command("load")
		.description(
			"store the sample set (an intrusion set, malware, techniques, indicators, a report; TLP 2.0) as the node's organisation; loading it again stores nothing",
		)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--org <id>", "the organisation to author it (default: the node's first own organisation)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			await withNode(options.data, async (node) => {
				const organizationId = await authorOf(node.store, options.org);
				const objects = await sampleSetObjects(organizationId);
				const results: ObjectResult[] = [];
				await ingest(
					node.store,
					objects.map((object, index) => ({ index, object })),
					{
						provenance: { organizationId, source: "samples" },
						onCommitted: (committed) => results.push(...committed),
					},
				);
				const counts = { stored: 0, duplicate: 0, quarantined: 0, rejected: 0 };
				for (const result of results) counts[result.status]++;
				const alreadyLoaded = counts.duplicate === objects.length;
				if (options.json === true) {
					printJson({ alreadyLoaded, counts, objects: objects.length });
					return;
				}
				process.stdout.write(
					alreadyLoaded
						? `the sample set is already loaded (${objects.length} objects, all stored before)\n`
						: `loaded the sample set: ${counts.stored} of ${objects.length} objects stored` +
								(counts.duplicate > 0 ? `, ${counts.duplicate} already there` : "") +
								(counts.quarantined + counts.rejected > 0
									? `, ${counts.quarantined} quarantined, ${counts.rejected} rejected`
									: "") +
								"\n",
				);
			});
		});
}

/** The organisation named, which must be one of the node's own; else the first of them. */
async function authorOf(
	store: { listOrganizations(): Promise<{ id: string; local?: boolean }[]> },
	named: string | undefined,
): Promise<string> {
	const own = (await store.listOrganizations()).filter((o) => o.local !== false);
	const chosen = named === undefined ? own[0] : own.find((o) => o.id === named);
	if (chosen === undefined)
		throw new AppError(
			"E_PARTY_UNKNOWN",
			named === undefined
				? "the node has no organisation of its own; run 'entente init' first"
				: `${named} is not one of the node's own organisations; see 'entente users list' or leave --org out`,
		);
	return chosen.id;
}
