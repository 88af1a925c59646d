// A policy change's impact (D62): each decision class decided once per party, through the gate itself.
import {
	type CompiledPolicy,
	type Decision,
	decidingStep,
	type EgressGate,
	type Purpose,
	rolesByType,
	type TraceStep,
} from "../../policy/index.ts";
import type { DecisionClass } from "./impact-classes.ts";

/** What a class's decision says of its members for one party under one policy. */
export const WITHHELD = 0;
export const RELEASED = 1;
/** The members differ (a transformed copy, references, a named value's treatment): each is asked of the gate. */
export const PER_OBJECT = 2;
export type Outcome = typeof WITHHELD | typeof RELEASED | typeof PER_OBJECT;

export interface ClassDecision {
	outcome: Outcome;
	/** The step that decided, as the gate's trace gives it (for the examples' rule). */
	step: TraceStep | undefined;
	verdict: Decision["verdict"];
}

const NO_REPRESENTATIVE: ClassDecision = { outcome: PER_OBJECT, step: undefined, verdict: "deny" };

/**
 * The step that releases or withholds: decidingStep, except that for a copy released as it is the last rule that
 * let it pass names why better than the form.
 */
export function explainingStep(decision: Decision): TraceStep | undefined {
	const step = decidingStep(decision);
	if (step?.rule !== "form" || decision.verdict !== "full") return step;
	return decision.trace.findLast((s) => s.outcome === "pass" && s.rule !== "form") ?? step;
}

/** Observable types a personal-data rule of `policy` names: values of other types need no stand-in (D21). */
export function treatedTypes(policy: CompiledPolicy | undefined): ReadonlySet<string> {
	return policy === undefined ? new Set<string>() : new Set(rolesByType(policy).keys());
}

/**
 * Each class's decision for `party` under a policy (`treated`: its treatedTypes), asking `gate` (the node's gate code over sources fixed to that
 * policy) to explain the class's representative. Released in full: every member is (nothing else can withhold a
 * member without references whose named values are decided alike). Withheld by a rule about the object itself:
 * every member is. Anything that may depend on the member (a transformation, references, a treated named value)
 * is left to the per-object pass.
 */
export async function decideClasses(
	gate: EgressGate,
	classes: readonly DecisionClass[],
	party: string,
	purpose: Purpose,
	treated: ReadonlySet<string>,
): Promise<ClassDecision[]> {
	const out: ClassDecision[] = new Array(classes.length);
	// Observables first: an indicator's class reads the decisions of the observables it names.
	const order = [...classes].sort((a, b) => Number(a.kind === "indicator") - Number(b.kind === "indicator"));
	for (const c of order) {
		if (c.count === 0) continue;
		const representative = c.representative;
		if (representative === undefined) {
			out[c.index] = NO_REPRESENTATIVE;
			continue;
		}
		const decision = await gate.explain(representative, party, purpose);
		const step = explainingStep(decision);
		out[c.index] = { outcome: outcomeOf(c, decision, step, treated, out), step, verdict: decision.verdict };
	}
	return out;
}

function outcomeOf(
	c: DecisionClass,
	decision: Decision,
	step: TraceStep | undefined,
	treated: ReadonlySet<string>,
	decided: readonly ClassDecision[],
): Outcome {
	if (decision.verdict === "transformed") return PER_OBJECT;
	if (decision.verdict === "full") return c.kind === "per-object" ? PER_OBJECT : RELEASED;
	if (step?.rule.startsWith("gate.") !== true) return WITHHELD;
	if (c.kind !== "indicator") return PER_OBJECT;
	// gate.pattern: a named value withheld, or one whose treatment fails on that value. Alike for every member
	// unless some named value is treated: a held observable's class released transformed, or a stand-in of a
	// type a personal-data rule names.
	const transformedHeld = c.heldClasses.some((held) => decided[held]?.verdict === "transformed");
	const standIns = c.standInTypes.some((type) => treated.has(type));
	return transformedHeld || standIns ? PER_OBJECT : WITHHELD;
}
