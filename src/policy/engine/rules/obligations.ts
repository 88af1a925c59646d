// Obligations: markings the released copy must carry — a stricter PAP under the agreement, the TLP it was released under.
import { PAP_IDS, TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../../../stix/markings/index.ts";
import { PAP_LEVELS } from "../../model.ts";
import { type Evaluation, oblige, record } from "../evaluation.ts";
import { AMBER, tlpName } from "../markings.ts";

const TLP1_BY_RANK = [
	TLP1_DEFINITIONS.white.id,
	TLP1_DEFINITIONS.green.id,
	TLP1_DEFINITIONS.amber.id,
	TLP1_DEFINITIONS.red.id,
	TLP1_DEFINITIONS.red.id,
];

/** Rule obligation.pap: a covering agreement's PAP ceiling stricter than the object's PAP is added to the copy. */
export function addPap(e: Evaluation): void {
	let strictest: (typeof e.covering)[number] | undefined;
	for (const agreement of e.covering)
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
				`'${strictest.source.name}' allows actions up to PAP:${level.toUpperCase()}, stricter than ${e.markings.pap < 0 ? "the object, which has no PAP" : `the object's PAP:${(PAP_LEVELS[own] ?? "clear").toUpperCase()}`}; the copy carries PAP:${level.toUpperCase()}`,
			);
	} else if (e.trace)
		record(
			e.trace,
			"obligation.pap",
			"pass",
			`the object's PAP is within '${strictest.source.name}' (PAP:${level.toUpperCase()})`,
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
