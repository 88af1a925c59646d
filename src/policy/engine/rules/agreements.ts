// Which agreements cover this decision: validity windows, the purpose each allows, and consent to evidence use.
import { type CompiledAgreement, purposeBit } from "../compile.ts";
import { DENY, type Evaluation, nameOf, quoteNames, record, restrict } from "../evaluation.ts";
import { CLEAR } from "../markings.ts";
import { isWithin } from "../validity.ts";

/**
 * The agreements of `bound` valid at `now` that allow the purpose. Returns `bound` itself when all of
 * them qualify, so the common case allocates nothing.
 */
export function coveringAgreements(
	bound: readonly CompiledAgreement[],
	now: number,
	purposeBit: number,
): readonly CompiledAgreement[] {
	let all = true;
	for (const agreement of bound) {
		if (!isWithin(agreement.window, now) || (agreement.purposes & purposeBit) === 0) {
			all = false;
			break;
		}
	}
	if (all) return bound;
	return bound.filter((a) => isWithin(a.window, now) && (a.purposes & purposeBit) !== 0);
}

/**
 * The agreements of `bound` that have ended at `now` and still bind with their restrictions (D34): an
 * ended agreement's permissions stop at its end, its restrictions (purposes, treatments, PAP ceiling,
 * evaluation minimum, no evidence use) bind the pair until a successor is in force: an agreement
 * binding the same pair that started at or after the ended one's end. One already in force before the
 * end is no successor, so an end alone never widens anything; only a start can. Empty (and nothing
 * allocated) in the common case where nothing binding the pair has ended.
 */
export function lingeringAgreements(
	bound: readonly CompiledAgreement[],
	now: number,
): readonly CompiledAgreement[] {
	let ended: CompiledAgreement[] | undefined;
	for (const agreement of bound) {
		// NaN (an unreadable window) compares false: such an agreement never grants and, having no end, never lingers.
		if (!(now >= agreement.window.until)) continue;
		if (supersededBy(bound, agreement, now) !== undefined) continue;
		if (ended === undefined) ended = [agreement];
		else ended.push(agreement);
	}
	return ended ?? NONE;
}

/** The successor of the ended `agreement` for the pair: in force now, started at or after its end. */
export function supersededBy(
	bound: readonly CompiledAgreement[],
	agreement: CompiledAgreement,
	now: number,
): CompiledAgreement | undefined {
	return bound.find((other) => other.window.from >= agreement.window.until && isWithin(other.window, now));
}

/**
 * The agreements whose terms bind this decision: those covering it, and the ended ones still binding
 * that allowed the purpose (their restrictions apply as when they were in force, their grants do not).
 */
export function termsOf(
	covering: readonly CompiledAgreement[],
	lingering: readonly CompiledAgreement[],
	purposeBit: number,
): readonly CompiledAgreement[] {
	if (lingering.length === 0) return covering;
	const applying = lingering.filter((a) => (a.purposes & purposeBit) !== 0);
	return applying.length === 0 ? covering : [...covering, ...applying];
}

const NONE: readonly never[] = Object.freeze([]);

const pairText = (e: Evaluation): string =>
	e.relay
		? `this node and ${nameOf(e, e.recipientId)}`
		: `${nameOf(e, e.subject.originator)} and ${nameOf(e, e.recipientId)}`;

/** Rule agreement.validity (trace only): which binding agreements are outside their window now, and which ended ones still bind. */
export function reportValidity(e: Evaluation): void {
	if (!e.trace || e.bound.length === 0) return;
	const lapsed = e.bound.filter((a) => !isWithin(a.window, e.now));
	if (lapsed.length === 0) {
		record(e.trace, "agreement.validity", "pass", `${quoteNames(e.bound)} in force between ${pairText(e)}`);
		return;
	}
	const detail = lapsed
		.map((a) => {
			const { from, until } = a.source.validity;
			if (e.now < a.window.from)
				return `'${a.source.name}' starts ${from}: until then it neither allows nor restricts anything`;
			if (!(e.now >= a.window.until)) return `'${a.source.name}' has an unreadable validity and never holds`;
			const successor = supersededBy(e.bound, a, e.now);
			return successor === undefined
				? `'${a.source.name}' ended ${until ?? "?"}: what it allowed has stopped, and its restrictions still bind until an agreement starting after it is in force`
				: `'${a.source.name}' ended ${until ?? "?"} and is replaced by '${successor.source.name}'`;
		})
		.join("; ");
	record(e.trace, "agreement.validity", "restrict", `not covering: ${detail}`);
}

/**
 * Rule law.purpose: when agreements bind the pair, one valid now must allow the purpose; with none in
 * force, every ended agreement that still binds (D34) must have allowed it — each one's purposes bind,
 * so that an end never turns a refusal into a release.
 */
export function checkPurpose(e: Evaluation): void {
	if (e.covering.length > 0) {
		if (e.trace)
			record(e.trace, "law.purpose", "pass", `${e.purpose} is allowed under ${quoteNames(e.covering)}`);
		return;
	}
	let valid = 0;
	for (const agreement of e.bound) if (isWithin(agreement.window, e.now)) valid++;
	if (valid > 0) {
		restrict(e, DENY);
		if (e.trace) {
			const inForce = e.bound.filter((a) => isWithin(a.window, e.now));
			record(
				e.trace,
				"law.purpose",
				"deny",
				`${quoteNames(inForce)} between ${pairText(e)} ${inForce.length > 1 ? "do" : "does"} not allow ${e.purpose}`,
			);
		}
	} else if (e.lingering.length > 0) {
		// Each ended agreement's purposes still bind: one that did not allow this purpose refuses it.
		const refusing = e.lingering.filter((a) => (a.purposes & e.purposeBit) === 0);
		if (refusing.length > 0) restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"law.purpose",
				refusing.length > 0 ? "deny" : "pass",
				refusing.length > 0
					? `${quoteNames(refusing)} between ${pairText(e)} ended and still ${refusing.length > 1 ? "bind" : "binds"} until an agreement starting after ${refusing.length > 1 ? "them" : "it"} is in force; ${refusing.length > 1 ? "they" : "it"} did not allow ${e.purpose}`
					: `${quoteNames(e.lingering)} ended and still ${e.lingering.length > 1 ? "bind" : "binds"}: ${e.purpose} was allowed under ${e.lingering.length > 1 ? "them" : "it"}, but nothing is granted by ${e.lingering.length > 1 ? "them" : "it"} any more`,
			);
	} else if (e.trace)
		record(e.trace, "law.purpose", "pass", `no agreement in force between ${pairText(e)} fixes purposes`);
}

const EVIDENCE_BIT = purposeBit("judicial-proceedings");

/** Agreements in force between the originator and this node's parties that let it be used as evidence. */
function providerConsents(e: Evaluation): boolean {
	for (const agreement of e.policy.withLocal.get(e.subject.originator) ?? [])
		if (
			agreement.source.evidenceUse &&
			(agreement.purposes & EVIDENCE_BIT) !== 0 &&
			isWithin(agreement.window, e.now)
		)
			return true;
	return false;
}

/**
 * Rule law.evidence: for judicial proceedings, shared information is evidence only with the provider's
 * consent — an agreement in force that allows the purpose and `evidenceUse`. Agreements without it stop
 * covering the decision; with no agreement in force, only TLP:CLEAR may go. On relay the originator's
 * own agreement with this node must consent too (D23).
 */
export function checkEvidence(e: Evaluation): void {
	if (e.purposeBit !== EVIDENCE_BIT) return;
	const consenting = e.covering.filter((a) => a.source.evidenceUse);
	if (e.covering.length > 0 && consenting.length === 0) {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"law.evidence",
				"deny",
				`${quoteNames(e.covering)} ${e.covering.length > 1 ? "allow" : "allows"} judicial proceedings but not evidence use: shared information is not evidence without the provider's consent`,
			);
		return;
	}
	if (e.terms.length > 0 && consenting.length === 0) {
		// Only ended agreements still binding (D34) speak for the pair: an ended consent is no consent.
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"law.evidence",
				"deny",
				`${quoteNames(e.terms)} ended and still ${e.terms.length > 1 ? "bind" : "binds"}; no agreement in force gives the provider's consent to use it as evidence`,
			);
		return;
	}
	if (consenting.length === 0 && e.tlp !== CLEAR) {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"law.evidence",
				"deny",
				`no agreement in force between ${pairText(e)} gives the provider's consent to use it as evidence; only TLP:CLEAR needs none`,
			);
		return;
	}
	if (e.relay && e.tlp !== CLEAR && !providerConsents(e)) {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"law.evidence",
				"deny",
				`${nameOf(e, e.subject.originator)} gave it to this node without consent to use it as evidence`,
			);
		return;
	}
	if (consenting.length < e.covering.length) e.covering = consenting;
	if (e.terms.length > consenting.length) e.terms = e.terms.filter((a) => a.source.evidenceUse);
	if (e.trace)
		record(
			e.trace,
			"law.evidence",
			"pass",
			consenting.length === 0
				? "TLP:CLEAR information needs no consent to be used as evidence"
				: `${quoteNames(consenting)} ${consenting.length > 1 ? "let" : "lets"} shared information be used as evidence`,
		);
}
