// `entente policy impact FILE`: what every party would gain and lose if FILE were applied (D62); nothing is applied.
import type { Command } from "commander";
import type { OpenNode, PartyImpact, PolicyImpact } from "../../main.ts";
import { DEFAULT_PURPOSE, type Purpose, parsePolicyFile } from "../../policy/index.ts";
import { bar, ProgressLine, printJson, printTable } from "../output.ts";
import { printPolicyErrors, readPolicyText } from "./policy-apply.ts";
import { parsePurpose } from "./viewing.ts";

/** Exit code of a refused policy file, as for any invalid input. */
const EXIT_INVALID = 2;

/** Registers `impact` under `policy`; `withNode` opens and closes the node as the group's other commands do. */
export function registerPolicyImpact(
	group: Command,
	withNode: <T>(data: string | undefined, work: (node: OpenNode) => Promise<T>) => Promise<T>,
): void {
	group
		.command("impact")
		.description(
			"what every party would gain and lose if FILE were applied, with examples and the deciding rule (applies nothing)",
		)
		.argument("<file>", "the proposed policy file (YAML)")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--purpose <purpose>", `the purpose decided for (default ${DEFAULT_PURPOSE})`, parsePurpose)
		.option("--json", "print the whole result as JSON")
		.action(async (file: string, options: { data?: string; purpose?: Purpose; json?: boolean }) => {
			await withNode(options.data, async (node) => {
				const json = options.json === true;
				const parsed = parsePolicyFile(readPolicyText(file), file, { nodeName: node.config.nodeName });
				if (!parsed.ok) {
					printPolicyErrors(file, parsed.errors, json);
					process.exitCode = EXIT_INVALID;
					return;
				}
				const line = new ProgressLine();
				const impact = await node.policyImpact.run(parsed.policy, {
					purpose: options.purpose ?? DEFAULT_PURPOSE,
					onProgress: ({ phase, done, total }) =>
						line.update(
							`${phase.padEnd(10)} ${bar(total === 0 ? 1 : done / total)} ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`,
						),
				});
				line.done();
				if (json) printJson(impact);
				else printImpact(impact);
			});
		});
}

/** The table: per party, before → after, what it gains and loses, an example of each with its rule. */
export function printImpact(impact: PolicyImpact): void {
	const against = impact.baseVersion === 0 ? "no policy applied" : `policy version ${impact.baseVersion}`;
	process.stdout.write(
		`Compared with ${against}, over ${impact.objects.toLocaleString("en")} stored objects (purpose ${impact.purpose}):\n\n`,
	);
	printTable(
		["party", "before → after", "gained", "lost", "example gained (rule)", "example lost (rule)"],
		impact.parties.map((party) => [
			party.name,
			`${party.before.toLocaleString("en")} → ${party.after.toLocaleString("en")}`,
			`+${party.gained.toLocaleString("en")}`,
			`−${party.lost.toLocaleString("en")}`,
			example(party.gainedExamples),
			example(party.lostExamples),
		]),
	);
	const changed = impact.parties.filter((party) => party.gained > 0 || party.lost > 0).length;
	process.stdout.write(
		`\n${changed} of ${impact.parties.length} parties would see a change; nothing was applied ` +
			`(${impact.classes.toLocaleString("en")} decision classes, ${impact.decidedPerObject.toLocaleString("en")} objects decided one by one).\n`,
	);
}

function example(list: PartyImpact["gainedExamples"]): string {
	const [first] = list;
	if (first === undefined) return "";
	return `${first.name ?? first.id} (${first.rule})`;
}
