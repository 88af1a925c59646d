// Obligations: markings the released copy must carry — a stricter PAP under the agreement, the TLP it was released under —
// and what the recipient must honour that no marking says (retention).
import { PAP_IDS, TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../../../stix/markings/index.ts";
import { PAP_LEVELS } from "../../model.ts";
import { type Evaluation, nameOf, oblige, record } from "../evaluation.ts";
import { AMBER, tlpName } from "../markings.ts";

const TLP1_BY_RANK = [
	TLP1_DEFINITIONS.white.id,
	TLP1_DEFINITIONS.green.id,
	TLP1_DEFINITIONS.amber.id,
	TLP1_DEFINITIONS.red.id,
	TLP1_DEFINITIONS.red.id,
];

/** The object's own action ceiling in words: its PAP marking, or an IEP's permitted actions read as PAP. */
function ownPap(e: Evaluation): string {
	if (e.markings.pap < 0) return "the object, which has no PAP";
	if (e.markings.papName.startsWith("IEP")) return `the object's ${e.markings.papName}`;
	return `the object's PAP:${(PAP_LEVELS[e.markings.pap] ?? "clear").toUpperCase()}`;
}

/**
 * Rule obligation.pap: the PAP ceiling of an agreement whose terms bind (covering, or ended and still binding: D34) stricter than the object's own action ceiling
 * (its PAP, or an IEP's `permitted_actions` read as PAP, D23) is added to the copy.
 */
export function addPap(e: Evaluation): void {
	let strictest: (typeof e.terms)[number] | undefined;
	for (const agreement of e.terms)
		if (strictest === undefined || agreement.pap > strictest.pap) strictest = agreement;
	if (strictest === undefined) return;
	const own = Math.max(0, e.markings.pap);
	const level = PAP_LEVELS[strictest.pap] ?? "red";
	if (strictest.pap > own) {
		oblige(e, PAP_IDS[level]);
		if (e.trace)
			record(
				e.trace,
				"obligation.pap",
				"restrict",
				`'${strictest.source.name}' allows actions up to PAP:${level.toUpperCase()}, stricter than ${ownPap(e)}; the copy carries PAP:${level.toUpperCase()}`,
			);
	} else if (e.trace)
		record(
			e.trace,
			"obligation.pap",
			"pass",
			`${e.markings.papName.startsWith("IEP") ? ownPap(e) : "the object's PAP"} is within '${strictest.source.name}' (PAP:${level.toUpperCase()})`,
		);
}

/**
 * Rule obligation.tlp: an object without TLP leaves marked TLP:AMBER (what it was released as), and a
 * TLP 1.0-only recipient gets the TLP 1.0 marking it can read (AMBER+STRICT as RED).
 */
export function addTlp(e: Evaluation): void {
	const tlp1Only = e.recipient?.tlp1Only === true;
	if (e.markings.tlp < 0) {
		oblige(e, tlp1Only ? TLP1_DEFINITIONS.amber.id : TLP2_DEFINITIONS.amber.id);
		if (e.trace)
			record(
				e.trace,
				"obligation.tlp",
				"restrict",
				`the copy is marked ${tlpName(AMBER)}, the level it was released under`,
			);
	} else if (tlp1Only && !e.markings.tlp1) {
		oblige(e, TLP1_BY_RANK[e.tlp] ?? TLP1_DEFINITIONS.red.id);
		if (e.trace)
			record(
				e.trace,
				"obligation.tlp",
				"restrict",
				`the recipient reads TLP 1.0 only; the copy also carries its TLP 1.0 equivalent of ${e.markings.tlpName}`,
			);
	}
}

/**
 * Rule obligation.retention (trace only): the shortest `retentionDays` of the agreements whose terms bind (covering, or ended and still binding) is how
 * long the recipient may keep the copy. It is the agreement's term, not a marking: no STIX marking says
 * it, and the copy is not changed for it (D23).
 */
export function noteRetention(e: Evaluation): void {
	if (!e.trace) return;
	let shortest: (typeof e.terms)[number] | undefined;
	for (const agreement of e.terms) {
		const days = agreement.source.retentionDays;
		if (days !== undefined && (shortest === undefined || days < (shortest.source.retentionDays ?? days)))
			shortest = agreement;
	}
	if (shortest === undefined) return;
	record(
		e.trace,
		"obligation.retention",
		"pass",
		`under '${shortest.source.name}' ${nameOf(e, e.recipientId)} keeps it for at most ${shortest.source.retentionDays} days; an obligation of the agreement, not marked on the copy`,
	);
}
