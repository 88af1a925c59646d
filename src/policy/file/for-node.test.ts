import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { policyFileForNode } from "./for-node.ts";
import { parsePolicyFile } from "./parse-policy-file.ts";

const SCENARIO = readFileSync(
	new URL("../../../examples/policy/reference-scenario.yaml", import.meta.url),
	"utf8",
);

describe("policyFileForNode", () => {
	it("makes exactly the target node's parties local and places every other one on its node", () => {
		const text = policyFileForNode(SCENARIO, "us-fbi-node", " for the FBI");
		const result = parsePolicyFile(text, "fbi.yaml", { nodeName: "us-fbi-node" });
		assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
		const local = result.policy.parties.filter((p) => p.local).map((p) => p.name);
		assert.deepEqual(local, ["US Federal Bureau of Investigation (Cyber Division)"]);
		const nca = result.policy.parties.find((p) => p.id === "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b");
		assert.equal(nca?.node, "uk-nca-node");
		assert.equal(nca?.local, false);
		assert.match(text, /^# for the FBI\n/);
		// Everything else is the same policy: agreements, jurisdictions and communities unchanged.
		const original = parsePolicyFile(SCENARIO, "uk.yaml", { nodeName: "uk-nca-node" });
		assert.ok(original.ok);
		assert.deepEqual(result.policy.agreements, original.policy.agreements);
		assert.deepEqual(result.policy.jurisdictions, original.policy.jurisdictions);
		assert.deepEqual(result.policy.communities, original.policy.communities);
	});

	it("is refused by the original node once rendered for another (the file names its node)", () => {
		const text = policyFileForNode(SCENARIO, "de-bka-node");
		const result = parsePolicyFile(text, "bka.yaml", { nodeName: "uk-nca-node" });
		assert.equal(result.ok, false);
	});

	it("returns a text with YAML errors unchanged, for the parser to locate them", () => {
		assert.equal(policyFileForNode("parties: [", "x"), "parties: [");
	});
});
