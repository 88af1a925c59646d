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

const pairText = (e: Evaluation): string =>
	e.relay
		? `this node and ${nameOf(e, e.recipientId)}`
		: `${nameOf(e, e.subject.originator)} and ${nameOf(e, e.recipientId)}`;

/** Rule agreement.validity (trace only): which binding agreements are outside their window now. */
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
			return e.now < a.window.from
				? `'${a.source.name}' starts ${from}`
				: `'${a.source.name}' ended ${until ?? "?"}`;
		})
		.join("; ");
	record(e.trace, "agreement.validity", "restrict", `not covering: ${detail}`);
}

/** Rule law.purpose: when agreements bind the pair, one valid now must allow the purpose. */
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
