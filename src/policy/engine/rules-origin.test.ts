// Per-rule tests of decide(): markings, handling codes, recipient status and the originator's house.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, indicator, MARKS, SCENARIO_NOW, subjectOf } from "#test/fixtures/reference-scenario.ts";
import { POLICY, run, step, variant } from "#test/support/rule-support.ts";
import { decide } from "./decide.ts";

describe("marking.flag", () => {
	it("denies a version ingest flagged unknown-marking, before anything else", () => {
		const subject = { ...subjectOf(indicator([MARKS.clear]), IDS.nca), flags: ["unknown-marking"] };
		const decision = run(subject, IDS.fbi, "criminal-investigation");
		assert.equal(decision.verdict, "deny");
		assert.deepEqual(
			decision.trace.map((s) => s.rule),
			["marking.flag", "form"],
		);
		assert.match(step(decision, "marking.flag").reason, /never released/);
	});
});

describe("references.awaiting", () => {
	it("denies a version that names objects not held yet, before the markings are read (D58)", () => {
		const subject = { ...subjectOf(indicator([MARKS.clear]), IDS.nca), flags: ["awaiting-references"] };
		const decision = run(subject, IDS.fbi, "criminal-investigation");
		assert.equal(decision.verdict, "deny");
		assert.deepEqual(
			decision.trace.map((s) => s.rule),
			["references.awaiting", "form"],
		);
		assert.match(step(decision, "references.awaiting").reason, /goes only complete/);
	});
});

describe("marking.unknown", () => {
	const stranger = "marking-definition--00000000-0000-4000-8000-000000000000";
	it("denies an unknown ref on the object, inherited, or granular", () => {
		for (const subject of [
			subjectOf(indicator([MARKS.clear, stranger]), IDS.nca),
			subjectOf(indicator([MARKS.clear]), IDS.nca, [stranger]),
			subjectOf(
				indicator([MARKS.clear], { granular_markings: [{ marking_ref: stranger, selectors: ["name"] }] }),
				IDS.nca,
			),
		]) {
			const decision = run(subject, IDS.fbi, "criminal-investigation");
			assert.equal(decision.verdict, "deny");
			assert.deepEqual(step(decision, "marking.unknown"), {
				rule: "marking.unknown",
				outcome: "deny",
				reason: `the marking ${stranger} is not one this node understands`,
			});
		}
	});

	it("accepts statements the node holds, reads an IEP's TLP, and refuses look-alikes", () => {
		const definitions = new Map([
			[stranger, { kind: "statement", id: stranger, statement: "Copyright" } as const],
		]);
		const options = { now: SCENARIO_NOW, trace: true, markingDefinitions: definitions };
		const statement = decide(
			subjectOf(indicator([MARKS.clear, stranger]), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
			POLICY,
			options,
		);
		assert.equal(statement.verdict, "full");
		assert.equal(step(statement, "marking.unknown").outcome, "pass");

		const iep = new Map([
			[stranger, { kind: "iep", id: stranger, issues: [], policy: { name: "red iep", tlp: "red" } } as never],
		]);
		const red = decide(
			subjectOf(indicator([MARKS.clear, stranger]), IDS.nca),
			IDS.uniCert,
			"research",
			POLICY,
			{
				...options,
				markingDefinitions: iep,
			},
		);
		assert.equal(red.verdict, "deny", "the IEP's TLP:RED is the strictest marking");

		const fake = new Map([
			[stranger, { kind: "suspicious", id: stranger, reason: "TLP:CLEAR under a wrong id" } as const],
		]);
		const suspicious = decide(subjectOf(indicator([stranger]), IDS.nca), IDS.uniCert, "research", POLICY, {
			...options,
			markingDefinitions: fake,
		});
		assert.equal(suspicious.verdict, "deny");
	});
});

describe("handling.h2", () => {
	it("lets the originator share directly under an agreement that honours handling codes", () => {
		const decision = run(
			subjectOf(indicator([MARKS.amber, MARKS.h2]), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(decision.verdict, "full");
		assert.deepEqual(step(decision, "handling.h2"), {
			rule: "handling.h2",
			outcome: "pass",
			reason:
				"H2: not to be disseminated further without the provider's permission: US FBI receives it directly from UK NCA under 'J-CAT', which honours handling codes",
		});
	});

	it("denies without such an agreement, and on relay", () => {
		const bank = run(subjectOf(indicator([MARKS.amber, MARKS.h2]), IDS.nca), IDS.bank, "crime-prevention");
		assert.equal(bank.verdict, "deny");
		assert.match(
			step(bank, "handling.h2").reason,
			/no agreement between UK NCA and UK Bank honours handling codes/,
		);
		const relay = run(
			subjectOf(indicator([MARKS.green, MARKS.h2]), IDS.fbi),
			IDS.ec3,
			"criminal-investigation",
		);
		assert.equal(relay.verdict, "deny");
		assert.match(
			step(relay, "handling.h2").reason,
			/US FBI gave it to this node; passing it on to Europol EC3 needs US FBI's permission/,
		);
	});

	it("lets the local recipient see a partner's H2 object sent under J-CAT", () => {
		const decision = run(
			subjectOf(indicator([MARKS.amber, MARKS.h2]), IDS.fbi),
			IDS.nca,
			"criminal-investigation",
		);
		assert.equal(decision.verdict, "full");
		assert.equal(step(decision, "handling.h2").outcome, "pass");
	});
});

describe("handling.h1", () => {
	it("denies judicial proceedings, allows investigation", () => {
		const court = run(
			subjectOf(indicator([MARKS.amber, MARKS.h1]), IDS.nca),
			IDS.fbi,
			"judicial-proceedings",
		);
		assert.equal(court.verdict, "deny");
		assert.deepEqual(step(court, "handling.h1"), {
			rule: "handling.h1",
			outcome: "deny",
			reason:
				"H1: not to be disclosed in judicial proceedings without the provider's permission: the purpose is judicial proceedings, which needs the provider's permission",
		});
		const investigation = run(
			subjectOf(indicator([MARKS.amber, MARKS.h1]), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(investigation.verdict, "full");
		assert.equal(step(investigation, "handling.h1").outcome, "pass");
	});
});

describe("handling.h0", () => {
	it("allows law enforcement (and Europol under J-CAT) for crime purposes only", () => {
		const europol = run(
			subjectOf(indicator([MARKS.amber, MARKS.h0]), IDS.nca),
			IDS.ec3,
			"criminal-investigation",
		);
		assert.equal(europol.verdict, "full");
		assert.match(
			step(europol, "handling.h0").reason,
			/Europol EC3 is law enforcement and the purpose is criminal-investigation/,
		);

		const bank = run(subjectOf(indicator([MARKS.amber, MARKS.h0]), IDS.nca), IDS.bank, "crime-prevention");
		assert.equal(bank.verdict, "deny");
		assert.match(step(bank, "handling.h0").reason, /UK Bank is not a law-enforcement recipient/);

		const defence = run(subjectOf(indicator([MARKS.amber, MARKS.h0]), IDS.nca), IDS.fbi, "network-defence");
		assert.equal(defence.verdict, "deny");
		assert.match(
			step(defence, "handling.h0").reason,
			/network-defence is not crime prevention or criminal investigation/,
		);
	});
});

describe("handling.h3", () => {
	it("asks the recipient to contact the originator", () => {
		const decision = run(
			subjectOf(indicator([MARKS.amber, MARKS.h3]), IDS.nca),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(decision.verdict, "contact-originator");
		assert.deepEqual(step(decision, "handling.h3"), {
			rule: "handling.h3",
			outcome: "restrict",
			reason:
				"H3: other restrictions, stated in text: ask UK NCA for the restrictions stated with the object",
		});
	});
});

describe("recipient.status", () => {
	it("denies unknown and suspended recipients", () => {
		const unknown = run(
			subjectOf(indicator([MARKS.clear]), IDS.nca),
			"identity--ffffffff-ffff-4fff-8fff-ffffffffffff",
			"research",
		);
		assert.equal(unknown.verdict, "deny");
		assert.match(step(unknown, "recipient.status").reason, /is not a party in the policy/);
		const suspended = run(subjectOf(indicator([MARKS.clear]), IDS.nca), IDS.suspended, "network-defence");
		assert.equal(suspended.verdict, "deny");
		assert.deepEqual(step(suspended, "recipient.status"), {
			rule: "recipient.status",
			outcome: "deny",
			reason: "Suspended partner is suspended and receives nothing",
		});
	});
});

describe("recipient.same-house", () => {
	it("gives the originator its own TLP:RED H2 object in full", () => {
		const decision = run(
			subjectOf(indicator([MARKS.red, MARKS.h2]), IDS.nca),
			IDS.nca,
			"judicial-proceedings",
		);
		assert.equal(decision.verdict, "full");
		assert.equal(
			step(decision, "recipient.same-house").reason,
			"UK NCA is the originator and sees its own object as it is",
		);
		assert.equal(
			decision.trace.find((s) => s.rule === "scope.tlp"),
			undefined,
			"scope is not consulted",
		);
	});

	it("treats two local parties of one node as one house", () => {
		const policy = variant((p) => {
			for (const party of p.parties)
				if (party.id === IDS.bank) Object.assign(party, { local: true, node: "entente-nca" });
		});
		const decision = run(subjectOf(indicator([MARKS.red]), IDS.nca), IDS.bank, "network-defence", { policy });
		assert.equal(decision.verdict, "full");
		assert.equal(
			step(decision, "recipient.same-house").reason,
			"UK Bank and UK NCA are both local parties of this node",
		);
	});
});

describe("handling.h2 inherited", () => {
	it("denies an H2 the object only inherits, whoever the agreement", () => {
		const decision = run(
			subjectOf(indicator([MARKS.amber]), IDS.nca, [MARKS.h2]),
			IDS.fbi,
			"criminal-investigation",
		);
		assert.equal(decision.verdict, "deny");
		assert.match(
			step(decision, "handling.h2").reason,
			/H2 is inherited from a source object; passing it on to US FBI needs that provider's permission/,
		);
	});
});
