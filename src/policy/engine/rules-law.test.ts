// Per-rule tests of decide(): agreement windows, purpose, and transfer law.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, indicator, MARKS, subjectOf, victimIp } from "#test/fixtures/reference-scenario.ts";
import { BKA_NODE, run, step, variant } from "#test/support/rule-support.ts";

describe("agreement.validity", () => {
	it("drops an expired agreement from what covers the pair", () => {
		const later = new Date("2027-06-01T00:00:00Z");
		const decision = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.fbi, "network-defence", {
			now: later,
		});
		assert.equal(decision.verdict, "deny");
		assert.deepEqual(step(decision, "agreement.validity"), {
			rule: "agreement.validity",
			outcome: "restrict",
			reason:
				"not covering: 'US–UK joint cyber cell' ended 2027-01-01T00:00:00Z: what it allowed has stopped, and its restrictions still bind until an agreement starting after it is in force",
		});
		assert.equal(step(decision, "law.purpose").outcome, "deny", "J-CAT alone does not cover network defence");
	});
});

describe("law.purpose", () => {
	it("denies a purpose no agreement in force allows", () => {
		const decision = run(subjectOf(indicator([MARKS.green]), IDS.nca), IDS.bank, "criminal-investigation");
		assert.equal(decision.verdict, "deny");
		assert.deepEqual(step(decision, "law.purpose"), {
			rule: "law.purpose",
			outcome: "deny",
			reason: "'UK police – bank' between UK NCA and UK Bank does not allow criminal-investigation",
		});
	});
});

describe("law.transfer", () => {
	it("pseudonymises a victim IP leaving GB for Colombia, where no route exists", () => {
		const decision = run(subjectOf(victimIp([MARKS.amber]), IDS.nca), IDS.coPolice, "criminal-investigation");
		assert.equal(decision.verdict, "transformed");
		assert.deepEqual(decision.treatments, [
			{
				treatment: "pseudonymise",
				objectType: "ipv4-addr",
				because:
					"law.transfer: United Kingdom treats victim ipv4-addr as personal data and has no valid transfer route to CO for criminal-investigation",
			},
		]);
		assert.equal(step(decision, "law.transfer").outcome, "transform");
	});

	it("follows EU routes by bloc membership and legal-basis windows", () => {
		const subject = subjectOf(victimIp([MARKS.amber]), IDS.bka);
		const uk = run(subject, IDS.nca, "criminal-investigation", { policy: BKA_NODE });
		assert.equal(uk.verdict, "full");
		assert.equal(
			step(uk, "law.transfer").reason,
			"European Union treats victim ipv4-addr as personal data; route to GB under EU adequacy decisions for the UK (GDPR, LED)",
		);
		const lapsed = run(subject, IDS.nca, "criminal-investigation", {
			policy: BKA_NODE,
			now: new Date("2032-01-01T00:00:00Z"),
		});
		assert.equal(lapsed.verdict, "transformed", "the adequacy decision's window has ended");
		const dutch = run(subject, IDS.nlPolice, "criminal-investigation", { policy: BKA_NODE });
		assert.match(
			step(dutch, "law.transfer").reason,
			/Dutch police high-tech crime unit is under NL, within EU itself/,
		);
	});

	it("holds for review when the rule says hold", () => {
		const policy = variant((p) => {
			const gb = p.jurisdictions[1];
			if (gb) gb.personalData = [{ objectType: "ipv4-addr", role: "victim", treatment: "hold" }];
		});
		const decision = run(
			subjectOf(victimIp([MARKS.amber]), IDS.nca),
			IDS.coPolice,
			"criminal-investigation",
			{ policy },
		);
		assert.equal(decision.verdict, "contact-originator");
		assert.match(step(decision, "law.transfer").reason, /held for UK NCA to review/);
	});
});
