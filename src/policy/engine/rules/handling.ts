// Originator restrictions: the law-enforcement handling codes H0–H3 and what each lets through.
import { HANDLING_MEANINGS } from "../../../stix/markings/index.ts";
import {
	CONTACT_ORIGINATOR,
	DENY,
	type Evaluation,
	FULL,
	nameOf,
	quoteNames,
	record,
	restrict,
} from "../evaluation.ts";
import { H0, H1, H2, H3 } from "../markings.ts";
import type { RuleName } from "../rule-names.ts";

const CODES: readonly { bit: number; rule: RuleName; meaning: string }[] = [
	{ bit: H2, rule: "handling.h2", meaning: HANDLING_MEANINGS.h2 },
	{ bit: H1, rule: "handling.h1", meaning: HANDLING_MEANINGS.h1 },
	{ bit: H0, rule: "handling.h0", meaning: HANDLING_MEANINGS.h0 },
	{ bit: H3, rule: "handling.h3", meaning: HANDLING_MEANINGS.h3 },
];

function honoursCodes(e: Evaluation): boolean {
	for (const agreement of e.covering) if (agreement.source.handlingCodes) return true;
	return false;
}

/** H0 recipients: law enforcement, and international bodies bound by an agreement that honours the codes. */
function isLawEnforcement(e: Evaluation): boolean {
	const sector = e.recipient?.source.sector;
	return sector === "law-enforcement" || (sector === "international-body" && honoursCodes(e));
}

/**
 * The verdict rank one handling code allows for this recipient and purpose. The originator's own
 * house is never restricted by its own codes. H2 lets an object go only directly between originator
 * and recipient (one of them local) under an agreement that honours handling codes: never on relay,
 * and never when H2 is inherited (it is then also another provider's restriction, not only the originator's).
 */
export function handlingRank(e: Evaluation, bit: number): number {
	if (e.sameHouse) return FULL;
	if (bit === H2)
		return !e.relay && (e.markings.inheritedHandling & H2) === 0 && honoursCodes(e) ? FULL : DENY;
	if (bit === H1) return e.purpose === "judicial-proceedings" ? DENY : FULL;
	if (bit === H0) {
		const crime = e.purpose === "crime-prevention" || e.purpose === "criminal-investigation";
		return crime && isLawEnforcement(e) ? FULL : DENY;
	}
	return CONTACT_ORIGINATOR;
}

function explain(e: Evaluation, bit: number, rank: number): string {
	const originator = nameOf(e, e.subject.originator);
	const recipient = nameOf(e, e.recipientId);
	if (e.sameHouse) return `${recipient} is ${originator}'s own house; its own handling codes do not bind it`;
	if (bit === H2) {
		if (rank === FULL)
			return `${recipient} receives it directly from ${originator} under ${quoteNames(e.covering.filter((a) => a.source.handlingCodes))}, which honours handling codes`;
		if ((e.markings.inheritedHandling & H2) !== 0)
			return `H2 is inherited from a source object; passing it on to ${recipient} needs that provider's permission`;
		return e.relay
			? `${originator} gave it to this node; passing it on to ${recipient} needs ${originator}'s permission`
			: `no agreement between ${originator} and ${recipient} honours handling codes for ${e.purpose}`;
	}
	if (bit === H1)
		return rank === FULL
			? `the purpose is ${e.purpose}, not judicial proceedings`
			: "the purpose is judicial proceedings, which needs the provider's permission";
	if (bit === H0) {
		if (rank === FULL) return `${recipient} is law enforcement and the purpose is ${e.purpose}`;
		return e.purpose === "crime-prevention" || e.purpose === "criminal-investigation"
			? `${recipient} is not a law-enforcement recipient bound by handling codes`
			: `the purpose ${e.purpose} is not crime prevention or criminal investigation`;
	}
	return `ask ${originator} for the restrictions stated with the object`;
}

/** Rules handling.h2, handling.h1, handling.h0, handling.h3: consulted only for the codes the object carries. */
export function checkHandling(e: Evaluation): void {
	const bits = e.markings.handling;
	if (bits === 0) return;
	for (const code of CODES) {
		if ((bits & code.bit) === 0) continue;
		const rank = handlingRank(e, code.bit);
		restrict(e, rank);
		if (e.trace) {
			const outcome = rank === FULL ? "pass" : rank === DENY ? "deny" : "restrict";
			record(e.trace, code.rule, outcome, `${code.meaning}: ${explain(e, code.bit, rank)}`);
		}
		if (rank === DENY) return;
	}
}
