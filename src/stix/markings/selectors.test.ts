// Granular-marking selectors: one reading for validation and the egress gate (§7.2.3.1).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateObject } from "../validate/index.ts";
import { resolveSelector, selectorOf, selectorSteps } from "./selectors.ts";
import { TLP2_DEFINITIONS } from "./tlp2.ts";

const object = {
	description: "d",
	labels: ["a", "b"],
	kill_chain_phases: [{ kill_chain_name: "k", phase_name: "p" }],
	x_matrix: [["a"], []],
	hashes: { "SHA-256": "00" },
};

describe("granular-marking selectors", () => {
	it("reads property names, dictionary keys and [n] indexes, and writes them back", () => {
		assert.deepEqual(selectorSteps("kill_chain_phases.[0].phase_name"), [
			"kill_chain_phases",
			0,
			"phase_name",
		]);
		assert.deepEqual(selectorSteps("x_matrix.[1].[0]"), ["x_matrix", 1, 0]);
		for (const bad of ["labels.[]", "labels.[-1]", "labels.[1.5]", "labels..x", "labels.[0", ""])
			assert.equal(selectorSteps(bad), undefined, bad);
		assert.equal(selectorOf(["x_matrix", 1, 0]), "x_matrix.[1].[0]");
	});

	it("resolves only content the object has, and says which step fails", () => {
		for (const ok of [
			"description",
			"labels.[1]",
			"kill_chain_phases.[0].phase_name",
			"x_matrix.[0].[0]",
			"hashes.SHA-256",
		])
			assert.equal(resolveSelector(object, ok).ok, true, ok);
		const problem = (selector: string) => {
			const resolved = resolveSelector(object, selector);
			return resolved.ok ? "" : resolved.problem;
		};
		assert.equal(problem("labels.[2]"), "labels has 2 items, no [2]");
		assert.equal(problem("kill_chain_phases.[0].phase"), 'kill_chain_phases.[0] has no property "phase"');
		assert.equal(
			problem("kill_chain_phases.phase_name"),
			'kill_chain_phases is a list: select an item with [n] before "phase_name"',
		);
		assert.equal(problem("description.[0]"), "description is not a list, so [0] selects nothing");
		assert.equal(problem("x_matrix.[1].[0]"), "x_matrix.[1] has 0 items, no [0]");
		assert.equal(problem("summary"), 'the object has no property "summary"');
	});

	it("ingest refuses an object whose selector does not resolve, naming the selector and the step", () => {
		const indicator = {
			type: "indicator",
			spec_version: "2.1",
			id: "indicator--6b1c2d3e-4f50-4a61-8b72-c3d4e5f60718",
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			pattern: "[file:hashes.'SHA-256' = '00']",
			pattern_type: "stix",
			valid_from: "2024-01-01T00:00:00Z",
			kill_chain_phases: [{ kill_chain_name: "k", phase_name: "p" }],
			external_references: [{ source_name: "s", url: "https://s.example" }],
			granular_markings: [
				{
					marking_ref: TLP2_DEFINITIONS.red.id,
					selectors: [
						"kill_chain_phases.[1].phase_name",
						"external_references.[0].description",
						"kill_chain_phases.[0]",
					],
				},
			],
		};
		const issues = validateObject(indicator).filter((issue) => issue.code === "selector");
		assert.deepEqual(
			issues.map((issue) => [issue.path, issue.severity]),
			[
				["$.granular_markings[0].selectors[0]", "error"],
				["$.granular_markings[0].selectors[1]", "error"],
			],
		);
		assert.match(
			issues[0]?.message ?? "",
			/"kill_chain_phases\.\[1\]\.phase_name" .*kill_chain_phases has 1 item, no \[1\]/,
		);
		assert.match(
			issues[1]?.message ?? "",
			/"external_references\.\[0\]\.description" .*has no property "description"/,
		);
	});
});
