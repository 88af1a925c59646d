// `entente export`: writes a STIX 2.1 bundle (or, with --format, rules, intel files, CSV or lists: D56) of what
// matches simple filters, streaming, to a file or stdout.
// Without --as it is the operator's own full export (local use only); with --as PARTY every object passes the egress gate.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import type { Command } from "commander";
import { openNode } from "../../main.ts";
import type { Viewer } from "../../policy/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { ObjectQuery, Store, StoredVersion, VersionSelector } from "../../store/index.ts";
import { parseFormat, parseKinds, parseSince, writeExport } from "./export-format.ts";
import { collect } from "./options.ts";
import { cliViewer, parsePurpose, resolveParty } from "./viewing.ts";

/** How a page of stored versions becomes what is written: the gate's answer, or (local export) the objects as stored. */
export type Release = (versions: readonly StoredVersion[]) => Promise<(StixObject | undefined)[]>;

export function registerExport(program: Command): void {
	program
		.command("export")
		.description(
			"write a STIX 2.1 bundle of stored objects (latest versions unless --all-versions); without --as, everything: for the operator's local use only",
		)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--type <type>", "only objects of this STIX type (repeatable)", collect, [])
		.option("--id <id>", "only this object (repeatable)", collect, [])
		.option("--added-after <timestamp>", "only versions added after this RFC 3339 time")
		.option("--all-versions", "every stored version, not only the latest")
		.option("--as <party>", "only what this party may receive (identity id or name), through the egress gate")
		.option(
			"--purpose <purpose>",
			"the purpose the party would receive it for (default network-defence)",
			parsePurpose,
		)
		.option(
			"--format <format>",
			"stix (default), suricata, snort, zeek, csv, edl or misp: rules, intel files, lists of indicators' values, MISP events",
			parseFormat,
			"stix",
		)
		.option(
			"--since <timestamp>",
			"only changes since this time (a previous export's 'next since'), removals included",
			parseSince,
		)
		.option(
			"--kind <kinds>",
			"only values of these kinds, comma separated (ipv4,ipv6,domain,url,…)",
			parseKinds,
			[],
		)
		.option("--no-comments", "no header or summary comment lines (for lists whose readers refuse them)")
		.option("--out <file>", "write to this file instead of stdout")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			const output: Writable = options.out === undefined ? process.stdout : createWriteStream(options.out);
			try {
				const query: Omit<ObjectQuery, "limit"> = {
					versions: [(options.allVersions === true ? "all" : "last") satisfies VersionSelector],
					...(options.type.length > 0 ? { types: options.type } : {}),
					...(options.id.length > 0 ? { ids: options.id } : {}),
					...(options.addedAfter === undefined ? {} : { addedAfter: options.addedAfter }),
				};
				let release: Release = async (versions) => versions.map((version) => version.object);
				if (options.as !== undefined) {
					const viewer: Viewer = cliViewer((await resolveParty(node, options.as)).id, options.purpose);
					release = (versions) => node.gate.releasePage(viewer, versions);
				}
				if (options.format !== "stix") {
					await writeExport(
						node.store,
						{
							...query,
							...(options.type.length > 0 || options.format === "misp" ? {} : { types: ["indicator"] }),
							...(options.since === undefined ? {} : { addedAfter: options.since }),
						},
						output,
						// Without --as: the objects as stored, read as text alone (no gate to give them to).
						options.as === undefined ? undefined : release,
						options.format,
						{
							kinds: options.kind,
							comments: options.comments,
							...(options.since === undefined ? {} : { since: options.since }),
							...(options.as === undefined ? {} : { recipient: options.as }),
						},
					);
					process.stderr.write(
						`exported as ${options.format}${options.as === undefined ? "" : ` as ${options.as} would receive it`}; the summary is in ${options.format === "misp" ? "its entente_export" : "the trailing comment lines"}\n`,
					);
					return;
				}
				if (options.since !== undefined) query.addedAfter = options.since;
				const count = await writeBundle(node.store, query, output, release);
				process.stderr.write(
					`exported ${count.toLocaleString("en")} objects${options.as === undefined ? "" : ` as ${options.as} would receive them`}\n`,
				);
			} finally {
				if (output !== process.stdout) {
					output.end();
					await once(output, "finish");
				}
				await node.close();
			}
		});
}

/**
 * Streams a bundle of what `release` lets out of every page of `query` to `output`; returns how many
 * objects were written. `entente export` calls it; tests call it in-process.
 */
export async function writeBundle(
	store: Store,
	query: Omit<ObjectQuery, "limit">,
	output: Writable,
	release: Release,
): Promise<number> {
	const write = async (text: string): Promise<void> => {
		if (!output.write(text)) await once(output, "drain");
	};
	await write(`{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`);
	let count = 0;
	let after: string | undefined;
	for (;;) {
		const page = await store.query({ ...query, limit: 1000, ...(after === undefined ? {} : { after }) });
		for (const object of await release(page.items)) {
			if (object === undefined) continue;
			await write(`${count === 0 ? "\n" : ",\n"}${JSON.stringify(object)}`);
			count++;
		}
		if (!page.more || page.next === undefined) break;
		after = page.next;
	}
	await write("\n]}\n");
	return count;
}
