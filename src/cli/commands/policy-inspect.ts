// `entente policy explain|preview|as`: what the egress gate decides for an object, and the node as a party sees it.
import { Command } from "commander";
import { type OpenNode, openNode } from "../../main.ts";
import { DEFAULT_PURPOSE, type Decision } from "../../policy/index.ts";
import { printJson, printTable } from "../output.ts";
import { registerExport } from "./export.ts";
import { registerStats } from "./stats.ts";
import { parsePurpose, parseVersionTimestamp, resolveParty, versionOf } from "./viewing.ts";

async function withNode<T>(data: string | undefined, work: (node: OpenNode) => Promise<T>): Promise<T> {
	const node = await openNode({ ...(data === undefined ? {} : { dataDir: data }), logLevel: "warn" });
	try {
		return await work(node);
	} finally {
		await node.close();
	}
}

function treatmentsText(decision: Pick<Decision, "treatments">): string {
	return decision.treatments
		.map((t) => `${t.treatment} ${t.objectType}${t.fields === undefined ? "" : ` [${t.fields.join(", ")}]`}`)
		.join("; ");
}

/** The decision in words: the verdict, then every rule consulted with its outcome and reason. */
function printDecision(decision: Decision, head: string): void {
	process.stdout.write(`${head}\nVerdict: ${decision.verdict}\n`);
	if (decision.treatments.length > 0) process.stdout.write(`Treatments: ${treatmentsText(decision)}\n`);
	if (decision.addMarkings.length > 0)
		process.stdout.write(`Markings added: ${decision.addMarkings.join(", ")}\n`);
	process.stdout.write("Why:\n");
	decision.trace.forEach((step, index) => {
		process.stdout.write(
			`  ${String(index + 1).padStart(2)}. ${step.outcome.padEnd(9)} ${step.rule}: ${step.reason}\n`,
		);
	});
}

/** Commands `as` can run as a party; each takes `--as` and `--purpose` itself. */
const AS_COMMANDS = ["export", "stats"] as const;

export function registerPolicyInspect(command: Command): void {
	explainCommand(command);
	previewCommand(command);
	asCommand(command);
}

/** `explain`: what PARTY would receive of an object, and why (every rule consulted, in words). */
function explainCommand(group: Command): void {
	group
		.command("explain")
		.description("what PARTY would receive of an object, and why (every rule consulted, in words)")
		.argument("<object-id>", "the object's STIX id")
		.requiredOption("--to <party>", "the recipient party (identity id or name)")
		.option("--purpose <purpose>", `the purpose (default ${DEFAULT_PURPOSE})`, parsePurpose)
		.option(
			"--version <timestamp>",
			"an older version (its modified), judged under its own and the latest version's markings",
			parseVersionTimestamp,
		)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the decision and its trace as JSON")
		.action(async (objectId: string, options) => {
			await withNode(options.data, async (node) => {
				const version = await versionOf(node, objectId, options.version);
				const party = await resolveParty(node, options.to);
				const purpose = options.purpose ?? DEFAULT_PURPOSE;
				const decision = await node.gate.explain(version, party.id, purpose);
				if (options.json === true) {
					printJson({ object: objectId, version: version.version, party: party.id, purpose, ...decision });
					return;
				}
				printDecision(
					decision,
					`${objectId} (version ${version.version || "-"}) to ${party.name} (${party.id}) for ${purpose}`,
				);
			});
		});
}

/** `preview`: every party of the policy and what each would receive of an object. */
function previewCommand(group: Command): void {
	group
		.command("preview")
		.description("every party of the policy and what each would receive of an object")
		.argument("<object-id>", "the object's STIX id")
		.option("--purpose <purpose>", `the purpose (default ${DEFAULT_PURPOSE})`, parsePurpose)
		.option(
			"--version <timestamp>",
			"an older version (its modified), judged under its own and the latest version's markings",
			parseVersionTimestamp,
		)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the preview as JSON")
		.action(async (objectId: string, options) => {
			await withNode(options.data, async (node) => {
				const version = await versionOf(node, objectId, options.version);
				const purpose = options.purpose ?? DEFAULT_PURPOSE;
				const lines = await node.gate.preview(version, purpose);
				if (options.json === true) {
					printJson({ object: objectId, version: version.version, purpose, parties: lines });
					return;
				}
				if (lines.length === 0) {
					process.stdout.write(
						"no policy is applied: only this node's own organisations see objects, in full; partners see nothing\n",
					);
					return;
				}
				printTable(
					["party", "node", "verdict", "treatments", "deciding rule"],
					lines.map((line) => [
						line.name,
						line.local ? `${line.node} (local)` : line.node,
						line.verdict,
						treatmentsText(line) || "-",
						line.decidingRule,
					]),
				);
			});
		});
}

/** `as`: run export or stats as a party sees this node. */
function asCommand(group: Command): void {
	group
		.command("as")
		.description(
			`run a command as PARTY sees this node (${AS_COMMANDS.join(", ")}): e.g. 'policy as us-fbi -- stats'`,
		)
		.argument("<party>", "the party (identity id or name)")
		.argument("<command...>", `the command and its options, after '--'`)
		.allowUnknownOption()
		.passThroughOptions()
		.action(async (party: string, argv: string[]) => {
			// With passThroughOptions, a '--' after the party reaches us as an argument.
			const [name, ...rest] = argv[0] === "--" ? argv.slice(1) : argv;
			if (!AS_COMMANDS.some((c) => c === name)) {
				group.error(`'policy as' runs ${AS_COMMANDS.join(" or ")}, not '${name ?? ""}'`, { exitCode: 2 });
			}
			const inner = new Command("entente").exitOverride();
			registerExport(inner);
			registerStats(inner);
			await inner.parseAsync([name ?? "", ...rest, "--as", party], { from: "user" });
		});
}
