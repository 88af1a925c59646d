// Per-rule tests of decide(): onward sharing, TLP scope, audience, field level, obligations, form.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, indicator, MARKS, subjectOf, victimIp } from "#test/fixtures/reference-scenario.ts";
import { run, step, variant } from "#test/support/rule-support.ts";
import { PAP_IDS, TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../../stix/markings/index.ts";

describe("scope.onward", () => {
	it("passes a partner's object on only with the originator's leave, and only CLEAR or GREEN", () => {
		const green = run(subjectOf(indicator([MARKS.green]), IDS.fbi), IDS.ec3, "criminal-investigation");
		assert.equal(green.verdict, "deny");
		assert.equal(
			step(green, "scope.onward").reason,
			"no agreement in force with US FBI allows onward sharing for criminal-investigation",
		);

		const open = variant((p) => {
			const jcc = p.agreements[0];
			if (jcc) jcc.onwardSharing = true;
		});
		const allowed = run(subjectOf(indicator([MARKS.green]), IDS.fbi), IDS.ec3, "criminal-investigation", {
			policy: open,
		});
		assert.equal(allowed.verdict, "full");
		assert.equal(
			step(allowed, "scope.onward").reason,
			"'US–UK joint cyber cell' with US FBI allows onward sharing",
		);
		assert.match(step(allowed, "scope.tlp").reason, /Europol EC3 shares community 'J-CAT' with US FBI/);

		const amber = run(subjectOf(indicator([MARKS.amber]), IDS.fbi), IDS.ec3, "criminal-investigation", {
			policy: open,
		});
		assert.equal(amber.verdict, "deny");
		assert.match(step(amber, "scope.onward").reason, /only TLP:CLEAR and TLP:GREEN may be passed on/);

		const clear = run(subjectOf(indicator([MARKS.clear]), IDS.fbi), IDS.uniCert, "research");
		assert.equal(clear.verdict, "full");
		assert.equal(step(clear, "scope.onward").reason, "TLP:CLEAR may be passed on without permission");
	});
});

describe("scope.tlp", () => {
	it("lets TLP:AMBER reach a party covered by an agreement with ceiling AMBER", () => {
		const decision = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.bank, "network-defence");
		assert.equal(decision.verdict, "full");
		assert.deepEqual(step(decision, "scope.tlp"), {
			rule: "scope.tlp",
			outcome: "pass",
			reason:
				"TLP:AMBER allows the recipient's organisation and clients; UK Bank is covered by agreement 'UK police – bank' with ceiling AMBER",
		});
	});

	it("lets TLP:AMBER reach a client, and TLP:GREEN a community, without an agreement", () => {
		const policy = variant((p) => {
			p.agreements = p.agreements.filter((a) => a.id !== "uk-police-bank");
		});
		const amber = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.bank, "network-defence", { policy });
		assert.equal(amber.verdict, "full");
		assert.match(step(amber, "scope.tlp").reason, /UK Bank is a client of UK NCA$/);
		const green = run(subjectOf(indicator([MARKS.green]), IDS.nca), IDS.bank, "network-defence", { policy });
		assert.match(step(green, "scope.tlp").reason, /UK Bank shares community 'UK CiSP' with UK NCA$/);
	});

	it("treats an object without TLP as TLP:AMBER, so academia gets nothing", () => {
		const decision = run(subjectOf(indicator([]), IDS.nca), IDS.uniCert, "research");
		assert.equal(decision.verdict, "deny");
		assert.equal(
			step(decision, "scope.tlp").reason,
			"The object has no TLP marking and is treated as TLP:AMBER. TLP:AMBER allows the recipient's organisation and clients; German university CERT may receive at most TLP:GREEN from UK NCA (its own ceiling is TLP:GREEN)",
		);
	});

	it("gives match-only to a community member not entitled to AMBER+STRICT or RED", () => {
		const decision = run(
			subjectOf(indicator([MARKS.amberStrict]), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(decision.verdict, "match-only");
		assert.match(
			step(decision, "scope.tlp").reason,
			/but shares community 'J-CAT' with it, so may learn only whether it holds a match/,
		);
	});

	it("reads AMBER+STRICT as RED for a TLP 1.0-only recipient", () => {
		const decision = run(
			subjectOf(indicator([MARKS.amberStrict]), IDS.nca),
			IDS.coPolice,
			"criminal-investigation",
		);
		assert.equal(decision.verdict, "match-only");
		assert.match(
			step(decision, "scope.tlp").reason,
			/^Colombian police understands only TLP 1.0, so TLP:AMBER\+STRICT counts as TLP:RED/,
		);
	});

	it("releases TLP:RED only to a named recipient under a ceiling-RED agreement", () => {
		const policy = variant((p) => {
			const jcc = p.agreements[0];
			if (jcc) jcc.tlpCeiling = "red";
		});
		const named = indicator([MARKS.red], { x_entente_audience: { parties: [IDS.fbi] } });
		const full = run(subjectOf(named, IDS.nca), IDS.fbi, "criminal-investigation", { policy });
		assert.equal(full.verdict, "full");
		assert.equal(
			step(full, "scope.tlp").reason,
			"TLP:RED allows only the named recipients; US FBI is named in the object's audience and is covered by agreement 'US–UK joint cyber cell' with ceiling RED",
		);
		const unnamed = run(subjectOf(indicator([MARKS.red]), IDS.nca), IDS.fbi, "criminal-investigation", {
			policy,
		});
		assert.equal(unnamed.verdict, "match-only");
	});
});

describe("scope.audience", () => {
	it("narrows who may receive an object", () => {
		const own = run(
			subjectOf(indicator([MARKS.green], { x_entente_audience: { scope: "own-organization" } }), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(own.verdict, "deny");
		assert.equal(step(own, "scope.audience").reason, "the object is for UK NCA's own organisation only");

		const subgroup = indicator([MARKS.green], { x_entente_audience: { communities: ["j-cat/ransomware"] } });
		const inGroup = run(subjectOf(subgroup, IDS.nca), IDS.fbi, "criminal-investigation");
		assert.equal(inGroup.verdict, "full");
		assert.equal(
			step(inGroup, "scope.audience").reason,
			"US FBI belongs to 'J-CAT / ransomware', named in the object's audience",
		);
		const outside = run(subjectOf(subgroup, IDS.nca), IDS.bka, "criminal-investigation");
		assert.equal(outside.verdict, "deny");
		assert.equal(step(outside, "scope.audience").reason, "the object's audience does not include German BKA");

		const broken = run(
			subjectOf(indicator([MARKS.green], { x_entente_audience: "everyone" }), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(broken.verdict, "deny");
		assert.equal(step(broken, "scope.audience").reason, "the object's x_entente_audience cannot be read");
	});
});

describe("field.granular", () => {
	it("drops fields under a granular TLP the recipient may not receive, or under a blocking handling code", () => {
		const object = indicator([MARKS.amber], {
			description: "seen at victim X",
			granular_markings: [
				{ marking_ref: MARKS.red, selectors: ["description"] },
				{ marking_ref: MARKS.green, selectors: ["name"] },
			],
		});
		const decision = run(subjectOf(object, IDS.nca), IDS.fbi, "criminal-investigation");
		assert.equal(decision.verdict, "transformed");
		assert.deepEqual(decision.treatments, [
			{
				treatment: "drop",
				objectType: "indicator",
				fields: ["description"],
				granular: true,
				because: "field.granular: TLP:RED on description is beyond the TLP:AMBER the recipient may receive",
			},
		]);
		const steps = decision.trace.filter((s) => s.rule === "field.granular");
		assert.deepEqual(
			steps.map((s) => s.outcome),
			["transform", "pass"],
		);

		const h2 = indicator([MARKS.amber], {
			granular_markings: [{ marking_ref: MARKS.h2, selectors: ["pattern"] }],
		});
		const bank = run(subjectOf(h2, IDS.nca), IDS.bank, "network-defence");
		assert.equal(bank.verdict, "transformed");
		assert.equal(
			step(bank, "field.granular").reason,
			"H2 on pattern does not let those fields through: dropped",
		);
	});
});

describe("field.agreement", () => {
	it("applies the treatments the agreement requires", () => {
		const decision = run(subjectOf(victimIp([MARKS.amber]), IDS.nca), IDS.bank, "network-defence");
		assert.equal(decision.verdict, "transformed");
		assert.deepEqual(step(decision, "field.agreement"), {
			rule: "field.agreement",
			outcome: "transform",
			reason: "'UK police – bank' requires victim ipv4-addr to be pseudonymised",
		});
		const attacker = run(
			subjectOf({ ...victimIp([MARKS.amber]), x_entente_role: "attacker" }, IDS.nca),
			IDS.bank,
			"network-defence",
		);
		assert.equal(attacker.verdict, "full", "attacker infrastructure stays");
	});
});

describe("obligation.pap", () => {
	it("adds the agreement's stricter PAP, and nothing when the object's is stricter already", () => {
		const decision = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.bank, "network-defence");
		assert.deepEqual(decision.addMarkings, [PAP_IDS.green]);
		assert.equal(
			step(decision, "obligation.pap").reason,
			"'UK police – bank' allows actions up to PAP:GREEN, stricter than the object, which has no PAP; the copy carries PAP:GREEN",
		);
		const red = run(subjectOf(indicator([MARKS.amber, MARKS.papRed]), IDS.nca), IDS.bank, "network-defence");
		assert.deepEqual(red.addMarkings, []);
		assert.equal(step(red, "obligation.pap").outcome, "pass");
	});
});

describe("obligation.tlp", () => {
	it("marks an unmarked copy TLP:AMBER, and gives a TLP 1.0-only recipient its TLP 1.0 marking", () => {
		const unmarked = run(subjectOf(indicator([]), IDS.nca), IDS.bank, "network-defence");
		assert.ok(unmarked.addMarkings.includes(TLP2_DEFINITIONS.amber.id));
		assert.match(step(unmarked, "obligation.tlp").reason, /marked TLP:AMBER/);
		const colombia = run(
			subjectOf(indicator([MARKS.green]), IDS.nca),
			IDS.coPolice,
			"criminal-investigation",
		);
		assert.equal(colombia.verdict, "full");
		assert.ok(colombia.addMarkings.includes(TLP1_DEFINITIONS.green.id));
		assert.match(step(colombia, "obligation.tlp").reason, /TLP 1.0 equivalent of TLP:GREEN/);
	});
});

describe("form", () => {
	it("closes every trace with the form released and why", () => {
		const decision = run(subjectOf(victimIp([MARKS.amber]), IDS.nca), IDS.bank, "network-defence");
		assert.deepEqual(decision.trace.at(-1), {
			rule: "form",
			outcome: "transform",
			reason: "released transformed: pseudonymise ipv4-addr",
		});
	});
});

describe("scope.tlp party ceiling", () => {
	it("never gives a party more than its own tlpCeiling, whatever its agreements say", () => {
		const policy = variant((p) => {
			const academia = p.agreements.find((a) => a.id === "academia");
			if (academia) academia.tlpCeiling = "amber";
		});
		const decision = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.uniCert, "research", { policy });
		assert.equal(decision.verdict, "deny");
		assert.match(
			step(decision, "scope.tlp").reason,
			/may receive at most TLP:GREEN from UK NCA \(its own ceiling is TLP:GREEN\)$/,
		);
	});
});

describe("scope.audience subgroup ceiling", () => {
	it("does not let a subgroup named in the audience carry more than its ceiling", () => {
		const object = (marking: string) =>
			indicator([marking], { x_entente_audience: { communities: ["j-cat/outreach"] } });
		assert.equal(
			run(subjectOf(object(MARKS.green), IDS.nca), IDS.ec3, "criminal-investigation").verdict,
			"full",
		);
		const amber = run(subjectOf(object(MARKS.amber), IDS.nca), IDS.ec3, "criminal-investigation");
		assert.equal(amber.verdict, "deny");
		assert.equal(step(amber, "scope.audience").reason, "the object's audience does not include Europol EC3");
	});
});
