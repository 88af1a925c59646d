// Field level: granular markings stricter than the recipient may see, and treatments an agreement requires.
import { CONTACT_ORIGINATOR, type Evaluation, FULL, record, restrict, transform } from "../evaluation.ts";
import { AMBER_STRICT, H0, H1, H2, H3, RED, tlpName } from "../markings.ts";
import { hasRole } from "../object-facts.ts";
import { handlingRank } from "./handling.ts";
import { tlpReaches } from "./scope.ts";

/** The first handling code of `bits` that would not let the object itself through, as its name. */
function blockingCode(e: Evaluation, bits: number): string | undefined {
	for (const [bit, name] of [
		[H2, "H2"],
		[H1, "H1"],
		[H0, "H0"],
		[H3, "H3"],
	] as const) {
		if ((bits & bit) !== 0 && handlingRank(e, bit) !== FULL) return name;
	}
	return undefined;
}

/**
 * Rule field.granular: fields under a granular TLP stricter than the recipient's entitlement, or under
 * a handling code that would stop the object, are dropped from the released copy.
 */
export function checkGranular(e: Evaluation): void {
	const granular = e.markings.granular;
	if (granular === undefined) return;
	for (const restriction of granular) {
		let tlp = restriction.tlp;
		if (tlp === AMBER_STRICT && e.recipient?.tlp1Only === true) tlp = RED;
		const code = restriction.handling === 0 ? undefined : blockingCode(e, restriction.handling);
		const selectors = restriction.selectors.join(", ");
		if ((tlp >= 0 && !tlpReaches(e, tlp)) || code !== undefined) {
			const why =
				code !== undefined
					? `${code} on ${selectors} does not let those fields through`
					: tlp > e.entitled
						? `${tlpName(tlp)} on ${selectors} is beyond the ${tlpName(e.entitled)} the recipient may receive`
						: `${tlpName(tlp)} on ${selectors} may not be passed on to another partner without the originator's leave`;
			transform(e, {
				treatment: "drop",
				objectType: e.object.type,
				fields: restriction.selectors,
				granular: true,
				because: `field.granular: ${why}`,
			});
			if (e.trace) record(e.trace, "field.granular", "transform", `${why}: dropped`);
		} else if (e.trace)
			record(
				e.trace,
				"field.granular",
				"pass",
				`${restriction.name} on ${selectors} is within what the recipient may receive`,
			);
	}
}

/**
 * Rule field.agreement: treatments an agreement whose terms bind requires for objects of this type and
 * role — a covering one, or one that ended and still binds (D34): its treatments outlive its grants.
 */
export function checkAgreementTreatments(e: Evaluation): void {
	for (const agreement of e.terms) {
		for (const rule of agreement.source.treatments) {
			if (rule.objectType !== e.object.type) continue;
			if (rule.role !== undefined && !hasRole(e.object, rule.role)) continue;
			const ended = e.lingering.includes(agreement) ? " (ended, and still binding)" : "";
			const what = `'${agreement.source.name}'${ended} requires ${rule.role === undefined ? "" : `${rule.role} `}${rule.objectType}`;
			if (rule.treatment === "hold") {
				restrict(e, CONTACT_ORIGINATOR);
				if (e.trace)
					record(e.trace, "field.agreement", "restrict", `${what} to be held for the originator's review`);
				continue;
			}
			transform(e, {
				treatment: rule.treatment,
				objectType: rule.objectType,
				...(rule.fields === undefined ? {} : { fields: rule.fields }),
				because: `field.agreement: ${what} to be ${rule.treatment}d`,
			});
			if (e.trace) record(e.trace, "field.agreement", "transform", `${what} to be ${rule.treatment}d`);
		}
	}
}
