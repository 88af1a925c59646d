// Property of decide() over random agreement windows and instants: time alone never widens what a party
// receives. From one instant to a later one, unless an agreement binding the pair starts in between, the
// verdict is never more revealing, and a released copy never loses a treatment or a PAP obligation (D34).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
	IDS,
	indicator,
	MARKS,
	REFERENCE_POLICY,
	subjectOf,
	victimIp,
} from "#test/fixtures/reference-scenario.ts";
import { PAP_IDS } from "../../stix/markings/index.ts";
import { type Agreement, PAP_LEVELS, type Policy, VERDICTS } from "../model.ts";
import { compilePolicy } from "./compile.ts";
import { decide } from "./decide.ts";

const BASE = Date.parse("2025-01-01T00:00:00Z");
const SPAN = 4 * 365 * 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const agreementSpec = fc.record({
	from: fc.integer({ min: 0, max: SPAN }),
	length: fc.option(fc.integer({ min: 1, max: SPAN }), { nil: undefined }),
	purposes: fc.subarray(["network-defence", "crime-prevention", "judicial-proceedings"] as const, {
		minLength: 1,
	}),
	tlpCeiling: fc.constantFrom("clear", "green", "amber", "amber+strict", "red"),
	papCeiling: fc.constantFrom(...PAP_LEVELS),
	pseudonymise: fc.boolean(),
	minimum: fc.option(fc.constantFrom("A1", "B2", "C3"), { nil: undefined }),
	evidenceUse: fc.boolean(),
	viaCommunity: fc.boolean(),
});

type Spec = typeof agreementSpec extends fc.Arbitrary<infer T> ? T : never;

function agreementOf(spec: Spec, i: number): Agreement {
	const from = BASE + spec.from;
	return {
		id: `a${i}`,
		name: `a${i}`,
		kind: spec.viaCommunity ? "multilateral" : "bilateral",
		parties: spec.viaCommunity ? [] : [IDS.nca, IDS.bank],
		communities: spec.viaCommunity ? ["cisp"] : [],
		purposes: [...spec.purposes],
		tlpCeiling: spec.tlpCeiling,
		papCeiling: spec.papCeiling,
		handlingCodes: false,
		onwardSharing: false,
		evidenceUse: spec.evidenceUse,
		...(spec.minimum === undefined ? {} : { minimumEvaluation: spec.minimum }),
		validity: { from: iso(from), ...(spec.length === undefined ? {} : { until: iso(from + spec.length) }) },
		treatments: spec.pseudonymise
			? [{ objectType: "ipv4-addr", role: "victim", treatment: "pseudonymise" }]
			: [],
	};
}

/** The instants worth testing: every window edge, 1 ms either side, and random ones. */
function instants(agreements: readonly Agreement[], extra: readonly number[]): number[] {
	const out = new Set(extra.map((x) => BASE + x));
	for (const a of agreements)
		for (const edge of [a.validity.from, a.validity.until])
			if (edge !== undefined) for (const d of [-1, 0, 1]) out.add(Date.parse(edge) + d);
	return [...out].sort((x, y) => x - y);
}

const PAP_RANK = new Map(PAP_LEVELS.map((level, i) => [PAP_IDS[level], i]));
const papOf = (markings: readonly string[]): number =>
	Math.max(-1, ...markings.map((m) => PAP_RANK.get(m) ?? -1));

describe("time never widens a release (D34)", () => {
	it("from any instant to a later one with no agreement starting between, nothing is more revealing", () => {
		let compared = 0;
		fc.assert(
			fc.property(
				fc.array(agreementSpec, { minLength: 1, maxLength: 3 }),
				fc.boolean(),
				fc.constantFrom("network-defence", "crime-prevention", "judicial-proceedings", "research"),
				fc.constantFrom(MARKS.clear, MARKS.green, MARKS.amber),
				fc.constantFrom("victim-ip", "graded", "ungraded"),
				fc.array(fc.integer({ min: -SPAN, max: 2 * SPAN }), { maxLength: 4 }),
				(specs, community, purpose, tlp, kind, extra) => {
					const agreements = specs.map(agreementOf);
					const policy: Policy = {
						...REFERENCE_POLICY,
						// The bank is no client of the NCA here, so only agreements and the community reach it.
						parties: REFERENCE_POLICY.parties.map((p) => (p.id === IDS.nca ? { ...p, clients: [] } : p)),
						agreements,
						communities: REFERENCE_POLICY.communities.map((c) =>
							c.id === "cisp" && !community ? { ...c, members: [IDS.nca] } : c,
						),
					};
					const compiled = compilePolicy(policy);
					const object =
						kind === "victim-ip"
							? victimIp([tlp])
							: indicator(
									[tlp],
									kind === "graded" ? { x_entente_evaluation: { source: "B", information: 2 } } : {},
								);
					const subject = subjectOf(object, IDS.nca);
					const starts = agreements.map((a) => Date.parse(a.validity.from));
					const points = instants(agreements, extra);
					const decisions = points.map((now) =>
						decide(subject, IDS.bank, purpose, compiled, { now: new Date(now) }),
					);
					for (let i = 0; i < points.length; i++) {
						for (let j = i + 1; j < points.length; j++) {
							const before = points[i] as number;
							const after = points[j] as number;
							if (starts.some((s) => s > before && s <= after)) break; // a new agreement may widen
							const a = decisions[i] as (typeof decisions)[number];
							const b = decisions[j] as (typeof decisions)[number];
							const why = `${iso(before)} → ${iso(after)}: ${a.verdict} ${JSON.stringify(a.treatments)} ${a.addMarkings} → ${b.verdict} ${JSON.stringify(b.treatments)} ${b.addMarkings}`;
							compared++;
							assert.ok(VERDICTS.indexOf(b.verdict) >= VERDICTS.indexOf(a.verdict), `wider verdict ${why}`);
							if (b.verdict === "full" || b.verdict === "transformed") {
								const kept = new Set(b.treatments.map((t) => `${t.treatment} ${t.objectType}`));
								for (const t of a.treatments)
									assert.ok(kept.has(`${t.treatment} ${t.objectType}`), `lost a treatment ${why}`);
								assert.ok(papOf(b.addMarkings) >= papOf(a.addMarkings), `lost a PAP obligation ${why}`);
							}
						}
					}
				},
			),
			{ numRuns: 300 },
		);
		assert.ok(compared > 1000, `compared ${compared} pairs of instants`);
	});
});
