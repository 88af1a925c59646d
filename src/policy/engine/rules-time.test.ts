// Per-rule tests of decide() at every time edge: agreement windows (an ended agreement still binds, D34),
// legal bases behind transfer routes, and IEP start and end dates, each at the instant, 1 ms before and after.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, indicator, MARKS, subjectOf, victimIp } from "#test/fixtures/reference-scenario.ts";
import { BKA_NODE, iepMarking, run, step, variant } from "#test/support/rule-support.ts";
import { PAP_IDS } from "../../stix/markings/index.ts";
import type { Agreement, Decision } from "../model.ts";

const END = "2027-12-31T00:00:00.000Z";
const at = (iso: string, deltaMs = 0): Date => new Date(Date.parse(iso) + deltaMs);
const EDGES = [-1, 0, 1] as const;

/** The reference policy with the NCA–bank agreement ending at END, and `more` agreements between them. */
function bankPolicy(change: Partial<Agreement> = {}, more: readonly Partial<Agreement>[] = []) {
	return variant((p) => {
		const bank = p.agreements.find((a) => a.id === "uk-police-bank");
		assert.ok(bank !== undefined);
		Object.assign(bank, { validity: { from: "2025-01-01T00:00:00Z", until: END } }, change);
		for (const [i, extra] of more.entries())
			p.agreements.push({
				...structuredClone(bank),
				id: `extra-${i}`,
				name: `extra ${i}`,
				treatments: [],
				papCeiling: "clear",
				...extra,
			} as never);
	});
}

const greenVictim = subjectOf(victimIp([MARKS.green]), IDS.nca);
const pseudonymised = (d: Decision) => d.treatments.map((t) => `${t.treatment} ${t.objectType}`);

describe("an ended agreement narrows, never widens (D34)", () => {
	it("keeps pseudonymising the bank's victim IPs at the end instant, 1 ms before and after (CiSP alone would release them raw)", () => {
		const policy = bankPolicy();
		for (const delta of EDGES) {
			const decision = run(greenVictim, IDS.bank, "network-defence", { policy, now: at(END, delta) });
			assert.equal(decision.verdict, "transformed", `at END${delta}`);
			assert.deepEqual(pseudonymised(decision), ["pseudonymise ipv4-addr"], `at END${delta}`);
			assert.deepEqual(decision.addMarkings, [PAP_IDS.green], `the PAP ceiling still binds at END${delta}`);
		}
		const ended = run(greenVictim, IDS.bank, "network-defence", { policy, now: at(END) });
		assert.match(
			step(ended, "agreement.validity").reason,
			/'UK police – bank' ended 2027-12-31T00:00:00.000Z: what it allowed has stopped, and its restrictions still bind until an agreement starting after it is in force/,
		);
		assert.deepEqual(step(ended, "field.agreement"), {
			rule: "field.agreement",
			outcome: "transform",
			reason: "'UK police – bank' (ended, and still binding) requires victim ipv4-addr to be pseudonymised",
		});
		assert.match(
			step(ended, "scope.tlp").reason,
			/shares community 'UK CiSP'/,
			"GREEN now flows by the community",
		);
	});

	it("stops what the agreement allowed at its end: TLP:AMBER beyond the client relation no longer goes", () => {
		// Without the client relation, only the agreement lets AMBER reach the bank.
		const policy = variant((p) => {
			const bank = p.agreements.find((a) => a.id === "uk-police-bank");
			if (bank !== undefined) bank.validity = { from: "2025-01-01T00:00:00Z", until: END };
			for (const party of p.parties) if (party.id === IDS.nca) party.clients = [];
		});
		const amber = subjectOf(indicator([MARKS.amber]), IDS.nca);
		const verdicts = EDGES.map(
			(delta) => run(amber, IDS.bank, "network-defence", { policy, now: at(END, delta) }).verdict,
		);
		assert.deepEqual(verdicts, ["full", "match-only", "match-only"]);
	});

	it("keeps the purposes it fixed: a purpose it did not allow stays denied after its end", () => {
		const policy = bankPolicy();
		for (const delta of EDGES) {
			const decision = run(greenVictim, IDS.bank, "criminal-investigation", { policy, now: at(END, delta) });
			assert.equal(decision.verdict, "deny", `at END${delta}`);
		}
		const after = run(greenVictim, IDS.bank, "criminal-investigation", { policy, now: at(END, 1) });
		assert.equal(
			step(after, "law.purpose").reason,
			"'UK police – bank' between UK NCA and UK Bank ended and still binds until an agreement starting after it is in force; it did not allow criminal-investigation",
		);
	});

	it("keeps its minimum 4x4 evaluation and its refusal of evidence use", () => {
		const graded = bankPolicy({ minimumEvaluation: "B2" });
		const ungraded = subjectOf(indicator([MARKS.green]), IDS.nca);
		for (const delta of EDGES)
			assert.equal(
				run(ungraded, IDS.bank, "network-defence", { policy: graded, now: at(END, delta) }).verdict,
				"deny",
			);
		const judicial = bankPolicy({ purposes: ["judicial-proceedings"] });
		const clear = subjectOf(indicator([MARKS.clear]), IDS.nca);
		for (const delta of EDGES)
			assert.equal(
				run(clear, IDS.bank, "judicial-proceedings", { policy: judicial, now: at(END, delta) }).verdict,
				"deny",
				`no consent to evidence use at END${delta}`,
			);
	});

	it("is not lifted by an older agreement still in force, only by one starting at or after its end", () => {
		// A broad agreement in force since 2020, overlapping: no successor, the treatments stay.
		const overlapping = bankPolicy({}, [{ validity: { from: "2020-01-01T00:00:00Z" } }]);
		assert.equal(
			run(greenVictim, IDS.bank, "network-defence", { policy: overlapping, now: at(END, 1) }).verdict,
			"transformed",
		);
		// A renewal starting a day after the end, without the treatment: a gap, then the new terms.
		const renewal = bankPolicy({}, [{ name: "renewal", validity: { from: "2028-01-01T00:00:00Z" } }]);
		const verdicts = [at(END, 1), at("2028-01-01T00:00:00Z", -1), at("2028-01-01T00:00:00Z")].map(
			(now) => run(greenVictim, IDS.bank, "network-defence", { policy: renewal, now }).verdict,
		);
		assert.deepEqual(verdicts, ["transformed", "transformed", "full"]);
		const renewed = run(greenVictim, IDS.bank, "network-defence", {
			policy: renewal,
			now: at("2028-01-01T00:00:00Z"),
		});
		assert.match(step(renewed, "agreement.validity").reason, /ended .* and is replaced by 'renewal'/);
	});

	it("neither allows nor restricts before it starts; from its first instant it does both", () => {
		const start = "2026-01-01T00:00:00.000Z";
		const policy = bankPolicy({ validity: { from: start } });
		const before = run(greenVictim, IDS.bank, "network-defence", { policy, now: at(start, -1) });
		assert.equal(
			before.verdict,
			"full",
			"CiSP releases GREEN; the agreement's treatment is not yet in force",
		);
		assert.match(
			step(before, "agreement.validity").reason,
			/starts 2026-01-01T00:00:00.000Z: until then it neither allows nor restricts anything/,
		);
		for (const delta of [0, 1])
			assert.equal(
				run(greenVictim, IDS.bank, "network-defence", { policy, now: at(start, delta) }).verdict,
				"transformed",
			);
	});

	it("binds on relay too: what the recipient's ended agreement with this node imposed stays", () => {
		// On BKA's node the NCA is a partner; a partner's TLP:GREEN victim IP relayed to the bank.
		const policy = variant((p) => {
			for (const party of p.parties) party.local = party.id === IDS.bka;
			p.agreements.push({
				id: "bka-bank",
				name: "BKA – bank",
				kind: "bilateral",
				parties: [IDS.bka, IDS.bank],
				communities: [],
				purposes: ["network-defence"],
				tlpCeiling: "green",
				papCeiling: "green",
				handlingCodes: false,
				onwardSharing: false,
				evidenceUse: false,
				validity: { from: "2025-01-01T00:00:00Z", until: END },
				treatments: [{ objectType: "ipv4-addr", role: "victim", treatment: "drop" }],
			});
			for (const a of p.agreements) if (a.id === "j-cat") a.onwardSharing = true;
			for (const c of p.communities) if (c.id === "cisp") c.members = [...c.members, IDS.bka];
			for (const a of p.agreements) if (a.id === "j-cat") a.purposes = [...a.purposes, "network-defence"];
		});
		for (const delta of EDGES) {
			const decision = run(greenVictim, IDS.bank, "network-defence", { policy, now: at(END, delta) });
			assert.equal(decision.verdict, "transformed", `at END${delta}`);
			assert.deepEqual(
				decision.treatments.map((t) => t.treatment),
				["drop"],
				`at END${delta}`,
			);
		}
	});
});

describe("legal bases behind transfer routes, at their edges", () => {
	it("pseudonymises from the instant the EU adequacy decision for the UK ends", () => {
		const end = "2031-12-27T00:00:00Z";
		const subject = subjectOf(victimIp([MARKS.green]), IDS.bka);
		const verdicts = EDGES.map(
			(delta) =>
				run(subject, IDS.nca, "criminal-investigation", { policy: BKA_NODE, now: at(end, delta) }).verdict,
		);
		assert.deepEqual(verdicts, ["full", "transformed", "transformed"]);
	});

	it("lets the value go as it is only from the instant the UK–US data bridge starts", () => {
		const start = "2023-10-12T00:00:00Z";
		const subject = subjectOf(victimIp([MARKS.green]), IDS.nca);
		const verdicts = EDGES.map(
			(delta) => run(subject, IDS.fbi, "criminal-investigation", { now: at(start, delta) }).verdict,
		);
		assert.deepEqual(verdicts, ["transformed", "full", "full"]);
	});
});

describe("IEP start and end dates, at their edges", () => {
	it("withholds until the start instant and releases from it", () => {
		const start = "2025-07-01T00:00:00.000Z";
		const iep = iepMarking({ name: "embargo", start_date: start });
		const subject = subjectOf(indicator([MARKS.amber, iep.id]), IDS.nca);
		const verdicts = EDGES.map(
			(delta) =>
				run(subject, IDS.fbi, "criminal-investigation", {
					markingDefinitions: iep.definitions,
					now: at(start, delta),
				}).verdict,
		);
		assert.deepEqual(verdicts, ["deny", "full", "full"]);
	});

	it("keeps an IEP's restrictions at, before and after its end instant", () => {
		const end = "2026-01-01T00:00:00.000Z";
		const iep = iepMarking({ name: "ending", tlp: "red", end_date: end });
		const subject = subjectOf(indicator([MARKS.amber, iep.id]), IDS.nca);
		for (const delta of EDGES) {
			const decision = run(subject, IDS.fbi, "criminal-investigation", {
				markingDefinitions: iep.definitions,
				now: at(end, delta),
			});
			assert.equal(decision.verdict, "match-only", `at end${delta}: its TLP:RED still holds`);
		}
	});
});
