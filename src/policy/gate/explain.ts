// explain and preview: the gate's decision for one object, in words, for the operator (never sent to a party).

import { isReleasedInline } from "../engine/index.ts";
import type { Decision, Purpose, TraceStep } from "../model.ts";
import type { JudgeContext } from "./judge.ts";
import { decidePage, filterReferences, type PageDecisions } from "./page-decisions.ts";
import { referencedIds } from "./page-loads.ts";
import { patternMentions } from "./pattern-mentions.ts";
import type { GateSources, PartyPreview, ReleasableVersion } from "./types.ts";

/**
 * The decision with its trace, plus what the gate adds over decide(): a step for references (a
 * relationship with a withheld end, a container that keeps only some refs, or none) and, for an
 * indicator, a step for the values its pattern names (D21).
 */
export async function explainDecision(
	sources: GateSources,
	context: JudgeContext,
	version: ReleasableVersion,
	party: string,
	purpose: Purpose,
): Promise<Decision> {
	const page = await decidePage(sources, context, party, purpose, [version], true);
	const decision = page.decisionAt(0);
	if (decision.verdict !== "full" && decision.verdict !== "transformed") return decision;
	const withReferences = referencesStep(page, version, decision);
	if (withReferences.verdict === "deny") return withReferences;
	return patternStep(page, version, withReferences);
}

/** The gate.references step: a relationship with a withheld end, a container keeping only some refs, or none. */
function referencesStep(page: PageDecisions, version: ReleasableVersion, decision: Decision): Decision {
	const refs = referencedIds(version.object);
	if (refs.length === 0) return decision;
	const withheld = [...new Set(refs)].filter((id) => !isReleasedInline(page.verdictOf(id)));
	const kept = filterReferences(version.object, page.verdictOf);
	const trace: TraceStep[] = [...decision.trace];
	if (kept === undefined) {
		trace.push({
			rule: "gate.references",
			outcome: "deny",
			reason:
				version.object.type === "relationship"
					? "withheld: an end of the relationship is not released to this party"
					: `withheld: it cannot go without references this party may not receive (${withheld.join(", ")})`,
		});
		return { verdict: "deny", treatments: [], addMarkings: [], trace };
	}
	trace.push({
		rule: "gate.references",
		outcome: withheld.length === 0 ? "pass" : "restrict",
		reason:
			withheld.length === 0
				? `all ${new Set(refs).size} referenced object(s) are released to this party`
				: `released without ${withheld.length} reference(s) this party may not receive: ${withheld.join(", ")}`,
	});
	return { ...decision, trace };
}

/**
 * The gate.pattern step (D21): an indicator goes only with the values its pattern names, each judged for
 * the party; one released transformed makes the indicator transformed too (its pattern carries the value
 * as released), one withheld or stripped of its value withholds it.
 */
function patternStep(page: PageDecisions, version: ReleasableVersion, decision: Decision): Decision {
	const mentions = page.mentionsAt(0);
	if (mentions === undefined) return decision;
	const trace: TraceStep[] = [...decision.trace];
	const deny = (reason: string): Decision => {
		trace.push({ rule: "gate.pattern", outcome: "deny", reason });
		return { verdict: "deny", treatments: [], addMarkings: [], trace };
	};
	if (mentions.kind === "unparsable")
		return deny("withheld: its STIX pattern does not parse, so the values it names cannot be vouched for");
	if (!page.mentionsVouchedAt(0))
		return deny(
			"withheld: its pattern names a value this party may not receive with its value (withheld, dropped or held for review)",
		);
	const judged = [
		...mentions.held.map((id) => ({ id, decision: page.decisionOfOutside(id) })),
		...mentions.standIns.map((s) => ({ id: s.object.type, decision: s.decision })),
	];
	const treatments = judged.flatMap((j) =>
		j.decision?.verdict === "transformed" ? j.decision.treatments : [],
	);
	if (treatments.length === 0) {
		const named = patternMentions(version.object)?.length ?? 0;
		if (named > 0)
			trace.push({
				rule: "gate.pattern",
				outcome: "pass",
				reason: `the ${named} value(s) its pattern names go to this party as written`,
			});
		return { ...decision, trace };
	}
	const what = [...new Set(treatments.map((t) => `${t.treatment} ${t.objectType}`))].join(", ");
	trace.push({
		rule: "gate.pattern",
		outcome: "transform",
		reason: `its pattern names value(s) this party receives transformed (${what}): the pattern carries them as released`,
	});
	const seen = new Set(decision.treatments.map((t) => JSON.stringify(t)));
	return {
		...decision,
		verdict: "transformed",
		treatments: [...decision.treatments, ...treatments.filter((t) => !seen.has(JSON.stringify(t)))],
		trace,
	};
}

/** The step that set the verdict: the first deny, else the first transform or restriction, else the last pass. */
export function decidingStep(decision: Decision): TraceStep | undefined {
	const steps = decision.trace.filter((s) => s.rule !== "form");
	const wanted =
		decision.verdict === "deny"
			? steps.find((s) => s.outcome === "deny")
			: decision.verdict === "transformed"
				? steps.find((s) => s.outcome === "transform")
				: decision.verdict === "full"
					? (steps.find((s) => s.rule === "recipient.same-house" || s.rule === "policy.none") ?? undefined)
					: steps.find((s) => s.outcome === "restrict");
	return wanted ?? decision.trace.at(-1);
}

/** Every party of the policy and what it would receive, in policy order; empty without a policy. */
export async function previewDecisions(
	sources: GateSources,
	context: JudgeContext,
	version: ReleasableVersion,
	purpose: Purpose,
): Promise<PartyPreview[]> {
	const policy = context.policy;
	if (policy === undefined) return [];
	const lines: PartyPreview[] = [];
	for (const [partyId, party] of policy.parties) {
		const decision = await explainDecision(sources, context, version, partyId, purpose);
		const deciding = decidingStep(decision);
		lines.push({
			partyId,
			name: party.source.name,
			node: party.source.node,
			local: party.source.local,
			verdict: decision.verdict,
			treatments: decision.treatments,
			decidingRule: deciding?.rule ?? "form",
			reason: deciding?.reason ?? "",
		});
	}
	return lines;
}
