// Form edits on the reference scenario: each change touches only its own lines, keeps every comment, and gives a
// file that parses to the policy with that change; a change with no target is refused with the reason.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { diffLines } from "../line-diff.ts";
import { editPolicyText, type PolicyChange } from "./edit.ts";
import { parsePolicyFile } from "./parse-policy-file.ts";

const SCENARIO = readFileSync(
	resolve(import.meta.dirname, "../../../examples/policy/reference-scenario.yaml"),
	"utf8",
);

/** Applies a change that must succeed; returns the new text and the lines it changed. */
function edited(change: PolicyChange, text = SCENARIO): { text: string; removed: string[]; added: string[] } {
	const result = editPolicyText(text, change);
	assert.ok(result.ok, result.ok ? "" : result.message);
	const lines = diffLines(text, result.text);
	return {
		text: result.text,
		removed: lines.filter((line) => line.op === "-").map((line) => line.text),
		added: lines.filter((line) => line.op === "+").map((line) => line.text),
	};
}

function policyOf(text: string) {
	const parsed = parsePolicyFile(text, "edited.yaml");
	assert.ok(parsed.ok, parsed.ok ? "" : JSON.stringify(parsed.errors));
	return parsed.policy;
}

const comments = (text: string): string[] =>
	text.split("\n").filter((line) => line.trimStart().startsWith("#"));

describe("editPolicyText", () => {
	it("adds a party after the last one, in the file's layout, keeping every comment", () => {
		const { text, removed, added } = edited({
			kind: "add-party",
			key: "fr-anssi",
			party: {
				trustTier: 1,
				name: "ANSSI: CERT-FR",
				id: "identity--5a2c3e0f-3d4b-4c6e-9f1a-2b3c4d5e6f70",
				sector: "cert",
				jurisdictions: ["FR"],
				node: "fr-anssi-node",
			},
		});
		assert.deepEqual(removed, []);
		assert.match(text, /TLP:GREEN only\n\n {2}fr-anssi:\n/);
		assert.deepEqual(
			added.filter((line) => line !== ""),
			[
				"  fr-anssi:",
				"    id: identity--5a2c3e0f-3d4b-4c6e-9f1a-2b3c4d5e6f70",
				'    name: "ANSSI: CERT-FR"',
				"    sector: cert",
				"    jurisdictions: [FR]",
				"    node: fr-anssi-node",
				"    trustTier: 1",
			],
		);
		assert.deepEqual(comments(text), comments(SCENARIO));
		const party = policyOf(text).parties.find((candidate) => candidate.name === "ANSSI: CERT-FR");
		assert.deepEqual(party?.jurisdictions, ["FR"]);
	});

	it("adds an agreement with its window and treatments", () => {
		const { text, removed } = edited({
			kind: "add-agreement",
			key: "nca-fbi-research",
			agreement: {
				name: "NCA–FBI research",
				kind: "bilateral",
				parties: ["uk-nca", "us-fbi"],
				purposes: ["research"],
				tlpCeiling: "green",
				validity: { from: "2026-01-01", until: "2027-01-01" },
				treatments: [{ objectType: "ipv4-addr", role: "victim", treatment: "generalise" }],
			},
		});
		assert.deepEqual(removed, []);
		const agreement = policyOf(text).agreements.find((candidate) => candidate.id === "nca-fbi-research");
		assert.equal(agreement?.validity.until, "2027-01-01T00:00:00.000Z");
		assert.equal(agreement?.treatments[0]?.treatment, "generalise");
	});

	it("sets, adds and removes ceilings on their own lines, keeping trailing comments", () => {
		const agreement = edited({ kind: "set-ceiling", target: "agreement", key: "jcat", tlpCeiling: "green" });
		assert.deepEqual(agreement.removed, ["    tlpCeiling: amber"]);
		assert.deepEqual(agreement.added, ["    tlpCeiling: green"]);

		const party = edited({ kind: "set-ceiling", target: "party", key: "de-uni-cert", tlpCeiling: "clear" });
		assert.deepEqual(party.added, ["    tlpCeiling: clear # academia receives TLP:CLEAR and TLP:GREEN only"]);

		const added = edited({ kind: "set-ceiling", target: "party", key: "uk-bank", tlpCeiling: "amber" });
		assert.deepEqual([added.removed, added.added], [[], ["    tlpCeiling: amber"]]);
		assert.equal(
			policyOf(added.text).parties.find((p) => p.name === "Example Bank plc")?.tlpCeiling,
			"amber",
		);

		const removed = edited({
			kind: "set-ceiling",
			target: "subgroup",
			key: "jcat",
			subgroup: "ransomware",
			tlpCeiling: null,
		});
		assert.deepEqual([removed.removed, removed.added], [["        tlpCeiling: amber"], []]);

		const pap = edited({ kind: "set-ceiling", target: "agreement", key: "nca-bank", papCeiling: "amber" });
		assert.deepEqual(pap.added, ["    papCeiling: amber # the bank may block"]);
	});

	it("sets an agreement's purposes and a legal basis's window in their flow style", () => {
		const purposes = edited({ kind: "set-purposes", agreement: "jcat", purposes: ["crime-prevention"] });
		assert.deepEqual(purposes.added, ["    purposes: [crime-prevention]"]);
		const window = edited({
			kind: "set-legal-basis-window",
			jurisdiction: "EU",
			basis: "eu-uk-adequacy-led",
			from: "2021-06-28",
			until: "2029-12-27",
		});
		assert.deepEqual(window.added, ["        validity: { from: 2021-06-28, until: 2029-12-27 }"]);
		const open = edited({
			kind: "set-legal-basis-window",
			jurisdiction: "GB",
			basis: "uk-gdpr",
			from: "2021-02-01",
		});
		assert.deepEqual(open.added, ["        validity: { from: 2021-02-01 }"]);
	});

	it("refuses a change whose target is missing, or a key already used, saying which", () => {
		const cases: [PolicyChange, RegExp][] = [
			[{ kind: "set-purposes", agreement: "nope", purposes: ["research"] }, /no agreement "nope"/],
			[{ kind: "add-party", key: "uk-nca", party: {} }, /already a party "uk-nca"/],
			[{ kind: "set-ceiling", target: "party", key: "uk-nca", papCeiling: "red" }, /only an agreement/],
			[
				{ kind: "set-ceiling", target: "agreement", key: "jcat", tlpCeiling: null },
				/always has a tlpCeiling/,
			],
			[
				{ kind: "set-legal-basis-window", jurisdiction: "US", basis: "gdpr", from: "2020-01-01" },
				/no legal basis/,
			],
		];
		for (const [change, message] of cases) {
			const result = editPolicyText(SCENARIO, change);
			assert.equal(result.ok, false);
			assert.match(result.ok ? "" : result.message, message);
		}
		assert.match(
			(
				editPolicyText("parties: [\n", { kind: "set-purposes", agreement: "x", purposes: [] }) as {
					message: string;
				}
			).message,
			/not readable YAML/,
		);
	});

	it("adds a section the file does not have yet", () => {
		const text = "version: 1\nnode: n\n# the parties\nparties:\n  me:\n    id: x\n";
		const result = edited(
			{
				kind: "add-agreement",
				key: "a",
				agreement: { name: "A", kind: "bilateral", purposes: ["research"], tlpCeiling: "green" },
			},
			text,
		);
		assert.equal(
			result.text,
			`${text}\nagreements:\n  a:\n    name: A\n    kind: bilateral\n    purposes: [research]\n    tlpCeiling: green\n`,
		);
	});
});
