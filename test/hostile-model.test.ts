// The egress gate against partners that attack: honest parties publish and change the policy while partners'
// users forge versions, re-post marking definitions, squat ids, wrap others' objects and delete them, all through
// the node's public interfaces. Two oracles: the reference model (attacks change nothing it does not say) and
// canaries (strings in what attackers write and in marked fields, each readable only by whom the model allows).
// Runs: ENTENTE_HOSTILE_RUNS (default below); ENTENTE_MODEL_SEED replays a failure. See docs/testing.md.
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { scanned } from "./model/canaries.ts";
import { addObject, newVersion, policyChange, type RunCounts, runProperty } from "./model/commands.ts";
import {
	addMarkedFields,
	addObservable,
	deleteOthers,
	forgeVersion,
	referenceObservable,
	repostMarking,
	squat,
	wrap,
} from "./model/hostile-commands.ts";
import { type ModelNode, openModelNode } from "./model/model-node.ts";
import { checkEveryPath, checkGate } from "./model/observe.ts";

/** Scenarios per run of the suite; the benchmarks run ≥ 100,000 (bench/workloads/hostile-model.ts). */
const RUNS = Number(process.env.ENTENTE_HOSTILE_RUNS ?? 1500);

const commands = fc.commands(
	[
		addObject,
		addObject,
		addMarkedFields,
		newVersion,
		policyChange,
		forgeVersion,
		forgeVersion,
		repostMarking,
		squat,
		wrap,
		deleteOthers,
		addObservable,
		referenceObservable,
	],
	{ maxCommands: 8 },
);

describe("the egress gate when partners attack", () => {
	let node: ModelNode;
	before(async () => {
		node = await openModelNode();
	});
	after(() => node.close());

	it("attacks change nothing the model does not say, and no canary reaches a party it is not for", async (t) => {
		const counts: RunCounts = { scenarios: 0 };
		const before = scanned.answers;
		await runProperty(
			node,
			commands,
			RUNS,
			(w, canaries) => checkGate(node, w, canaries),
			async (w, canaries, party) => {
				await checkGate(node, w, canaries);
				await checkEveryPath(node, w, [party], canaries);
			},
			counts,
		);
		t.diagnostic(
			`${counts.scenarios} scenarios, ${scanned.answers - before} answers checked for canaries (ENTENTE_MODEL_SEED=${counts.seed} replays them)`,
		);
	});
});
