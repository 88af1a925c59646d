// `entente warninglists load|list|remove`: the lists of values known not to be threats (D50): the built-in set, and
// lists in MISP's format an operator loads into the store, which every process of the node then matches against.
import type { Command } from "commander";
import { Warninglists } from "../../intel/index.ts";
import type { OpenNode } from "../../main.ts";
import { printJson, printTable } from "../output.ts";
import { withNode } from "./node-session.ts";
import { readWarninglistFiles } from "./warninglist-files.ts";

/** Exit status when any file was refused (the others are loaded): as `entente import` for rejected objects. */
const EXIT_REFUSED = 3;

export function registerWarninglists(program: Command): void {
	const command = program
		.command("warninglists")
		.description(
			"lists of values known not to be threats (private ranges, public resolvers, …): flagged, never dropped",
		);
	loadCommand(command);
	listCommand(command);
	removeCommand(command);
}

/** Runs `work` with the node's warninglists over its store. */
function withWarninglists<T>(
	data: string | undefined,
	work: (warninglists: Warninglists, node: OpenNode) => Promise<T>,
): Promise<T> {
	return withNode(data, (node) => work(new Warninglists(node.store), node));
}

function loadCommand(group: Command): void {
	group
		.command("load")
		.description(
			"load lists in MISP's format: a list file, or every .json below a folder (e.g. misp-warninglists/lists)",
		)
		.argument("<path>", "a list.json file or a folder of them")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.addHelpText(
			"after",
			"\nA list replaces the loaded list of the same name; loading the same content again changes nothing.\n" +
				"Exit status: 0 when every file was loaded, 3 when any was refused (the others are loaded).",
		)
		.action(async (path: string, options) => {
			const files = readWarninglistFiles(path);
			await withWarninglists(options.data, async (warninglists) => {
				const results = [];
				for (const file of files) {
					if (!file.ok) {
						results.push({
							path: file.path,
							outcome: "refused",
							error: file.error.message,
							code: file.error.code,
						});
						continue;
					}
					const outcome = await warninglists.load(file.list);
					results.push({
						path: file.path,
						outcome,
						name: file.list.name,
						type: file.list.type,
						entries: file.list.entries.length,
						warnings: file.warnings,
					});
				}
				if (options.json === true) printJson({ results });
				else
					for (const result of results) {
						if (result.outcome === "refused")
							process.stderr.write(`refused    ${result.error} [${result.code}]\n`);
						else {
							process.stdout.write(
								`${result.outcome.padEnd(10)} ${result.name} (${result.type}, ${result.entries?.toLocaleString("en")} ${result.entries === 1 ? "entry" : "entries"}) from ${result.path}\n`,
							);
							for (const warning of result.warnings ?? [])
								process.stdout.write(`           note: ${warning}\n`);
						}
					}
				if (results.some((result) => result.outcome === "refused")) process.exitCode = EXIT_REFUSED;
			});
		});
}

function listCommand(group: Command): void {
	group
		.command("list")
		.description("list the warninglists: built-in ones first, then loaded ones by name")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the result as JSON")
		.action(async (options) => {
			await withWarninglists(options.data, async (warninglists) => {
				const lists = await warninglists.list();
				if (options.json === true) {
					printJson({ lists });
					return;
				}
				printTable(
					["name", "type", "entries", "version", "source"],
					lists.map((list) => [list.name, list.type, list.entryCount, String(list.version), list.source]),
				);
			});
		});
}

function removeCommand(group: Command): void {
	group
		.command("remove")
		.description("remove a loaded warninglist by name (built-in lists stay)")
		.argument("<name>", "the list's name, as `entente warninglists list` shows it")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.action(async (name: string, options) => {
			await withWarninglists(options.data, async (warninglists) => {
				await warninglists.remove(name);
				process.stdout.write(`removed ${name}\n`);
			});
		});
}
