// The state of one decision while its rules run: inputs, what the rules found, and the trace when asked.
import type { StixObject } from "../../stix/core.ts";
import type { AppliedTreatment, DecisionSubject, Purpose, TraceStep } from "../model.ts";
import type { CompiledAgreement, CompiledParty, CompiledPolicy } from "./compile.ts";
import type { MarkingSummary } from "./markings.ts";
import type { Audience } from "./object-facts.ts";
import type { RuleName } from "./rule-names.ts";

/** Verdict ranks: indexes in VERDICTS, from most to least revealing. */
export const FULL = 0;
export const TRANSFORMED = 1;
export const MATCH_ONLY = 2;
export const CONTACT_ORIGINATOR = 3;
export const DENY = 4;

export interface Evaluation {
	readonly subject: DecisionSubject;
	readonly object: StixObject;
	readonly recipientId: string;
	readonly purpose: Purpose;
	readonly purposeBit: number;
	readonly policy: CompiledPolicy;
	/** Epoch ms of `options.now`. */
	readonly now: number;
	/** Collected steps; undefined unless the caller asked for a trace (so nothing is built for it). */
	readonly trace: TraceStep[] | undefined;
	readonly markings: MarkingSummary;
	/** The object's explicit audience; undefined when `x_entente_audience` is unreadable. */
	readonly audience: Audience | undefined;
	readonly recipient: CompiledParty | undefined;
	readonly originator: CompiledParty | undefined;
	/** The recipient is the originator, or both are local parties of this node. */
	readonly sameHouse: boolean;
	/** Neither side is local: this node would pass on what a partner gave it. */
	readonly relay: boolean;
	/** Agreements binding originator and recipient (on relay: the recipient and a local party), any window. */
	readonly bound: readonly CompiledAgreement[];
	/** Of `bound`, those valid now and allowing the purpose; set by the agreement rules. */
	covering: readonly CompiledAgreement[];
	/** Of `bound`, those that have ended and still bind with their restrictions, not their grants (D34). */
	readonly lingering: readonly CompiledAgreement[];
	/**
	 * Agreements whose restrictions apply (treatments, PAP ceiling, evaluation minimum, retention):
	 * `covering` and the `lingering` ones that allowed the purpose. Grants (TLP entitlement, handling
	 * codes, consent, onward sharing) come from `covering` only.
	 */
	terms: readonly CompiledAgreement[];
	/** Object TLP rank as this recipient reads it (no TLP → AMBER; AMBER+STRICT → RED for TLP 1.0-only). */
	tlp: number;
	/** Highest TLP rank the recipient is entitled to from this originator; set by scope.tlp. */
	entitled: number;
	rank: number;
	treatments: AppliedTreatment[] | undefined;
	addMarkings: string[] | undefined;
}

/** Appends a trace step; callers guard with `if (e.trace)` so no reason text is built without a trace. */
export function record(
	trace: TraceStep[],
	rule: RuleName,
	outcome: TraceStep["outcome"],
	reason: string,
): void {
	trace.push({ rule, outcome, reason });
}

/** Raises the verdict to at least `rank` (deny overrides: it never goes back down). */
export function restrict(e: Evaluation, rank: number): void {
	if (rank > e.rank) e.rank = rank;
}

/** Adds a treatment the released copy needs, which makes the verdict at least `transformed`. */
export function transform(e: Evaluation, treatment: AppliedTreatment): void {
	if (e.treatments === undefined) e.treatments = [treatment];
	else e.treatments.push(treatment);
	restrict(e, TRANSFORMED);
}

/** Adds a marking id the released copy must carry, once. */
export function oblige(e: Evaluation, markingId: string): void {
	if (e.addMarkings === undefined) e.addMarkings = [markingId];
	else if (!e.addMarkings.includes(markingId)) e.addMarkings.push(markingId);
}

/** A party's display name, or its id when the policy does not know it. */
export function nameOf(e: Evaluation, id: string): string {
	return e.policy.parties.get(id)?.source.name ?? id;
}

/** `'A', 'B'` for trace sentences. */
export function quoteNames(agreements: readonly CompiledAgreement[]): string {
	return agreements.map((a) => `'${a.source.name}'`).join(", ");
}
