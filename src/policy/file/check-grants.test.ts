// Policies that grant more than an agreement allows, or say two things at once, are refused with the reason.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type PolicyFileError, parsePolicyFile } from "./index.ts";

/** A valid policy with a community and a multilateral agreement; line numbers below count from 1. */
const BASE = `version: 1
node: here
parties:
  alpha:
    id: identity--0a0a0a0a-0000-4000-8000-000000000001
    name: Alpha Police
    sector: law-enforcement
    jurisdictions: [GB]
    local: true
    trustTier: 1
    clients: [gamma]
  beta:
    id: identity--0b0b0b0b-0000-4000-8000-000000000002
    name: Beta Police
    sector: law-enforcement
    jurisdictions: [NL]
    node: beta-node
    trustTier: 1
  gamma:
    id: identity--0c0c0c0c-0000-4000-8000-000000000003
    name: Gamma Bank
    sector: private
    jurisdictions: [GB]
    node: gamma-node
    trustTier: 2
    tlpCeiling: amber
jurisdictions:
  GB:
    name: United Kingdom
    legalBases:
      dpa: { name: DPA 2018, validity: { from: 2018-05-25 } }
    transferRoutes:
      - { to: EU, basis: dpa, purposes: [research] }
  EU:
    name: European Union
    members: [NL]
communities:
  task-force:
    name: Task force
    members: [alpha, beta]
    subgroups:
      core: { name: Core, members: [alpha, beta], tlpCeiling: amber }
agreements:
  task-force:
    name: Task force agreement
    kind: multilateral
    communities: [task-force]
    purposes: [crime-prevention]
    tlpCeiling: amber
    validity: { from: 2024-01-01 }
  alpha-gamma:
    name: Alpha–Gamma partnership
    kind: bilateral
    parties: [alpha, gamma]
    purposes: [network-defence]
    tlpCeiling: amber
    validity: { from: 2024-01-01 }
    treatments:
      - { objectType: ipv4-addr, role: victim, treatment: pseudonymise }
`;

function withLine(line: number, text: string): string {
	const lines = BASE.split("\n");
	lines[line - 1] = text;
	return lines.join("\n");
}

function refused(text: string): PolicyFileError[] {
	const result = parsePolicyFile(text, "test.yaml", { nodeName: "here" });
	assert.equal(result.ok, false, "the file should have been refused");
	return result.ok ? [] : result.errors;
}

function onlyError(errors: readonly PolicyFileError[], line: number, column: number, message: RegExp): void {
	const listed = errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join("\n");
	assert.equal(errors.length, 1, listed);
	assert.deepEqual([errors[0]?.line, errors[0]?.column], [line, column], listed);
	assert.match(errors[0]?.message ?? "", message);
}

describe("parsePolicyFile: grants and contradictions", () => {
	it("accepts the base fixture", () => {
		const result = parsePolicyFile(BASE, "base.yaml", { nodeName: "here" });
		assert.deepEqual(result.ok ? [] : result.errors, []);
	});

	it("refuses a subgroup that would release more than the community's agreement", () => {
		onlyError(
			refused(withLine(42, "      core: { name: Core, members: [alpha, beta], tlpCeiling: red }")),
			42,
			63,
			/subgroup "core" would receive up to TLP:RED, but the agreements covering community "task-force" \(task-force\) allow at most TLP:AMBER/,
		);
	});

	it("refuses a subgroup ceiling in a community no agreement covers", () => {
		onlyError(
			refused(withLine(47, "    communities: []\n    parties: [alpha, beta]")),
			42,
			63,
			/no agreement covers community "task-force", so nothing above TLP:CLEAR may reach it/,
		);
	});

	it("refuses a party setting that would release more than its agreements", () => {
		onlyError(
			refused(withLine(26, "    tlpCeiling: red")),
			26,
			17,
			/party "gamma" would receive up to TLP:RED, but the agreements covering party "gamma" \(alpha-gamma\) allow at most TLP:AMBER/,
		);
	});

	it("refuses a subgroup member who is not a member of the community", () => {
		onlyError(
			refused(withLine(42, "      core: { name: Core, members: [alpha, gamma], tlpCeiling: amber }")),
			42,
			44,
			/"gamma" is not a member of community "task-force", so it cannot be in its subgroup "core"/,
		);
	});

	it("refuses a bilateral agreement without exactly two parties, or with communities", () => {
		onlyError(
			refused(withLine(54, "    parties: [gamma]")),
			54,
			14,
			/binds exactly 2 parties; "alpha-gamma" lists 1/,
		);
		onlyError(refused(withLine(54, "    parties: [alpha, beta, gamma]")), 54, 14, /lists 3/);
		onlyError(
			refused(withLine(46, "    kind: bilateral\n    parties: [alpha, beta]")),
			48,
			18,
			/a bilateral agreement binds two parties, not communities/,
		);
	});

	it("refuses a multilateral agreement that binds fewer than two parties", () => {
		onlyError(
			refused(
				withLine(47, "    communities: []\n    parties: [alpha]").replace(", tlpCeiling: amber }", " }"),
			),
			44,
			3,
			/multilateral agreement "task-force" binds fewer than 2 parties/,
		);
	});

	it("refuses a party listed as a client of itself", () => {
		onlyError(
			refused(withLine(11, "    clients: [gamma, alpha]")),
			11,
			22,
			/party "alpha" cannot be a client of itself/,
		);
	});

	it("refuses a local party hosted on another node, and a partner hosted on this one", () => {
		onlyError(
			refused(withLine(9, "    local: true\n    node: elsewhere")),
			10,
			11,
			/party "alpha" is local, so this node \("here"\) hosts it, not "elsewhere"/,
		);
		onlyError(
			refused(withLine(17, "    node: here")),
			17,
			11,
			/hosted on this node \("here"\) but not marked local: true/,
		);
		onlyError(refused(withLine(17, "")), 12, 3, /missing required key "node"/);
	});

	it("refuses an agreement's required treatment that a transfer route contradicts", () => {
		// alpha (GB) and gamma (moved to NL, under EU) must pseudonymise; a GB → EU route for the same purpose says otherwise.
		const text = withLine(23, "    jurisdictions: [NL]").replace(
			"purposes: [research] }",
			"purposes: [network-defence] }",
		);
		const errors = refused(text);
		onlyError(
			errors,
			58,
			5,
			/agreement "alpha-gamma" requires pseudonymise ipv4-addr \(victim\) between its parties, but the transfer route GB → EU .* lets personal data go as it is from "alpha" to "gamma" for network-defence/,
		);
	});

	it("accepts the same route when its purposes do not meet the agreement's", () => {
		const result = parsePolicyFile(withLine(23, "    jurisdictions: [NL]"), "t.yaml", { nodeName: "here" });
		assert.deepEqual(result.ok ? [] : result.errors, []);
	});
});
