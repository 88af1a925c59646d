// The reference scenario end to end: what each party receives of typical objects, as `entente policy preview` would show.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	IDS,
	indicator,
	MARKS,
	REFERENCE_POLICY,
	SCENARIO_NOW,
	subjectOf,
	victimIp,
} from "#test/fixtures/reference-scenario.ts";
import type { DecisionSubject, Purpose, Verdict } from "../model.ts";
import { compilePolicy } from "./compile.ts";
import { decide } from "./decide.ts";

const POLICY = compilePolicy(REFERENCE_POLICY);

/** Each party of the scenario with the purpose it typically asks for. */
const ASKS: readonly [keyof typeof IDS, Purpose][] = [
	["nca", "criminal-investigation"],
	["fbi", "criminal-investigation"],
	["ec3", "criminal-investigation"],
	["nlPolice", "criminal-investigation"],
	["bka", "criminal-investigation"],
	["coPolice", "criminal-investigation"],
	["bank", "network-defence"],
	["uniCert", "research"],
];

function preview(subject: DecisionSubject, now = SCENARIO_NOW): Record<string, Verdict> {
	return Object.fromEntries(
		ASKS.map(([party, purpose]) => [party, decide(subject, IDS[party], purpose, POLICY, { now }).verdict]),
	);
}

describe("reference scenario", () => {
	it("an NCA TLP:AMBER indicator reaches J-CAT, the joint cyber cell and the bank, not academia", () => {
		assert.deepEqual(preview(subjectOf(indicator([MARKS.amber]), IDS.nca)), {
			nca: "full",
			fbi: "full",
			ec3: "full",
			nlPolice: "full",
			bka: "full",
			coPolice: "full",
			bank: "full",
			uniCert: "deny",
		});
	});

	it("an NCA TLP:GREEN indicator also reaches the university CERT", () => {
		assert.equal(preview(subjectOf(indicator([MARKS.green]), IDS.nca)).uniCert, "full");
	});

	it("an NCA victim IP is pseudonymised for the bank (agreement) and Colombia (no route), as it is elsewhere", () => {
		assert.deepEqual(preview(subjectOf(victimIp([MARKS.amber]), IDS.nca)), {
			nca: "full",
			fbi: "full",
			ec3: "full",
			nlPolice: "full",
			bka: "full",
			coPolice: "transformed",
			bank: "transformed",
			uniCert: "deny",
		});
	});

	it("TLP:AMBER+STRICT stays home; J-CAT partners may only match", () => {
		assert.deepEqual(preview(subjectOf(indicator([MARKS.amberStrict]), IDS.nca)), {
			nca: "full",
			fbi: "match-only",
			ec3: "match-only",
			nlPolice: "match-only",
			bka: "match-only",
			coPolice: "match-only",
			bank: "match-only",
			uniCert: "deny",
		});
	});

	it("an FBI object received by the NCA goes no further without the FBI's leave", () => {
		assert.deepEqual(preview(subjectOf(indicator([MARKS.green]), IDS.fbi)), {
			nca: "full",
			fbi: "full",
			ec3: "deny",
			nlPolice: "deny",
			bka: "deny",
			coPolice: "deny",
			bank: "deny",
			uniCert: "deny",
		});
	});

	it("an NCA report inheriting H2 from a source is not passed on, even as TLP:CLEAR; its own H2 goes to J-CAT", () => {
		const inherited = preview(subjectOf(indicator([MARKS.clear]), IDS.nca, [MARKS.h2]));
		assert.deepEqual(
			Object.entries(inherited).filter(([, verdict]) => verdict !== "deny"),
			[["nca", "full"]],
		);
		const own = preview(subjectOf(indicator([MARKS.clear, MARKS.h2]), IDS.nca));
		assert.equal(own.ec3, "full", "J-CAT honours handling codes");
		assert.equal(own.bank, "deny");
		assert.equal(own.uniCert, "deny");
	});

	it("after the joint cyber cell ends, network defence with the FBI stops; J-CAT crime work goes on", () => {
		const later = new Date("2027-06-01T00:00:00Z");
		const subject = subjectOf(indicator([MARKS.amber]), IDS.nca);
		assert.equal(decide(subject, IDS.fbi, "network-defence", POLICY, { now: SCENARIO_NOW }).verdict, "full");
		assert.equal(decide(subject, IDS.fbi, "network-defence", POLICY, { now: later }).verdict, "deny");
		assert.equal(decide(subject, IDS.fbi, "criminal-investigation", POLICY, { now: later }).verdict, "full");
	});
});
