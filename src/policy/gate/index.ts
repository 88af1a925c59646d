// Public face of policy/gate/: the one egress gate every output path calls before anything leaves the node.
import type { StixObject } from "../../stix/core.ts";
import { explainDecision, previewDecisions } from "./explain.ts";
import type { JudgeContext } from "./judge.ts";
import { releaseVersions } from "./release-page.ts";
import type { EgressGate, GateSources } from "./types.ts";

export { decidingStep } from "./explain.ts";
export { originatorOf } from "./judge.ts";
export { isStixIndicator, rolesByType } from "./mentioned.ts";
export { type Mention, patternMentions } from "./pattern-mentions.ts";
export { isStatement } from "./statements.ts";
export type {
	DerivedId,
	EgressGate,
	GateSources,
	Inherited,
	PartyPreview,
	ReleasableVersion,
	Viewer,
} from "./types.ts";

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Builds the egress gate over `sources`. Every call reads the policy afresh (after `sources.refresh`),
 * so a newly applied or revoked policy takes effect on the next call; decisions are memoised within
 * one call only.
 * @example
 * const gate = createGate(sources);
 * const [released] = await gate.releasePage({ partyId, userId, purpose: "network-defence" }, [version]);
 */
export function createGate(sources: GateSources): EgressGate {
	const contextNow = async (): Promise<JudgeContext> => {
		await sources.refresh?.();
		const policy = sources.compiled();
		return {
			policy,
			// Only consulted without a policy; with one, local parties are the policy's.
			localParties: policy === undefined ? await sources.localParties() : EMPTY,
			markingDefinitions: sources.markingDefinitions(),
			now: sources.now(),
		};
	};
	const gate: EgressGate = {
		async releasePage(viewer, versions) {
			if (versions.length === 0) return [];
			const context = await contextNow();
			if (context.policy === undefined && !context.localParties.has(viewer.partyId))
				return versions.map(() => undefined);
			return releaseVersions(sources, context, viewer.partyId, viewer.purpose, versions);
		},
		async release(viewer, version): Promise<StixObject | undefined> {
			return (await gate.releasePage(viewer, [version]))[0];
		},
		async explain(version, partyId, purpose) {
			return explainDecision(sources, await contextNow(), version, partyId, purpose);
		},
		async preview(version, purpose) {
			return previewDecisions(sources, await contextNow(), version, purpose);
		},
	};
	return gate;
}
