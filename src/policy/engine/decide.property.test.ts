// Properties of decide() over random objects, markings, recipients and instants in the reference scenario.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { IDS, indicator, REFERENCE_POLICY, subjectOf } from "#test/fixtures/reference-scenario.ts";
import { iepMarking } from "#test/support/rule-support.ts";
import { IEP_PERMITTED_ACTIONS, knownMarkings } from "../../stix/markings/index.ts";
import { PURPOSES, VERDICTS } from "../model.ts";
import { compilePolicy } from "./compile.ts";
import { decide } from "./decide.ts";

const POLICY = compilePolicy(REFERENCE_POLICY);
/** The scenario with only some of its agreements: paths the full policy never reaches (community without agreement). */
const POLICIES = [
	POLICY,
	...REFERENCE_POLICY.agreements.map((dropped) =>
		compilePolicy({
			...REFERENCE_POLICY,
			agreements: REFERENCE_POLICY.agreements.filter((a) => a !== dropped),
		}),
	),
	compilePolicy({ ...REFERENCE_POLICY, agreements: [] }),
];
const PARTY_IDS = [...Object.values(IDS), "identity--ffffffff-ffff-4fff-8fff-ffffffffffff"];
const TLP_RANK: Readonly<Record<string, number>> = {
	clear: 0,
	white: 0,
	green: 1,
	amber: 2,
	"amber+strict": 3,
	red: 4,
};
const MARKINGS = knownMarkings();
const tlpRank = (ids: readonly string[]): number => {
	let rank = -1;
	for (const id of ids) {
		const marking = MARKINGS.find((m) => m.id === id);
		if (marking && (marking.kind === "tlp1" || marking.kind === "tlp2"))
			rank = Math.max(rank, TLP_RANK[marking.level] ?? 4);
	}
	return rank < 0 ? 2 : rank; // no TLP is treated as AMBER
};

const markingIds = fc.subarray(
	MARKINGS.map((m) => m.id),
	{ maxLength: 4 },
);
const scenario = fc.record({
	originator: fc.constantFrom(...PARTY_IDS),
	recipient: fc.constantFrom(...PARTY_IDS),
	purpose: fc.constantFrom(...PURPOSES),
	own: markingIds,
	inherited: markingIds,
	type: fc.constantFrom("indicator", "ipv4-addr", "email-addr", "identity"),
	role: fc.constantFrom(undefined, "victim", "attacker"),
	audience: fc.option(
		fc.record(
			{
				parties: fc.subarray(PARTY_IDS),
				communities: fc.subarray(["j-cat", "j-cat/ransomware", "cisp"]),
				scope: fc.constantFrom("own-organization", "all-partners"),
			},
			{ requiredKeys: [] },
		),
		{ nil: undefined },
	),
	granular: fc.option(fc.constantFrom(...MARKINGS.map((m) => m.id)), { nil: undefined }),
	policy: fc.constantFrom(...POLICIES),
	now: fc.date({
		min: new Date("2014-01-01T00:00:00Z"),
		max: new Date("2033-01-01T00:00:00Z"),
		noInvalidDate: true,
	}),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function subjectFor(s: Scenario, extraOwn: readonly string[] = [], extraInherited: readonly string[] = []) {
	const object = indicator([...s.own, ...extraOwn], {
		type: s.type,
		...(s.role === undefined ? {} : { x_entente_role: s.role }),
		...(s.audience === undefined ? {} : { x_entente_audience: s.audience }),
		...(s.granular === undefined
			? {}
			: { granular_markings: [{ marking_ref: s.granular, selectors: ["description"] }] }),
	});
	return subjectOf(object, s.originator, [...s.inherited, ...extraInherited]);
}

describe("decide properties", () => {
	it("is deterministic, and the trace never changes the decision", () => {
		fc.assert(
			fc.property(scenario, (s) => {
				const subject = subjectFor(s);
				const first = decide(subject, s.recipient, s.purpose, s.policy, { now: s.now });
				const again = decide(subject, s.recipient, s.purpose, s.policy, { now: s.now });
				const traced = decide(subject, s.recipient, s.purpose, s.policy, { now: s.now, trace: true });
				assert.deepEqual(again, first);
				assert.deepEqual({ ...traced, trace: [] }, first);
				assert.equal(traced.trace.at(-1)?.rule, "form");
			}),
			{ numRuns: 10_000 },
		);
	});

	it("deny overrides: adding a restrictive marking, own or inherited, never widens the verdict", () => {
		fc.assert(
			fc.property(scenario, fc.nat(), fc.boolean(), (s, pick, inherit) => {
				const current = tlpRank([...s.own, ...s.inherited]);
				const restrictive = MARKINGS.filter(
					(m) => m.kind === "pap" || m.kind === "handling" || (TLP_RANK[m.level] ?? -1) >= current,
				);
				const extra = restrictive[pick % restrictive.length]?.id ?? "";
				const before = decide(subjectFor(s), s.recipient, s.purpose, s.policy, { now: s.now });
				const after = decide(
					subjectFor(s, inherit ? [] : [extra], inherit ? [extra] : []),
					s.recipient,
					s.purpose,
					s.policy,
					{ now: s.now },
				);
				assert.ok(
					VERDICTS.indexOf(after.verdict) >= VERDICTS.indexOf(before.verdict),
					`${before.verdict} became ${after.verdict} after adding ${extra}`,
				);
			}),
			{ numRuns: 10_000 },
		);
	});

	it("deny overrides: adding an IEP policy, own or inherited, never widens the verdict", () => {
		const iep = fc.record({
			tlp: fc.constantFrom("white", "green", "amber", "red"),
			permitted_actions: fc.constantFrom(...IEP_PERMITTED_ACTIONS),
			attribution: fc.constantFrom("may", "must", "must-not"),
			unmodified_resale: fc.constantFrom("may", "must-not"),
			encrypt_in_transit: fc.constantFrom("may", "must"),
			start_date: fc.constantFrom("2014-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2031-01-01T00:00:00Z"),
			end_date: fc.constantFrom(null, "2026-01-01T00:00:00Z", "2032-01-01T00:00:00Z"),
		});
		fc.assert(
			fc.property(scenario, iep, fc.boolean(), (s, fields, inherit) => {
				fc.pre(fields.end_date === null || fields.end_date > fields.start_date);
				// An IEP's TLP looser than the object's (no TLP counts as AMBER) is not a restriction.
				fc.pre((TLP_RANK[fields.tlp] ?? 4) >= tlpRank([...s.own, ...s.inherited]));
				const { id, definitions } = iepMarking(fields);
				const options = { now: s.now, markingDefinitions: definitions };
				const before = decide(subjectFor(s), s.recipient, s.purpose, s.policy, options);
				const after = decide(
					subjectFor(s, inherit ? [] : [id], inherit ? [id] : []),
					s.recipient,
					s.purpose,
					s.policy,
					options,
				);
				assert.ok(
					VERDICTS.indexOf(after.verdict) >= VERDICTS.indexOf(before.verdict),
					`${before.verdict} became ${after.verdict} after adding ${JSON.stringify(fields)}`,
				);
			}),
			{ numRuns: 3000 },
		);
	});

	it("never releases to an unknown or suspended recipient, nor an object with an unknown marking", () => {
		fc.assert(
			fc.property(scenario, (s) => {
				const stranger = decide(subjectFor(s), PARTY_IDS.at(-1) ?? "", s.purpose, s.policy, { now: s.now });
				const suspended = decide(subjectFor(s), IDS.suspended, s.purpose, s.policy, { now: s.now });
				const unknown = decide(
					subjectFor(s, ["marking-definition--00000000-0000-4000-8000-000000000000"]),
					s.recipient,
					s.purpose,
					s.policy,
					{ now: s.now },
				);
				assert.equal(stranger.verdict, "deny");
				assert.equal(suspended.verdict, "deny");
				assert.equal(unknown.verdict, "deny");
			}),
			{ numRuns: 1000 },
		);
	});
});
