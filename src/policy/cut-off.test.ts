// The cut-off guard on the reference scenario: asked only when a change leaves every partner without anything a
// partnership gives, and each partner named with the reason.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { partnersCutOff } from "./cut-off.ts";
import { parsePolicyFile } from "./file/index.ts";
import type { Party, Policy } from "./model.ts";

const parsed = parsePolicyFile(
	readFileSync(resolve(import.meta.dirname, "../../examples/policy/reference-scenario.yaml"), "utf8"),
	"reference-scenario.yaml",
);
if (!parsed.ok) throw new Error("the reference scenario must parse");
const SCENARIO = parsed.policy;
const NOW = new Date("2026-06-01T00:00:00Z");
const partners = SCENARIO.parties.filter((party) => !party.local);

const withParties = (policy: Policy, change: (party: Party) => Party): Policy => ({
	...policy,
	parties: policy.parties.map((party) => (party.local ? party : change(party))),
});
/** No agreement, community or client relation left: partners get TLP:CLEAR only. */
const unlinked: Policy = {
	...SCENARIO,
	agreements: [],
	communities: [],
	parties: SCENARIO.parties.map((party) => ({ ...party, clients: [] })),
};

describe("partnersCutOff", () => {
	it("asks nothing when partners are still reached", () => {
		assert.deepEqual(partnersCutOff(SCENARIO, SCENARIO, NOW), []);
		// One partner suspended, the others still reached.
		const oneSuspended = withParties(SCENARIO, (party) =>
			party.name.startsWith("US") ? { ...party, status: "suspended" } : party,
		);
		assert.deepEqual(partnersCutOff(oneSuspended, SCENARIO, NOW), []);
		// Without agreements and communities the bank is still NCA's client: TLP:AMBER reaches it.
		assert.deepEqual(partnersCutOff({ ...SCENARIO, agreements: [], communities: [] }, SCENARIO, NOW), []);
	});

	it("names every partner when all are suspended, removed, capped at TLP:CLEAR or unlinked", () => {
		const cases: [Policy, string][] = [
			[withParties(SCENARIO, (party) => ({ ...party, status: "suspended" })), "suspended"],
			[{ ...SCENARIO, parties: SCENARIO.parties.filter((party) => party.local) }, "not-a-party"],
			[withParties(SCENARIO, (party) => ({ ...party, tlpCeiling: "clear" })), "ceiling-clear"],
			[unlinked, "no-link"],
		];
		for (const [proposed, reason] of cases) {
			const cut = partnersCutOff(proposed, SCENARIO, NOW);
			assert.deepEqual(
				cut.map((party) => [party.id, party.name, party.reason]).sort(),
				partners.map((party) => [party.id, party.name, reason]).sort(),
			);
		}
	});

	it("counts only agreements in force that let more than TLP:CLEAR through", () => {
		const noCommunities = { ...unlinked, agreements: SCENARIO.agreements };
		assert.deepEqual(partnersCutOff(noCommunities, SCENARIO, NOW), []);
		const ended = {
			...noCommunities,
			agreements: SCENARIO.agreements.map((agreement) => ({
				...agreement,
				validity: { from: "2020-01-01T00:00:00.000Z", until: "2026-01-01T00:00:00.000Z" },
			})),
		};
		assert.equal(partnersCutOff(ended, SCENARIO, NOW).length, partners.length);
		const clearOnly = {
			...noCommunities,
			agreements: SCENARIO.agreements.map((agreement) => ({ ...agreement, tlpCeiling: "clear" as const })),
		};
		assert.equal(partnersCutOff(clearOnly, SCENARIO, NOW).length, partners.length);
	});

	it("asks nothing of a first policy, or of a node already cut off from every partner", () => {
		assert.deepEqual(partnersCutOff(unlinked, undefined, NOW), []);
		assert.deepEqual(partnersCutOff(unlinked, unlinked, NOW), []);
		const noPartners = { ...SCENARIO, parties: SCENARIO.parties.filter((party) => party.local) };
		assert.deepEqual(partnersCutOff(noPartners, noPartners, NOW), []);
	});
});
