// Per-rule tests of decide() for agreement terms beyond TLP and PAP: evidence use, the 4x4 minimum, retention.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, indicator, MARKS, subjectOf } from "#test/fixtures/reference-scenario.ts";
import { run, step, variant } from "#test/support/rule-support.ts";
import type { Agreement } from "../model.ts";

type Terms = Partial<
	Pick<Agreement, "purposes" | "evidenceUse" | "minimumEvaluation" | "retentionDays" | "tlpCeiling">
>;

/** The reference policy with some agreements' terms changed, by agreement id. */
function withTerms(terms: Readonly<Record<string, Terms>>) {
	return variant((p) => {
		for (const agreement of p.agreements) Object.assign(agreement, terms[agreement.id] ?? {});
	});
}

const COURT = ["criminal-investigation", "judicial-proceedings"] as const;

describe("law.evidence", () => {
	it("does not let an agreement without evidence use cover judicial proceedings", () => {
		const subject = subjectOf(indicator([MARKS.amber]), IDS.nca);
		const refused = run(subject, IDS.fbi, "judicial-proceedings", {
			policy: withTerms({ "us-uk-jcc": { purposes: [...COURT], evidenceUse: false } }),
		});
		assert.equal(refused.verdict, "deny");
		assert.deepEqual(step(refused, "law.evidence"), {
			rule: "law.evidence",
			outcome: "deny",
			reason:
				"'US–UK joint cyber cell' allows judicial proceedings but not evidence use: shared information is not evidence without the provider's consent",
		});
		const allowed = run(subject, IDS.fbi, "judicial-proceedings", {
			policy: withTerms({ "us-uk-jcc": { purposes: [...COURT], evidenceUse: true } }),
		});
		assert.equal(allowed.verdict, "full");
		assert.equal(
			step(allowed, "law.evidence").reason,
			"'US–UK joint cyber cell' lets shared information be used as evidence",
		);
		const investigation = run(subject, IDS.fbi, "criminal-investigation");
		assert.equal(
			investigation.trace.find((s) => s.rule === "law.evidence"),
			undefined,
			"consulted for judicial proceedings only",
		);
	});

	it("keeps only the consenting agreements: their ceilings decide", () => {
		// The joint cyber cell consents but reaches TLP:GREEN only; J-CAT reaches TLP:AMBER but does not consent.
		const policy = withTerms({
			"us-uk-jcc": { purposes: [...COURT], evidenceUse: true, tlpCeiling: "green" },
			"j-cat": { purposes: [...COURT], evidenceUse: false },
		});
		const decision = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.fbi, "judicial-proceedings", {
			policy,
		});
		assert.equal(decision.verdict, "match-only");
		assert.equal(
			step(decision, "law.evidence").reason,
			"'US–UK joint cyber cell' lets shared information be used as evidence",
		);
		assert.match(step(decision, "scope.tlp").reason, /may receive at most TLP:GREEN from UK NCA/);
	});

	it("without any agreement in force, lets only TLP:CLEAR be used as evidence", () => {
		const policy = variant((p) => {
			p.agreements = [];
		});
		const green = run(subjectOf(indicator([MARKS.green]), IDS.nca), IDS.fbi, "judicial-proceedings", {
			policy,
		});
		assert.equal(green.verdict, "deny");
		assert.deepEqual(step(green, "law.evidence"), {
			rule: "law.evidence",
			outcome: "deny",
			reason:
				"no agreement in force between UK NCA and US FBI gives the provider's consent to use it as evidence; only TLP:CLEAR needs none",
		});
		const clear = run(subjectOf(indicator([MARKS.clear]), IDS.nca), IDS.fbi, "judicial-proceedings", {
			policy,
		});
		assert.equal(clear.verdict, "full");
		assert.equal(
			step(clear, "law.evidence").reason,
			"TLP:CLEAR information needs no consent to be used as evidence",
		);
	});

	it("on relay, needs the originator's own consent too", () => {
		const policy = variant((p) => {
			const [first] = p.agreements;
			if (first === undefined) return;
			p.agreements.push({
				...structuredClone(first),
				id: "nca-ec3",
				name: "NCA – EC3 evidence exchange",
				parties: [IDS.nca, IDS.ec3],
				purposes: ["judicial-proceedings"],
				evidenceUse: true,
				onwardSharing: true,
			});
		});
		const decision = run(subjectOf(indicator([MARKS.green]), IDS.fbi), IDS.ec3, "judicial-proceedings", {
			policy,
		});
		assert.equal(decision.verdict, "deny");
		assert.deepEqual(step(decision, "law.evidence"), {
			rule: "law.evidence",
			outcome: "deny",
			reason: "US FBI gave it to this node without consent to use it as evidence",
		});
	});
});

describe("agreement.evaluation", () => {
	const graded = (source: string, information: number) =>
		subjectOf(indicator([MARKS.amber], { x_entente_evaluation: { source, information } }), IDS.nca);
	const policy = withTerms({ "uk-police-bank": { minimumEvaluation: "B2" } });

	it("lets objects graded at or above the agreement's minimum through", () => {
		const decision = run(graded("A", 2), IDS.bank, "network-defence", { policy });
		assert.equal(decision.verdict, "full");
		assert.deepEqual(step(decision, "agreement.evaluation"), {
			rule: "agreement.evaluation",
			outcome: "pass",
			reason:
				"'UK police – bank' accepts objects graded B2 or better; the object is graded A2: a source beyond doubt, information known personally to the source",
		});
	});

	it("denies objects graded below it, graded X, or not graded at all", () => {
		const low = run(graded("C", 1), IDS.bank, "network-defence", { policy });
		assert.equal(low.verdict, "deny");
		assert.equal(
			step(low, "agreement.evaluation").reason,
			"'UK police – bank' accepts objects graded B2 or better; the object is graded C1: a source unreliable in most instances, information whose accuracy is not in doubt",
		);
		assert.equal(run(graded("B", 3), IDS.bank, "network-defence", { policy }).verdict, "deny");
		assert.equal(run(graded("X", 1), IDS.bank, "network-defence", { policy }).verdict, "deny");
		const none = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.bank, "network-defence", { policy });
		assert.equal(none.verdict, "deny");
		assert.deepEqual(step(none, "agreement.evaluation"), {
			rule: "agreement.evaluation",
			outcome: "deny",
			reason:
				"'UK police – bank' accepts objects graded B2 or better; the object carries no 4x4 evaluation (x_entente_evaluation), which counts as below any minimum",
		});
		const unreadable = run(
			subjectOf(indicator([MARKS.amber], { x_entente_evaluation: "B2" }), IDS.nca),
			IDS.bank,
			"network-defence",
			{ policy },
		);
		assert.equal(unreadable.verdict, "deny");
		assert.match(step(unreadable, "agreement.evaluation").reason, /cannot be read/);
		const fbi = run(subjectOf(indicator([MARKS.amber]), IDS.nca), IDS.fbi, "criminal-investigation", {
			policy,
		});
		assert.equal(fbi.verdict, "full", "no minimum between NCA and the FBI");
		assert.equal(
			fbi.trace.find((s) => s.rule === "agreement.evaluation"),
			undefined,
		);
	});

	it("takes the strictest minimum of the covering agreements, grade by grade", () => {
		const both = withTerms({
			"us-uk-jcc": { minimumEvaluation: "A3" },
			"j-cat": { minimumEvaluation: "B2" },
		});
		const a2 = run(graded("A", 2), IDS.fbi, "criminal-investigation", { policy: both });
		assert.equal(a2.verdict, "full");
		assert.match(
			step(a2, "agreement.evaluation").reason,
			/^'US–UK joint cyber cell', 'J-CAT' accept objects graded A2 or better;/,
		);
		assert.equal(run(graded("A", 3), IDS.fbi, "criminal-investigation", { policy: both }).verdict, "deny");
		assert.equal(run(graded("B", 2), IDS.fbi, "criminal-investigation", { policy: both }).verdict, "deny");
	});
});

describe("obligation.retention", () => {
	it("names the shortest retention of the covering agreements, without changing the decision", () => {
		const policy = withTerms({ "us-uk-jcc": { retentionDays: 30 }, "j-cat": { retentionDays: 365 } });
		const subject = subjectOf(indicator([MARKS.amber]), IDS.nca);
		const decision = run(subject, IDS.fbi, "criminal-investigation", { policy });
		assert.equal(decision.verdict, "full");
		assert.deepEqual(step(decision, "obligation.retention"), {
			rule: "obligation.retention",
			outcome: "pass",
			reason:
				"under 'US–UK joint cyber cell' US FBI keeps it for at most 30 days; an obligation of the agreement, not marked on the copy",
		});
		assert.deepEqual(
			run(subject, IDS.fbi, "criminal-investigation").addMarkings,
			decision.addMarkings,
			"the copy is the same with or without retention",
		);
	});
});
