// The proof of the egress gate: random policies, objects and revocations, every output path as every party, against a reference model.
// Runs: ENTENTE_MODEL_RUNS (default below) split between a gate-level property and an every-path property; see docs/testing.md.
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { addObject, newVersion, policyChange, runProperty } from "./model/commands.ts";
import { type ModelNode, openModelNode } from "./model/model-node.ts";
import { checkEveryPath, checkGate } from "./model/observe.ts";

/**
 * Runs of the main property (ENTENTE_MODEL_RUNS; a nightly run raises it, e.g. to 200000): the gate is
 * checked as every party after every command, and every output path as one party drawn by the run.
 */
const RUNS = Number(process.env.ENTENTE_MODEL_RUNS ?? 10000);
/** Runs of the second property, which checks every output path as every party (~250 requests a check). */
const EVERY_PARTY_RUNS = Math.max(1, Math.round(RUNS / 20));

const commands = fc.commands([addObject, addObject, addObject, newVersion, policyChange], { maxCommands: 6 });

describe("the egress gate against the reference entitlement model", () => {
	let node: ModelNode;
	before(async () => {
		node = await openModelNode();
	});
	after(() => node.close());

	it("the gate releases exactly what the model entitles after every command, and every path agrees for a drawn party", async () => {
		const gate = (w: Parameters<typeof checkGate>[1]) => checkGate(node, w);
		await runProperty(node, commands, RUNS, gate, async (w, _canaries, party) => {
			await checkGate(node, w);
			await checkEveryPath(node, w, [party]);
		});
	});

	it("every output path (TAXII, REST, export, stats, errors) agrees with the model for every party", async () => {
		const none = async () => {};
		await runProperty(node, commands, EVERY_PARTY_RUNS, none, (w) => checkEveryPath(node, w));
	});
});
