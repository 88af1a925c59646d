// Shared by the per-rule tests: run decide() with and without a trace, and pick one rule's step.
import assert from "node:assert/strict";
import type { Decision, DecisionSubject, Policy, Purpose, TraceStep } from "../model.ts";
import { type CompiledPolicy, compilePolicy } from "./compile.ts";
import { decide } from "./decide.ts";
import { IDS, REFERENCE_POLICY, SCENARIO_NOW } from "./reference-scenario.fixture.ts";
import { RULES } from "./rule-names.ts";

export const POLICY = compilePolicy(REFERENCE_POLICY);

type Mutable<T> = T extends readonly (infer U)[]
	? Mutable<U>[]
	: T extends object
		? { -readonly [K in keyof T]: Mutable<T[K]> }
		: T;

/** The reference policy changed by `change` (applied to a deep copy). */
export function variant(change: (policy: Mutable<Policy>) => void): CompiledPolicy {
	const copy = structuredClone(REFERENCE_POLICY) as Mutable<Policy>;
	change(copy);
	return compilePolicy(copy);
}

/** The node seen as BKA's: BKA local, NCA a partner. */
export const BKA_NODE = variant((p) => {
	for (const party of p.parties) party.local = party.id === IDS.bka;
});

/** decide() with a trace, checked against the same call without one; every trace ends with `form`. */
export function run(
	subject: DecisionSubject,
	recipient: string,
	purpose: Purpose,
	options: { policy?: CompiledPolicy; now?: Date } = {},
): Decision {
	const policy = options.policy ?? POLICY;
	const now = options.now ?? SCENARIO_NOW;
	const decision = decide(subject, recipient, purpose, policy, { now, trace: true });
	const bare = decide(subject, recipient, purpose, policy, { now });
	assert.equal(bare.verdict, decision.verdict, "the trace never changes the verdict");
	assert.deepEqual(bare.trace, []);
	assert.equal(decision.trace.at(-1)?.rule, "form", "every trace ends with the form");
	for (const step of decision.trace) assert.ok(RULES.includes(step.rule as never), step.rule);
	return decision;
}

/** The one step of `rule` in the decision's trace. */
export function step(decision: Decision, rule: string): TraceStep {
	const found = decision.trace.filter((s) => s.rule === rule);
	assert.equal(found.length, 1, `one ${rule} step in ${JSON.stringify(decision.trace, null, 1)}`);
	return found[0] as TraceStep;
}
