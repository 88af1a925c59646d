// decide(): one object version, one recipient, one purpose → full, transformed, match-only, contact the originator, or deny.
import type { Decision, DecisionSubject, Purpose, TraceStep } from "../model.ts";
import { VERDICTS } from "../model.ts";
import { agreementsBetween, type CompiledPolicy, purposeBit } from "./compile.ts";
import { DENY, type Evaluation, FULL, MATCH_ONLY, record, TRANSFORMED } from "./evaluation.ts";
import {
	AMBER,
	AMBER_STRICT,
	type MarkingDefinitions,
	type MarkingSummary,
	RED,
	readMarkings,
} from "./markings.ts";
import { NO_AUDIENCE, readAudience } from "./object-facts.ts";
import {
	checkEvidence,
	checkPurpose,
	coveringAgreements,
	lingeringAgreements,
	reportValidity,
	termsOf,
} from "./rules/agreements.ts";
import { checkEvaluation } from "./rules/evaluation-minimum.ts";
import { checkAgreementTreatments, checkGranular } from "./rules/field.ts";
import { checkHandling } from "./rules/handling.ts";
import { carryIepObligations, checkIepAttribution, checkIepResale, checkIepWindow } from "./rules/iep.ts";
import { addPap, addTlp, noteRetention } from "./rules/obligations.ts";
import { checkRecipientStatus, isSameHouse } from "./rules/recipient.ts";
import { checkAudience, checkOnward, checkTlp } from "./rules/scope.ts";
import { checkTransfer } from "./rules/transfer.ts";

/** The flag ingest stores on versions carrying a marking the node did not understand (docs/decisions.md D4). */
export const UNKNOWN_MARKING_FLAG = "unknown-marking";
/** The flag the store sets on versions naming objects it does not hold ready yet (D58). */
export const AWAITING_REFERENCES_FLAG = "awaiting-references";
/** Why a version naming objects not held yet is withheld, in traces. */
export const AWAITING_REFERENCES_REASON =
	"it names objects this node does not hold yet: a version goes only complete, so its content never changes on the wire (D58)";

export interface DecideOptions {
	/** The instant agreements, legal bases and transfer routes are judged at. */
	readonly now: Date;
	/** Collect a trace of every rule consulted; off by default, and nothing is built for it when off. */
	readonly trace?: boolean;
	/**
	 * Marking definitions the node holds beyond the pinned catalogue (statements, IEP policies), as
	 * classified by `classifyMarkingDefinition`. Without them, any ref that is not pinned denies.
	 */
	readonly markingDefinitions?: MarkingDefinitions;
}

const NONE: readonly never[] = Object.freeze([]);
const DENIED: Decision = Object.freeze({ verdict: "deny", treatments: NONE, addMarkings: NONE, trace: NONE });
const RELEASED: Decision = Object.freeze({
	verdict: "full",
	treatments: NONE,
	addMarkings: NONE,
	trace: NONE,
});

function denyEarly(
	trace: TraceStep[] | undefined,
	rule: "marking.flag" | "references.awaiting" | "marking.unknown",
	reason: string,
): Decision {
	if (trace === undefined) return DENIED;
	record(trace, rule, "deny", reason);
	record(trace, "form", "deny", "withheld: the recipient is not told the object exists");
	return { verdict: "deny", treatments: NONE, addMarkings: NONE, trace };
}

function formReason(e: Evaluation): string {
	if (e.rank === FULL)
		return e.addMarkings === undefined
			? "released as it is"
			: `released as it is, with ${e.addMarkings.length} added marking(s)`;
	if (e.rank === TRANSFORMED)
		return `released transformed: ${(e.treatments ?? []).map((t) => `${t.treatment} ${t.objectType}${t.fields ? ` [${t.fields.join(", ")}]` : ""}`).join("; ")}`;
	if (e.rank === MATCH_ONLY)
		return "match-only: the recipient may learn whether it holds a match, not the object";
	if (e.rank === DENY) return "withheld: the recipient is not told the object exists";
	return "contact the originator: the recipient learns only whom to ask";
}

function finish(e: Evaluation): Decision {
	const released = e.rank <= TRANSFORMED;
	if (e.trace === undefined) {
		if (e.rank === DENY) return DENIED;
		if (e.rank === FULL && e.addMarkings === undefined) return RELEASED;
	} else {
		const outcome =
			e.rank === FULL ? "pass" : e.rank === TRANSFORMED ? "transform" : e.rank === DENY ? "deny" : "restrict";
		record(e.trace, "form", outcome, formReason(e));
	}
	return {
		verdict: VERDICTS[e.rank] ?? "deny",
		treatments: e.rank === TRANSFORMED && e.treatments !== undefined ? e.treatments : NONE,
		addMarkings: released && e.addMarkings !== undefined ? e.addMarkings : NONE,
		trace: e.trace ?? NONE,
	};
}

/**
 * Decides what `recipient` (a party id) may receive of one object version for `purpose`. Pure and
 * deterministic: the same inputs give the same decision. Rules run in one order — markings, handling
 * codes, recipient status, the originator's own house, IEP window and resale, agreements, purpose,
 * evidence use and 4x4 minimum, transfer law, onward sharing, TLP scope, audience, field level, IEP
 * attribution, obligations — and deny overrides: a verdict only ever
 * becomes stricter, and the first deny ends the evaluation. The trace, when asked for, names every
 * rule consulted (see RULES) with its outcome and a sentence an analyst can read.
 * @example
 * const decision = decide(subject, bank.id, "network-defence", compilePolicy(policy), { now: new Date(), trace: true });
 * decision.verdict // → "transformed"
 */
export function decide(
	subject: DecisionSubject,
	recipient: string,
	purpose: Purpose,
	policy: CompiledPolicy,
	options: DecideOptions,
): Decision {
	const trace: TraceStep[] | undefined = options.trace === true ? [] : undefined;
	if (subject.flags.includes(UNKNOWN_MARKING_FLAG))
		return denyEarly(
			trace,
			"marking.flag",
			"ingest found a marking this node does not understand; such objects are never released until its definition arrives",
		);
	if (subject.flags.includes(AWAITING_REFERENCES_FLAG))
		return denyEarly(trace, "references.awaiting", AWAITING_REFERENCES_REASON);
	const markings = readMarkings(subject.object, subject.inheritedMarkings, options.markingDefinitions);
	if (markings.unknown !== undefined)
		return denyEarly(
			trace,
			"marking.unknown",
			`the marking ${markings.unknown} is not one this node understands`,
		);
	if (trace !== undefined) recordUnderstood(trace, markings);
	return runRules(evaluationOf(subject, recipient, purpose, policy, options.now, markings, trace));
}

/** The trace's step for markings that are all understood, own and inherited. */
function recordUnderstood(trace: TraceStep[], markings: MarkingSummary): void {
	record(
		trace,
		"marking.unknown",
		"pass",
		markings.count === 0
			? "the object carries no markings"
			: `all ${markings.count} marking(s), own and inherited, are understood`,
	);
}

/** What every rule reads: the parties, the agreements that bind them now, and the verdict so far (full). */
function evaluationOf(
	subject: DecisionSubject,
	recipient: string,
	purpose: Purpose,
	policy: CompiledPolicy,
	at: Date,
	markings: MarkingSummary,
	trace: TraceStep[] | undefined,
): Evaluation {
	const object = subject.object;
	const recipientParty = policy.parties.get(recipient);
	const originatorParty = policy.parties.get(subject.originator);
	const recipientLocal = recipientParty?.source.local === true;
	const originatorLocal = originatorParty?.source.local === true;
	const relay = !recipientLocal && !originatorLocal;
	const bound = relay
		? (policy.withLocal.get(recipient) ?? NONE)
		: agreementsBetween(policy, subject.originator, recipient);
	const now = at.getTime();
	const bit = purposeBit(purpose);
	const covering = coveringAgreements(bound, now, bit);
	const lingering = lingeringAgreements(bound, now);
	const tlp1Only = recipientParty?.tlp1Only === true;
	return {
		subject,
		object,
		recipientId: recipient,
		purpose,
		purposeBit: bit,
		policy,
		now,
		trace,
		markings,
		audience: object.x_entente_audience === undefined ? NO_AUDIENCE : readAudience(object),
		recipient: recipientParty,
		originator: originatorParty,
		sameHouse:
			recipientParty !== undefined &&
			(recipient === subject.originator ||
				(recipientLocal && originatorLocal && recipientParty.source.node === originatorParty?.source.node)),
		relay,
		bound,
		covering,
		lingering,
		terms: termsOf(covering, lingering, bit),
		tlp: markings.tlp < 0 ? AMBER : markings.tlp === AMBER_STRICT && tlp1Only ? RED : markings.tlp,
		entitled: -1,
		rank: FULL,
		treatments: undefined,
		addMarkings: undefined,
	};
}

/** The rules in their one order; a verdict only becomes stricter, and the first deny ends the evaluation. */
function runRules(e: Evaluation): Decision {
	checkHandling(e);
	if (e.rank === DENY) return finish(e);
	checkRecipientStatus(e);
	if (e.rank === DENY) return finish(e);
	if (isSameHouse(e)) return finish(e);
	if (e.markings.iep !== undefined) {
		checkIepWindow(e);
		if (e.rank === DENY) return finish(e);
		checkIepResale(e);
		if (e.rank === DENY) return finish(e);
	}
	reportValidity(e);
	checkPurpose(e);
	if (e.rank === DENY) return finish(e);
	checkEvidence(e);
	if (e.rank === DENY) return finish(e);
	checkEvaluation(e);
	if (e.rank === DENY) return finish(e);
	checkTransfer(e);
	checkOnward(e);
	if (e.rank === DENY) return finish(e);
	checkTlp(e);
	if (e.rank === DENY) return finish(e);
	checkAudience(e);
	if (e.rank === DENY || e.rank >= MATCH_ONLY) return finish(e);
	checkGranular(e);
	checkAgreementTreatments(e);
	if (e.rank >= MATCH_ONLY) return finish(e);
	checkIepAttribution(e);
	addPap(e);
	addTlp(e);
	carryIepObligations(e);
	noteRetention(e);
	return finish(e);
}
