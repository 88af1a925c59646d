import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sampleIntel } from "./sample-intel.ts";
import { planScenario } from "./scenario.ts";

describe("planScenario (reference scenario)", () => {
	const plan = planScenario();

	it("plans one node per party, each applying its own rendering of the file", () => {
		assert.deepEqual(
			plan.nodes.map((n) => n.name),
			[
				"uk-nca-node",
				"us-fbi-node",
				"europol-ec3-node",
				"nl-police-node",
				"de-bka-node",
				"co-police-node",
				"example-bank-node",
				"de-uni-cert-node",
			],
		);
		for (const node of plan.nodes) assert.match(node.policyText, new RegExp(`^node: ${node.name}$`, "m"));
	});

	it("links the parties each agreement binds, naming the agreements in file order", () => {
		const agreementsOf = (a: string, b: string) =>
			plan.links.find((l) => l.inviter === a && l.invitee === b)?.agreements;
		assert.deepEqual(agreementsOf("uk-nca-node", "us-fbi-node"), ["us-uk-cyber-cell", "jcat"]);
		assert.deepEqual(agreementsOf("uk-nca-node", "example-bank-node"), ["nca-bank"]);
		assert.deepEqual(agreementsOf("de-bka-node", "de-uni-cert-node"), ["academic-exchange"]);
		assert.deepEqual(agreementsOf("nl-police-node", "co-police-node"), ["jcat"]);
		// Six J-CAT members pairwise (15), the bank, and the university with the NCA and the BKA.
		assert.equal(plan.links.length, 18);
		assert.equal(
			plan.links.some((l) => l.invitee === "example-bank-node" && l.inviter !== "uk-nca-node"),
			false,
		);
	});

	it("has sample intelligence for every party, authored by it", () => {
		for (const node of plan.nodes) {
			const objects = sampleIntel(node.partyKey, node.party.id);
			assert.ok(objects.length > 0, node.partyKey);
			for (const o of objects) if ("created_by_ref" in o) assert.equal(o.created_by_ref, node.party.id);
		}
	});
});
