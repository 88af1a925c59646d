// The policy file reader: the shipped reference scenario, and each kind of error located at its line and column.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { type PolicyFileError, parsePolicyFile } from "./index.ts";

const SCENARIO = resolve(
	import.meta.dirname,
	"..",
	"..",
	"..",
	"examples",
	"policy",
	"reference-scenario.yaml",
);

const NCA = "identity--7c16e0fa-69c0-4904-a435-15ce7ff0ab6b";
const BANK = "identity--3d177db3-a221-47a9-a23b-f8bfc4078e65";
const EC3 = "identity--714b5906-7d46-498c-aa01-c1ce7786496c";

/** The errors of a file that must be refused. */
function errorsOf(text: string, nodeName?: string): PolicyFileError[] {
	const result = parsePolicyFile(text, "test.yaml", nodeName === undefined ? {} : { nodeName });
	assert.equal(result.ok, false, "the file should have been refused");
	return result.ok ? [] : result.errors;
}

/** Asserts an error at line:column whose message matches. */
function hasError(errors: readonly PolicyFileError[], line: number, column: number, message: RegExp): void {
	const found = errors.find(
		(error) => error.line === line && error.column === column && message.test(error.message),
	);
	assert.ok(
		found,
		`no error at ${line}:${column} matching ${message}; got:\n${errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join("\n")}`,
	);
}

/** A small valid policy; line numbers in the tests below count from its first line. */
const BASE = `version: 1
node: here
parties:
  alpha:
    id: identity--0a0a0a0a-0000-4000-8000-000000000001
    name: Alpha CERT
    sector: cert
    jurisdictions: [GB]
    local: true
    trustTier: 1
  beta:
    id: identity--0b0b0b0b-0000-4000-8000-000000000002
    name: Beta Police
    sector: law-enforcement
    jurisdictions: [NL]
    node: beta-node
    trustTier: 1
jurisdictions:
  GB:
    name: United Kingdom
    legalBases:
      dpa: { name: DPA 2018, validity: { from: 2018-05-25 } }
    transferRoutes:
      - { to: EU, basis: dpa }
  EU:
    name: European Union
    members: [NL, DE]
agreements:
  pair:
    name: Alpha–Beta
    kind: bilateral
    parties: [alpha, beta]
    purposes: [network-defence]
    tlpCeiling: amber
    validity: { from: 2024-01-01, until: 2026-01-01 }
`;

/** BASE with the text of line `line` (1-based) replaced. */
function withLine(line: number, text: string): string {
	const lines = BASE.split("\n");
	lines[line - 1] = text;
	return lines.join("\n");
}

describe("parsePolicyFile: the reference scenario", () => {
	const result = parsePolicyFile(readFileSync(SCENARIO, "utf8"), SCENARIO, { nodeName: "uk-nca-node" });

	it("parses without errors", () => {
		assert.deepEqual(result.ok ? [] : result.errors, []);
	});

	it("resolves short keys to identity ids and keeps every concept", () => {
		assert.ok(result.ok);
		const { policy } = result;
		assert.equal(policy.version, 0, "the store numbers versions");
		assert.deepEqual(
			policy.parties.map((party) => party.sector),
			[
				"law-enforcement",
				"law-enforcement",
				"international-body",
				"law-enforcement",
				"law-enforcement",
				"law-enforcement",
				"private",
				"academia",
			],
		);
		const nca = policy.parties.find((party) => party.id === NCA);
		assert.deepEqual(
			{ local: nca?.local, node: nca?.node, clients: nca?.clients },
			{ local: true, node: "uk-nca-node", clients: [BANK] },
		);
		assert.equal(policy.parties.find((party) => party.sector === "academia")?.tlpCeiling, "green");
		const jcat = policy.communities.find((community) => community.id === "jcat");
		assert.equal(jcat?.host, EC3);
		assert.equal(jcat?.members.length, 6);
		const cell = policy.agreements.find((agreement) => agreement.id === "us-uk-cyber-cell");
		assert.deepEqual(
			{ kind: cell?.kind, tlp: cell?.tlpCeiling, parties: cell?.parties.length },
			{ kind: "bilateral", tlp: "amber", parties: 2 },
		);
		assert.equal(policy.agreements.find((agreement) => agreement.id === "jcat")?.handlingCodes, true);
		const bank = policy.agreements.find((agreement) => agreement.id === "nca-bank");
		assert.ok(
			bank?.treatments.some(
				(rule) =>
					rule.objectType === "ipv4-addr" && rule.role === "victim" && rule.treatment === "pseudonymise",
			),
		);
		const us = policy.jurisdictions.find((jurisdiction) => jurisdiction.code === "US");
		assert.deepEqual(us?.legalBases[0]?.validity, {
			from: "2015-12-18T00:00:00.000Z",
			until: "2025-09-30T00:00:00.000Z",
		});
		const eu = policy.jurisdictions.find((jurisdiction) => jurisdiction.code === "EU");
		assert.ok(eu?.members.includes("NL") && eu.members.includes("DE"));
		assert.ok(
			!eu?.transferRoutes.some((route) => route.to === "CO"),
			"no route to Colombia: victim IPs are pseudonymised",
		);
	});

	it("is refused on a node with another name", () => {
		const errors = errorsOf(readFileSync(SCENARIO, "utf8"), "other-node");
		assert.equal(errors.length, 1);
		assert.match(errors[0]?.message ?? "", /written for node "uk-nca-node", but this node is "other-node"/);
	});
});

describe("parsePolicyFile: the base fixture", () => {
	it("is valid", () => {
		const result = parsePolicyFile(BASE, "base.yaml", { nodeName: "here" });
		assert.deepEqual(result.ok ? [] : result.errors, []);
	});
});

describe("parsePolicyFile: every error located", () => {
	it("reports YAML syntax errors with their position", () => {
		const errors = errorsOf("version: 1\nparties:\n  a: [1, 2\n");
		assert.ok(errors.length >= 1);
		assert.ok(errors.every((error) => error.line >= 3));
	});

	it("reports an alias bomb at its first alias instead of expanding it", () => {
		const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
		for (let i = 1; i < 9; i++) {
			const [name, previous] = [`a${i}`, i === 1 ? "a" : `a${i - 1}`];
			lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(", ")}]`);
		}
		hasError(
			errorsOf(`${lines.join("\n")}\n`),
			2,
			10,
			/YAML aliases \(\*name\) here expand to more than 1000 nodes/,
		);
		// A few aliases are no bomb: the file is read and judged as usual.
		assert.ok(!errorsOf(`${BASE}x: &x 1\ny: *x\n`).some((error) => /aliases/.test(error.message)));
	});

	it("reports an empty file", () => {
		hasError(errorsOf(""), 1, 1, /is empty/);
	});

	it("reports unknown keys at the key, listing the allowed ones", () => {
		hasError(
			errorsOf(withLine(7, "    sectr: cert")),
			7,
			5,
			/unknown key "sectr"; allowed keys: id, name, sector/,
		);
		hasError(errorsOf(`${BASE}colour: blue\n`), 36, 1, /unknown key "colour"/);
	});

	it("reports a missing required key at the key of the entry that lacks it", () => {
		hasError(errorsOf(withLine(6, "")), 4, 3, /missing required key "name"/);
	});

	it("reports wrong types", () => {
		hasError(errorsOf(withLine(10, "    trustTier: high")), 10, 16, /expected a number, got "high"/);
		hasError(errorsOf(withLine(9, "    local: yes")), 9, 12, /expected a boolean, got "yes"/);
		hasError(errorsOf(withLine(8, "    jurisdictions: GB")), 8, 20, /expected a list, got "GB"/);
	});

	it("reports invalid enum values with the allowed ones", () => {
		hasError(
			errorsOf(withLine(7, "    sector: police")),
			7,
			13,
			/"police" is not allowed; expected one of: government, law-enforcement, cert, private, academia, international-body/,
		);
		hasError(
			errorsOf(withLine(34, "    tlpCeiling: orange")),
			34,
			17,
			/expected one of: clear, green, amber, amber\+strict, red/,
		);
		hasError(
			errorsOf(withLine(33, "    purposes: [spying]")),
			33,
			16,
			/"spying" is not allowed; expected one of: network-defence/,
		);
	});

	it("reports malformed identity ids and duplicate ones", () => {
		hasError(errorsOf(withLine(5, "    id: identity--not-a-uuid")), 5, 9, /not a STIX identity id/);
		// A version 1 UUID is an RFC 4122 UUID but not the UUIDv4 an identity needs.
		hasError(errorsOf(withLine(5, "    id: identity--0a0a0a0a-0000-1000-8000-000000000001")), 5, 9, /UUIDv4/);
		hasError(
			errorsOf(withLine(5, "    id: indicator--0a0a0a0a-0000-4000-8000-000000000001")),
			5,
			9,
			/not a STIX identity id/,
		);
		hasError(
			errorsOf(withLine(12, "    id: identity--0a0a0a0a-0000-4000-8000-000000000001")),
			12,
			9,
			/already used by party "alpha"/,
		);
	});

	it("reports duplicate keys", () => {
		hasError(errorsOf(withLine(11, "  alpha:")), 11, 3, /already defined/);
		hasError(errorsOf(withLine(27, "    members: [NL, DE]\n    name: Again")), 28, 5, /already defined/);
	});

	it("reports unknown references: parties, jurisdictions, legal bases, communities", () => {
		hasError(
			errorsOf(withLine(32, "    parties: [alpha, gamma]")),
			32,
			22,
			/unknown party "gamma"; known parties: alpha, beta/,
		);
		hasError(errorsOf(withLine(8, "    jurisdictions: [XX]")), 8, 21, /unknown jurisdiction "XX"/);
		hasError(
			errorsOf(withLine(24, "      - { to: ZZ, basis: dpa }")),
			24,
			15,
			/unknown jurisdiction "ZZ"; known jurisdictions: .*EU.*GB/,
		);
		hasError(
			errorsOf(withLine(24, "      - { to: EU, basis: gdpr }")),
			24,
			26,
			/unknown legal basis "gdpr"; a route rests on a basis of GB: dpa/,
		);
		hasError(
			errorsOf(`${BASE}    communities: [club]\n`.replace("kind: bilateral", "kind: multilateral")),
			36,
			19,
			/unknown community "club": the file defines no communities/,
		);
	});

	it("accepts a party jurisdiction that is a member of a defined bloc", () => {
		const result = parsePolicyFile(withLine(15, "    jurisdictions: [DE]"), "t.yaml");
		assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
	});

	it("reports validity windows that end before they start, and impossible dates", () => {
		hasError(
			errorsOf(withLine(35, "    validity: { from: 2024-01-01, until: 2023-01-01 }")),
			35,
			42,
			/ends .* no later than it starts/,
		);
		hasError(errorsOf(withLine(35, "    validity: { from: 2024-02-30 }")), 35, 23, /expected a date/);
	});

	it("reports invalid short keys and jurisdiction codes at the key", () => {
		hasError(errorsOf(withLine(11, "  Beta_Police:")), 11, 3, /"Beta_Police" is not a valid key/);
		hasError(errorsOf(withLine(25, "  eu:")), 25, 3, /"eu" is not a valid jurisdiction code/);
	});

	it("reports many errors at once, sorted by position, and checks references of a malformed entry", () => {
		const text = withLine(7, "    sector: police")
			.split("\n")
			.map((line, index) =>
				index === 9 ? "    trustTier: 0" : index === 31 ? "    parties: [alpha, ghost]" : line,
			)
			.join("\n");
		const errors = errorsOf(`${text}extra: 1\n`);
		hasError(errors, 7, 13, /"police" is not allowed/);
		hasError(errors, 10, 16, /must be at least 1/);
		hasError(errors, 32, 22, /unknown party "ghost"/);
		hasError(errors, 36, 1, /unknown key "extra"/);
		const positions = errors.map((error) => error.line * 1000 + error.column);
		assert.deepEqual(
			positions,
			[...positions].sort((a, b) => a - b),
		);
	});
});

describe("parsePolicyFile: minimumEvaluation", () => {
	it("reads a 4x4 minimum into the agreement", () => {
		const result = parsePolicyFile(`${BASE}    minimumEvaluation: B2\n`, "t.yaml");
		assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
		assert.equal(result.policy.agreements[0]?.minimumEvaluation, "B2");
		const without = parsePolicyFile(BASE, "t.yaml");
		assert.ok(without.ok);
		assert.equal("minimumEvaluation" in (without.policy.agreements[0] ?? {}), false);
	});

	it("refuses X, grades out of range and other shapes at the value", () => {
		for (const value of ["X1", "B5", "b2", "2B", "3"]) {
			hasError(
				errorsOf(`${BASE}    minimumEvaluation: ${value}\n`),
				36,
				24,
				/expected a 4x4 minimum: a source grade A, B or C, then an information grade 1–4 \(e\.g\. B2\); X cannot be a minimum|expected a string/,
			);
		}
	});
});

describe("parsePolicyFile: invariants (D37)", () => {
	const withInvariants = (section: string) => `${BASE}invariants:\n${section}`;
	/** The line of the section's first entry (BASE ends with a newline: `invariants:` is its last line). */
	const first = BASE.split("\n").length + 1;

	it("leaves every invariant on when the section is absent, or names them on", () => {
		for (const text of [BASE, withInvariants("  tlp-ceiling: on\n  red-named: true\n")]) {
			const result = parsePolicyFile(text, "base.yaml");
			assert.ok(result.ok);
			assert.equal(result.policy.invariantsOff, undefined);
		}
	});

	it("keeps an invariant turned off with its reason", () => {
		const result = parsePolicyFile(
			withInvariants('  h3-inline:\n    off: "H3 goes to EC3 inline under the 2026 court order"\n'),
			"base.yaml",
		);
		assert.ok(result.ok);
		assert.deepEqual(result.policy.invariantsOff, [
			{ invariant: "h3-inline", reason: "H3 goes to EC3 inline under the 2026 court order" },
		]);
	});

	it("refuses an invariant turned off without a reason, and one it does not know", () => {
		hasError(errorsOf(withInvariants("  h3-inline: off\n")), first, 14, /with a reason/);
		hasError(errorsOf(withInvariants("  h3-inline:\n    off: ''\n")), first + 1, 10, /must not be empty/);
		hasError(errorsOf(withInvariants("  no-leaks: on\n")), first, 3, /allowed keys: tlp-ceiling, red-named/);
	});
});
