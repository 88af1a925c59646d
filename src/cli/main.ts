// The `entente` command line: builds the program, runs it, and turns errors into messages and exit codes.
import { Command, CommanderError } from "commander";
import { isAppError } from "../errors/index.ts";
import { VERSION } from "../main.ts";
import { everyCommandHelp } from "./command-tree.ts";
import { registerAudit } from "./commands/audit.ts";
import { registerBackup } from "./commands/backup.ts";
import { registerCollections } from "./commands/collections.ts";
import { registerCompletion } from "./commands/completion.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerDoctor } from "./commands/doctor.ts";
import { registerExport } from "./commands/export.ts";
import { registerFeeds } from "./commands/feeds.ts";
import { registerImport } from "./commands/import.ts";
import { registerIncidents } from "./commands/incidents.ts";
import { registerInit } from "./commands/init.ts";
import { registerKeys } from "./commands/keys.ts";
import { registerMatch } from "./commands/match.ts";
import { registerPeers } from "./commands/peers.ts";
import { registerPolicy } from "./commands/policy.ts";
import { registerPull } from "./commands/pull.ts";
import { registerPush } from "./commands/push.ts";
import { registerQuarantine } from "./commands/quarantine.ts";
import { registerSamples } from "./commands/samples.ts";
import { registerServe } from "./commands/serve.ts";
import { registerStats } from "./commands/stats.ts";
import { registerUsers } from "./commands/users.ts";
import { registerWarninglists } from "./commands/warninglists.ts";
import { endQuietlyWhenStdoutCloses } from "./output.ts";

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;

export function buildProgram(): Command {
	const program = new Command("entente")
		.description("Entente: a node of a federated network for sharing cyber threat intelligence")
		.version(VERSION)
		// Program options only before a subcommand, so a subcommand may have its own --version (policy show).
		.enablePositionalOptions()
		.showHelpAfterError("(run with --help for usage)")
		.exitOverride();
	registerInit(program);
	registerServe(program);
	registerImport(program);
	registerExport(program);
	registerPull(program);
	registerPush(program);
	registerStats(program);
	registerMatch(program);
	registerIncidents(program);
	registerSamples(program);
	registerWarninglists(program);
	registerFeeds(program);
	registerQuarantine(program);
	registerCollections(program);
	registerPolicy(program);
	registerUsers(program);
	registerAudit(program);
	registerKeys(program);
	registerPeers(program);
	registerDemo(program);
	registerDoctor(program);
	registerBackup(program);
	registerCompletion(program);
	program.addHelpText("after", () => everyCommandHelp(program));
	return program;
}

export async function run(argv: readonly string[]): Promise<number> {
	try {
		await buildProgram().parseAsync([...argv], { from: "user" });
		return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
	} catch (error) {
		if (error instanceof CommanderError) {
			return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
		}
		if (isAppError(error)) {
			process.stderr.write(`entente: ${error.message} [${error.code}]\n`);
			return error.kind === "invalid" ? EXIT.usage : EXIT.failure;
		}
		process.stderr.write(`entente: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
		return EXIT.failure;
	}
}

if (import.meta.main) {
	endQuietlyWhenStdoutCloses();
	process.exitCode = await run(process.argv.slice(2));
}
