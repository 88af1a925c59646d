// Which agreements cover this decision: validity windows first, then the purpose each allows.
import type { CompiledAgreement } from "../compile.ts";
import { DENY, type Evaluation, nameOf, quoteNames, record, restrict } from "../evaluation.ts";
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
