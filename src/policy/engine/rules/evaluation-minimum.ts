// The 4x4 source and information evaluation: an agreement's minimum, and objects graded below it or not at all.
import type { SourceEvaluation } from "../../model.ts";
import { DENY, type Evaluation, quoteNames, record, restrict } from "../evaluation.ts";
import { readEvaluation } from "../object-facts.ts";

const SOURCE_RANK: Readonly<Record<SourceEvaluation["source"], number>> = { A: 0, B: 1, C: 2, X: 3 };
const SOURCE_WORDS: Readonly<Record<SourceEvaluation["source"], string>> = {
	A: "a source beyond doubt",
	B: "a source reliable in most instances",
	C: "a source unreliable in most instances",
	X: "a source whose reliability cannot be assessed",
};
const INFORMATION_WORDS: Readonly<Record<SourceEvaluation["information"], string>> = {
	1: "information whose accuracy is not in doubt",
	2: "information known personally to the source",
	3: "information not known personally to the source but corroborated",
	4: "information not known personally to the source and not corroborated",
};

/**
 * Rule agreement.evaluation: the `minimumEvaluation` of an agreement whose terms bind (covering, or ended and still binding: D34) (the strictest of them, dimension
 * by dimension) must be met by the object's `x_entente_evaluation`. Source X, a missing or an unreadable
 * evaluation is below any minimum: the object does not flow under such an agreement.
 */
export function checkEvaluation(e: Evaluation): void {
	let source = Number.POSITIVE_INFINITY;
	let information = Number.POSITIVE_INFINITY;
	for (const agreement of e.terms) {
		if (agreement.minSource < 0) continue;
		source = Math.min(source, agreement.minSource);
		information = Math.min(information, agreement.minInformation);
	}
	if (source === Number.POSITIVE_INFINITY) return;
	const graded = readEvaluation(e.object);
	const below =
		typeof graded === "string" ||
		graded.source === "X" ||
		SOURCE_RANK[graded.source] > source ||
		graded.information > information;
	if (below) restrict(e, DENY);
	if (!e.trace) return;
	const setting = e.terms.filter((a) => a.minSource >= 0);
	const minimum = `${quoteNames(setting)} ${setting.length > 1 ? "accept" : "accepts"} objects graded ${"ABC".charAt(source) || "A"}${information} or better`;
	const grade =
		graded === "absent"
			? "the object carries no 4x4 evaluation (x_entente_evaluation), which counts as below any minimum"
			: graded === "unreadable"
				? "the object's x_entente_evaluation cannot be read (expected { source: A|B|C|X, information: 1–4 }), which counts as below any minimum"
				: `the object is graded ${graded.source}${graded.information}: ${SOURCE_WORDS[graded.source]}, ${INFORMATION_WORDS[graded.information]}`;
	record(e.trace, "agreement.evaluation", below ? "deny" : "pass", `${minimum}; ${grade}`);
}
