// explain and preview: the gate's decision for one object, in words, for the operator (never sent to a party).
import type { Decision, Purpose, TraceStep } from "../model.ts";
import type { JudgeContext } from "./judge.ts";
import { decidePage, filterReferences, referencedIds } from "./release-page.ts";
import type { GateSources, PartyPreview, ReleasableVersion } from "./types.ts";

/**
 * The decision with its trace, plus what the gate adds over decide(): a step for references (a
 * relationship with a withheld end, a container that keeps only some refs, or none).
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
	const refs = referencedIds(version.object);
	if (refs.length === 0 || (decision.verdict !== "full" && decision.verdict !== "transformed"))
		return decision;
	const withheld = [...new Set(refs)].filter((id) => {
		const verdict = page.verdictOf(id);
		return verdict !== "full" && verdict !== "transformed";
	});
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
