// `entente match`: which stored objects match values given as arguments, in a file or on stdin (a log stream), from
// the node's own observable index. Without --as, what the node holds (the operator's own view, as `export`); with
// --as PARTY, only what the egress gate releases to that party (D48).
import { once } from "node:events";
import { createReadStream } from "node:fs";
import type { Writable } from "node:stream";
import { type Command, InvalidArgumentError } from "commander";
import {
	buildIndex,
	type MatchInput,
	type MatchRow,
	matchValues,
	type ObservableIndex,
	openWarninglists,
	type Warninglists,
} from "../../intel/index.ts";
import { type OpenNode, openNode } from "../../main.ts";
import type { Viewer } from "../../policy/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { ProgressLine } from "../output.ts";
import { valuesOfStream } from "./match-input.ts";
import { cliViewer, parsePurpose, resolveParty } from "./viewing.ts";

/** Matches listed per value; the row's `total` counts them all. */
const LISTED = 20;
/** Ids per store read and gate page. */
const RELEASE_PAGE = 1000;

export type MatchFormat = "jsonl" | "table";

export interface MatchRun {
	/** Through the gate as this viewer; the node's own view when absent. */
	viewer?: Viewer;
	related: boolean;
	format: MatchFormat;
	/** Only values with a match are written (the default for a file or a stream). */
	matchedOnly: boolean;
	output: Writable;
	onProgress?: (values: number, matched: number) => void;
	/** The node's warninglists: a value on one is flagged in its row (D50), and matched all the same. */
	warninglists?: Warninglists;
}

/** How many values were looked at, and how many matched. */
export interface MatchCounts {
	values: number;
	matched: number;
	invalid: number;
}

/**
 * The released copies of `ids`: the gate's answer to `viewer`, or with no viewer the stored latest versions (the
 * operator's own view). A copy released under another id (a transformed observable) is not answered under this one.
 */
export function releaseOf(node: Pick<OpenNode, "store" | "gate">, viewer: Viewer | undefined) {
	return async (ids: readonly string[]): Promise<Map<string, StixObject>> => {
		const out = new Map<string, StixObject>();
		for (let start = 0; start < ids.length; start += RELEASE_PAGE) {
			const versions = await node.store.latestVersions(ids.slice(start, start + RELEASE_PAGE));
			const copies =
				viewer === undefined
					? versions.map((version) => version.object)
					: await node.gate.releasePage(viewer, versions);
			versions.forEach((version, index) => {
				const copy = copies[index];
				if (copy !== undefined && copy.id === version.id && !out.has(version.id)) out.set(version.id, copy);
			});
		}
		return out;
	};
}

/** Matches `inputs` against `index`, writing JSON Lines as each chunk is done, or one table at the end. */
export async function runMatch(
	node: Pick<OpenNode, "store" | "gate">,
	index: ObservableIndex,
	inputs: Iterable<MatchInput> | AsyncIterable<MatchInput>,
	run: MatchRun,
): Promise<MatchCounts> {
	const counts: MatchCounts = { values: 0, matched: 0, invalid: 0 };
	const table: MatchRow[] = [];
	const write = async (text: string) => {
		if (!run.output.write(text)) await once(run.output, "drain");
	};
	const warninglists = run.warninglists;
	await warninglists?.refresh();
	const rows = matchValues(index, inputs, releaseOf(node, run.viewer), {
		related: run.related,
		listed: LISTED,
		...(warninglists === undefined ? {} : { warninglists: (o) => warninglists.hits(o) }),
	});
	for await (const chunk of rows) {
		for (const row of chunk) {
			counts.values++;
			if (row.error !== undefined) counts.invalid++;
			else if (row.total > 0) counts.matched++;
			if (run.matchedOnly && row.total === 0) continue;
			if (run.format === "table") table.push(row);
			else await write(`${JSON.stringify(row)}\n`);
		}
		run.onProgress?.(counts.values, counts.matched);
	}
	if (run.format === "table") writeTable(table, run.output);
	return counts;
}

function writeTable(rows: readonly MatchRow[], output: Writable): void {
	const lines = rows.flatMap((row) => {
		const listed = warninglistCell(row);
		return row.error !== undefined
			? [[row.input, "—", row.error, "", "", "", ""]]
			: row.matches.length === 0
				? [[row.input, row.observable?.kind ?? "", "no match", "", "", "", listed]]
				: row.matches.map((hit) => [
						row.input,
						row.observable?.kind ?? "",
						hit.relation === "exact" || hit.relation === "pattern"
							? hit.relation
							: `${hit.relation} ${hit.via.value}`,
						`${hit.type} ${hit.name ?? hit.id}`,
						hit.source ?? "",
						hit.markings.join(" "),
						listed,
					]);
	});
	// The column shows only when a value is on a list: a table of values on none stays as narrow as before.
	const flagged = rows.some((row) => (row.warninglists ?? []).length > 0);
	const headers = [
		"value",
		"kind",
		"match",
		"object",
		"source",
		"markings",
		...(flagged ? ["warninglists"] : []),
	];
	const text = tableText(
		headers,
		lines.map((line) => line.slice(0, headers.length)),
	);
	output.write(text);
}

/** The lists a value is on, for the table: their names, `; `-separated (JSON Lines carry the whole hits). */
function warninglistCell(row: MatchRow): string {
	return (row.warninglists ?? []).map((hit) => hit.list).join("; ");
}

function tableText(headers: readonly string[], rows: readonly (readonly string[])[]): string {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
	);
	const line = (row: readonly string[]) =>
		row
			.map((cell, column) => cell.padEnd(widths[column] ?? 0))
			.join("  ")
			.trimEnd();
	return [line(headers), widths.map((width) => "─".repeat(width)).join("  "), ...rows.map(line)]
		.map((text) => `${text}\n`)
		.join("");
}

function parseFormat(value: string): MatchFormat {
	if (value === "jsonl" || value === "table") return value;
	throw new InvalidArgumentError("a format is jsonl or table");
}

export function registerMatch(program: Command): void {
	program
		.command("match")
		.description(
			"which stored objects name these values (or a related one: a range holding an address, a parent domain): values as arguments, or every value in each line of --file or stdin",
		)
		.argument("[values...]", "values (defanged is fine: evil[.]com, hxxps://…)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--file <path>", "read values from each line of this file (a log, a list, a report)")
		.option("--as <party>", "only what this party may receive (identity id or name), through the egress gate")
		.option("--purpose <purpose>", "with --as: the purpose (default network-defence)", parsePurpose)
		.option("--exact", "exact values only, no related ones")
		.option("--all", "with --file or stdin: also write values without a match")
		.option(
			"--format <format>",
			"jsonl (one answer per line) or table (default: table on a terminal)",
			parseFormat,
		)
		.action(async (values: string[], options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			const progress = new ProgressLine();
			try {
				const viewer =
					options.as === undefined
						? undefined
						: cliViewer((await resolveParty(node, options.as)).id, options.purpose);
				const index = await buildIndex(node.store, {
					onProgress: (done) => progress.update(`indexing: ${done.toLocaleString("en")} objects`),
				});
				progress.done();
				const fromArguments = values.length > 0;
				const inputs: Iterable<MatchInput> | AsyncIterable<MatchInput> = fromArguments
					? values
					: valuesOfStream(options.file === undefined ? process.stdin : createReadStream(options.file));
				const warninglists = await openWarninglists(node.store);
				const counts = await runMatch(node, index, inputs, {
					...(viewer === undefined ? {} : { viewer }),
					warninglists,
					related: options.exact !== true,
					format: options.format ?? (process.stdout.isTTY === true ? "table" : "jsonl"),
					matchedOnly: !fromArguments && options.all !== true,
					output: process.stdout,
					onProgress: (seen, matched) =>
						progress.update(`${seen.toLocaleString("en")} values, ${matched.toLocaleString("en")} matched`),
				});
				progress.done();
				process.stderr.write(
					`${counts.values.toLocaleString("en")} values, ${counts.matched.toLocaleString("en")} matched` +
						`${counts.invalid > 0 ? `, ${counts.invalid.toLocaleString("en")} not values` : ""}` +
						`${options.as === undefined ? " (everything this node holds)" : ` (as ${options.as} would receive them)`}\n`,
				);
			} finally {
				progress.done();
				await node.close();
			}
		});
}
