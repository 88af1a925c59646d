// `entente policy apply|show|history`: the node's sharing policy, applied from a file and kept in versions.
import type { Command } from "commander";
import { AppError, isAppError } from "../../errors/index.ts";
import { type OpenNode, openNode } from "../../main.ts";
import { type PolicyFileError, summarisePolicy } from "../../policy/index.ts";
import { printJson, printTable } from "../output.ts";
import { parsePositive } from "./options.ts";
import { applyPolicyFile, printApplied, printPolicyErrors } from "./policy-apply.ts";
import { registerPolicyImpact } from "./policy-impact.ts";
import { registerPolicyInspect } from "./policy-inspect.ts";
import { registerPolicyVersions } from "./policy-versions.ts";

/** Exit code of a refused policy file, as for any invalid input. */
const EXIT_INVALID = 2;

async function withNode<T>(data: string | undefined, work: (node: OpenNode) => Promise<T>): Promise<T> {
	const node = await openNode({ ...(data === undefined ? {} : { dataDir: data }), logLevel: "warn" });
	try {
		return await work(node);
	} finally {
		await node.close();
	}
}

export function registerPolicy(program: Command): void {
	const command = program
		.command("policy")
		.description("the sharing policy: parties, jurisdictions, agreements and communities, in versions");
	applyCommand(command);
	showCommand(command);
	historyCommand(command);
	registerPolicyInspect(command);
	registerPolicyVersions(command);
	registerPolicyImpact(command, withNode);
}

/** `apply`: validate a policy file and apply it as the next version (refused whole on any error). */
function applyCommand(group: Command): void {
	group
		.command("apply")
		.description("validate a policy file and apply it as the next version (refused whole on any error)")
		.argument("<file>", "policy file (YAML); see examples/policy/reference-scenario.yaml")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--dry-run", "validate only; apply nothing")
		.option("--confirm-cut-off", "apply even though every partner would receive nothing beyond TLP:CLEAR")
		.option("--json", "print the result (or the errors) as JSON")
		.action(async (file: string, options) => {
			await withNode(options.data, async (node) => {
				const json = options.json === true;
				try {
					const result = await applyPolicyFile(node, file, {
						dryRun: options.dryRun === true,
						json,
						confirmCutOff: options.confirmCutOff === true,
					});
					if (json) printJson(result);
					else printApplied(result);
				} catch (error) {
					if (!isAppError(error) || error.code !== "E_POLICY_INVALID") throw error;
					printPolicyErrors(file, (error.details?.errors ?? []) as PolicyFileError[], json);
					process.exitCode = EXIT_INVALID;
				}
			});
		});
}

/** `show`: print a policy version as applied (the latest by default). */
function showCommand(group: Command): void {
	group
		.command("show")
		.description("print a policy version as applied (the latest by default)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--version <n>", "which version (see 'entente policy history')", parsePositive)
		.option("--json", "print the parsed policy and its version record as JSON")
		.action(async (options) => {
			await withNode(options.data, async (node) => {
				const stored = await node.store.getPolicy(options.version);
				if (stored === undefined) {
					throw new AppError(
						"E_POLICY_NOT_FOUND",
						options.version === undefined
							? "no policy has been applied yet; run 'entente policy apply FILE'"
							: `there is no policy version ${options.version}; see 'entente policy history'`,
					);
				}
				if (options.json === true) {
					const { text: _text, ...record } = stored;
					printJson({ ...record, summary: summarisePolicy(stored.policy) });
					return;
				}
				process.stdout.write(
					`# policy version ${stored.version}, applied ${stored.appliedAt} by ${stored.appliedBy}\n${stored.text}`,
				);
				if (!stored.text.endsWith("\n")) process.stdout.write("\n");
			});
		});
}

/** `history`: list the applied policy versions, oldest first. */
function historyCommand(group: Command): void {
	group
		.command("history")
		.description("list the applied policy versions, oldest first")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the versions as JSON")
		.action(async (options) => {
			await withNode(options.data, async (node) => {
				const versions = await node.store.listPolicyVersions();
				if (options.json === true) {
					printJson(versions);
					return;
				}
				if (versions.length === 0) {
					process.stdout.write("no policy has been applied yet; run 'entente policy apply FILE'\n");
					return;
				}
				printTable(
					["version", "applied at", "applied by"],
					versions.map((info) => [info.version, info.appliedAt, info.appliedBy]),
				);
			});
		});
}
