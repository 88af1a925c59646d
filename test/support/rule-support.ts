// Shared by the per-rule tests: run decide() with and without a trace, and pick one rule's step.
import assert from "node:assert/strict";
import { type CompiledPolicy, compilePolicy } from "../../src/policy/engine/compile.ts";
import { decide } from "../../src/policy/engine/decide.ts";
import type { MarkingDefinitions } from "../../src/policy/engine/markings.ts";
import { RULES } from "../../src/policy/engine/rule-names.ts";
import type { Decision, DecisionSubject, Policy, Purpose, TraceStep } from "../../src/policy/model.ts";
import { classifyMarkingDefinition, IEP_EXTENSION_ID } from "../../src/stix/markings/index.ts";
import { IDS, REFERENCE_POLICY, SCENARIO_NOW } from "../fixtures/reference-scenario.ts";

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
	options: { policy?: CompiledPolicy; now?: Date; markingDefinitions?: MarkingDefinitions } = {},
): Decision {
	const policy = options.policy ?? POLICY;
	const now = options.now ?? SCENARIO_NOW;
	const definitions =
		options.markingDefinitions === undefined ? {} : { markingDefinitions: options.markingDefinitions };
	const decision = decide(subject, recipient, purpose, policy, { now, trace: true, ...definitions });
	const bare = decide(subject, recipient, purpose, policy, { now, ...definitions });
	assert.deepEqual({ ...decision, trace: [] }, bare, "the trace never changes the decision");
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

/** The fields of an IEP 2.0 policy that allows everything it can; tests override what they examine. */
export const OPEN_IEP = {
	name: "open",
	iep_version: "2.0",
	end_date: null,
	encrypt_in_transit: "may",
	permitted_actions: "externally-visible-direct-actions",
	affected_party_notifications: "may",
	tlp: "amber",
	attribution: "may",
	unmodified_resale: "may",
} as const;

/**
 * An IEP marking definition as the node would hold it (classified from a STIX marking-definition with the
 * IEP extension), with `fields` over OPEN_IEP; returns its id and the definitions map for decide().
 */
export function iepMarking(
	fields: Readonly<Record<string, unknown>>,
	id = "marking-definition--1e9a4f4c-1d43-4f0b-9a55-6d7c1a2b3c4d",
): { id: string; definitions: MarkingDefinitions } {
	const definition = classifyMarkingDefinition({
		type: "marking-definition",
		spec_version: "2.1",
		id,
		created: "2025-01-01T00:00:00.000Z",
		extensions: { [IEP_EXTENSION_ID]: { extension_type: "property-extension", ...OPEN_IEP, ...fields } },
	});
	assert.equal(definition.kind, "iep");
	assert.ok(definition.kind === "iep" && definition.policy !== undefined, JSON.stringify(definition));
	return { id, definitions: new Map([[id, definition]]) };
}
