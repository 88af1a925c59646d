// Per-rule tests of decide() for FIRST IEP 2.0 beyond its TLP: window, resale, attribution, actions, carried obligations.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, indicator, MARKS, subjectOf } from "#test/fixtures/reference-scenario.ts";
import { iepMarking, run, step, variant } from "#test/support/rule-support.ts";
import { PAP_IDS } from "../../stix/markings/index.ts";
import { transformObject } from "../transform/index.ts";

/** An NCA indicator under TLP:AMBER and an IEP policy with `fields`. */
function marked(fields: Readonly<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
	const iep = iepMarking(fields);
	return {
		subject: subjectOf(indicator([MARKS.amber, iep.id], extra), IDS.nca),
		options: { markingDefinitions: iep.definitions },
	};
}

describe("iep.window", () => {
	it("withholds an object whose IEP policy has not started yet, except from its own house", () => {
		const { subject, options } = marked({ name: "embargo", start_date: "2025-07-01T00:00:00Z" });
		const decision = run(subject, IDS.fbi, "criminal-investigation", options);
		assert.equal(decision.verdict, "deny");
		assert.deepEqual(step(decision, "iep.window"), {
			rule: "iep.window",
			outcome: "deny",
			reason:
				'IEP "embargo" applies only from 2025-07-01T00:00:00Z; until then no policy of the provider is in force, so the object is withheld',
		});
		const own = run(subject, IDS.nca, "criminal-investigation", options);
		assert.equal(own.verdict, "full");
		assert.equal(
			own.trace.find((s) => s.rule === "iep.window"),
			undefined,
			"the originator's house is not bound by its own IEP",
		);
		const started = run(subject, IDS.fbi, "criminal-investigation", {
			...options,
			now: new Date("2025-07-02T00:00:00Z"),
		});
		assert.equal(started.verdict, "full");
		assert.equal(step(started, "iep.window").reason, 'IEP "embargo" is in force');
	});

	it("keeps an ended IEP policy's restrictions: its TLP:RED still holds the object back", () => {
		const { subject, options } = marked({ name: "old", tlp: "red", end_date: "2025-01-01T00:00:00Z" });
		const decision = run(subject, IDS.fbi, "criminal-investigation", options);
		assert.equal(decision.verdict, "match-only", "TLP:RED, not named: a J-CAT partner may only match");
		assert.deepEqual(step(decision, "iep.window"), {
			rule: "iep.window",
			outcome: "pass",
			reason:
				'IEP "old" ended 2025-01-01T00:00:00Z, and its restrictions still bind: they never lapse by themselves',
		});
		assert.equal(step(decision, "scope.tlp").outcome, "restrict");

		const current = marked({ name: "current", end_date: "2026-01-01T00:00:00Z" });
		const open = run(current.subject, IDS.fbi, "criminal-investigation", current.options);
		assert.equal(open.verdict, "full");
		assert.equal(step(open, "iep.window").reason, 'IEP "current" is in force until 2026-01-01T00:00:00Z');
	});
});

describe("iep.resale", () => {
	it("withholds from a private company with clients, not from one without", () => {
		const { subject, options } = marked({ name: "no resale", unmodified_resale: "must-not" });
		const reseller = variant((p) => {
			const bank = p.parties.find((party) => party.id === IDS.bank);
			if (bank) bank.clients = [IDS.uniCert];
		});
		const denied = run(subject, IDS.bank, "network-defence", { ...options, policy: reseller });
		assert.equal(denied.verdict, "deny");
		assert.deepEqual(step(denied, "iep.resale"), {
			rule: "iep.resale",
			outcome: "deny",
			reason:
				'IEP "no resale" forbids unmodified resale; UK Bank is a private company with clients it could resell it to',
		});
		const bank = run(subject, IDS.bank, "network-defence", options);
		assert.equal(bank.verdict, "full");
		assert.equal(
			step(bank, "iep.resale").reason,
			'IEP "no resale" forbids unmodified resale; UK Bank is a private company without clients',
		);
		const police = run(subject, IDS.fbi, "criminal-investigation", options);
		assert.equal(police.verdict, "full");
		assert.equal(
			step(police, "iep.resale").reason,
			'IEP "no resale" forbids unmodified resale; US FBI (law-enforcement) is not a company selling to clients',
		);
	});
});

describe("iep.attribution", () => {
	it("releases without the provider's identity when the IEP forbids naming it, in full to its own house", () => {
		const { subject, options } = marked(
			{ name: "anonymous", attribution: "must-not" },
			{ created_by_ref: IDS.nca },
		);
		const decision = run(subject, IDS.fbi, "criminal-investigation", options);
		assert.equal(decision.verdict, "transformed");
		assert.deepEqual(decision.treatments, [
			{
				treatment: "omit-provider",
				objectType: "indicator",
				because: "iep.attribution: an IEP policy forbids naming the provider",
			},
		]);
		assert.deepEqual(step(decision, "iep.attribution"), {
			rule: "iep.attribution",
			outcome: "transform",
			reason:
				'IEP "anonymous" forbids US FBI to name the provider: the copy leaves without its author (created_by_ref) and without naming the node that derived it',
		});
		assert.equal(decision.trace.at(-1)?.reason, "released transformed: omit-provider indicator");

		const copy = transformObject(subject.object, decision.treatments, {
			key: new Uint8Array(32).fill(7),
			nodeIdentity: IDS.nca,
			now: "2025-06-01T00:00:00.000Z",
		});
		assert.equal(copy.kind, "released");
		assert.ok(copy.kind === "released");
		assert.equal(copy.object.created_by_ref, undefined);
		assert.ok(!JSON.stringify(copy.object).includes(IDS.nca), "the copy names the provider nowhere");

		const own = run(subject, IDS.nca, "criminal-investigation", options);
		assert.equal(own.verdict, "full");
		assert.deepEqual(own.treatments, []);
	});
});

describe("obligation.iep", () => {
	it("says in the trace what the IEP asks that this node cannot check, and carries it with the copy", () => {
		const { subject, options } = marked({
			name: "strict",
			encrypt_in_transit: "must",
			affected_party_notifications: "must-not",
			permitted_actions: "contact-for-instruction",
			attribution: "must",
			external_reference: "https://example.org/iep/strict",
		});
		const decision = run(subject, IDS.fbi, "criminal-investigation", options);
		assert.equal(decision.verdict, "full");
		assert.deepEqual(step(decision, "obligation.iep"), {
			rule: "obligation.iep",
			outcome: "pass",
			reason:
				'IEP "strict" travels with the copy and binds US FBI, which this node cannot check: encrypt it in transit; not notify affected parties; name the provider when it uses the information; contact the provider before acting on it (IEP "strict"); read the terms at https://example.org/iep/strict (IEP "strict")',
		});
		const open = marked({ name: "open" });
		const none = run(open.subject, IDS.fbi, "criminal-investigation", open.options);
		assert.equal(
			none.trace.find((s) => s.rule === "obligation.iep"),
			undefined,
			"nothing to carry, no step",
		);
	});
});

describe("obligation.pap with IEP permitted actions", () => {
	it("reads permitted actions as PAP and applies the agreement's ceiling as for PAP", () => {
		const direct = marked({ name: "act", permitted_actions: "externally-visible-direct-actions" });
		const fbi = run(direct.subject, IDS.fbi, "criminal-investigation", direct.options);
		assert.deepEqual(fbi.addMarkings, [PAP_IDS.amber]);
		assert.deepEqual(step(fbi, "obligation.pap"), {
			rule: "obligation.pap",
			outcome: "restrict",
			reason:
				"'J-CAT' allows actions up to PAP:AMBER, stricter than the object's IEP \"act\" (externally-visible-direct-actions, read as PAP:GREEN); the copy carries PAP:AMBER",
		});

		const internal = marked({ name: "inside", permitted_actions: "internally-visible-actions" });
		const bank = run(internal.subject, IDS.bank, "network-defence", internal.options);
		assert.deepEqual(bank.addMarkings, []);
		assert.deepEqual(step(bank, "obligation.pap"), {
			rule: "obligation.pap",
			outcome: "pass",
			reason:
				"the object's IEP \"inside\" (internally-visible-actions, read as PAP:RED) is within 'UK police – bank' (PAP:GREEN)",
		});

		const indirect = marked({ name: "passive", permitted_actions: "externally-visible-indirect-actions" });
		const passive = run(indirect.subject, IDS.bank, "network-defence", indirect.options);
		assert.deepEqual(passive.addMarkings, [], "PAP:AMBER is stricter than the bank's PAP:GREEN");
		assert.equal(step(passive, "obligation.pap").outcome, "pass");
		assert.deepEqual(
			run(subjectOf(indicator([MARKS.amber, MARKS.papGreen]), IDS.nca), IDS.bank, "network-defence")
				.addMarkings,
			[],
			"a PAP marking is read as before",
		);
	});
});
