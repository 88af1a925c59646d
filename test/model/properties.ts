// The two properties of the egress gate's proof, shared by the files that run them side by side (docs/testing.md):
// the gate as every party after every command (split over two files, each with its own seed), and every output path
// as every party.
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { addObject, newVersion, policyChange, runProperty } from "./commands.ts";
import { type ModelNode, openModelNode } from "./model-node.ts";
import { checkEveryPath, checkGate } from "./observe.ts";

/**
 * Runs of the gate property in all (ENTENTE_MODEL_RUNS; a nightly run raises it, e.g. to 200000): the gate is checked
 * as every party after every command, and every output path as one party drawn by the run.
 */
export const MODEL_RUNS = Number(process.env.ENTENTE_MODEL_RUNS ?? 10000);

const commands = fc.commands([addObject, addObject, addObject, newVersion, policyChange], { maxCommands: 6 });

/** The gate property over `runs` runs, in a suite of its own with its own node. */
export function describeGateProperty(title: string, runs: number): void {
	describe(title, () => {
		let node: ModelNode;
		before(async () => {
			node = await openModelNode();
		});
		after(() => node.close());

		it(`the gate releases exactly what the model entitles after every command, and every path agrees for a drawn party (${runs} runs)`, async () => {
			const gate = (w: Parameters<typeof checkGate>[1]) => checkGate(node, w);
			await runProperty(node, commands, runs, gate, async (w, _canaries, party) => {
				await checkGate(node, w);
				await checkEveryPath(node, w, [party]);
			});
		});
	});
}

/** The every-party property (~250 requests a check) over `runs` runs. */
export function describeEveryPathProperty(title: string, runs: number): void {
	describe(title, () => {
		let node: ModelNode;
		before(async () => {
			node = await openModelNode();
		});
		after(() => node.close());

		it(`every output path (TAXII, REST, export, stats, errors) agrees with the model for every party (${runs} runs)`, async () => {
			const none = async () => {};
			await runProperty(node, commands, runs, none, (w) => checkEveryPath(node, w));
		});
	});
}
