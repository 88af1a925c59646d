// decidePage: load what a page needs, then decide each version, referenced id and named observable once per call.
import type { StixObject } from "../../stix/core.ts";
import { isReleasedInline, releasableRefs } from "../engine/index.ts";
import type { Decision, Purpose, Verdict } from "../model.ts";
import { rebaseAfterRemoval, transformObject } from "../transform/index.ts";
import { type JudgeContext, judge } from "./judge.ts";
import { type IndicatorMentions, resolveMentions, rolesByType, standInMemo } from "./mentioned.ts";
import { type LoadedPage, loadPage } from "./page-loads.ts";
import { chooseStatements, isNotChosen } from "./statements.ts";
import type { GateSources, ReleasableVersion } from "./types.ts";

/** The verdicts of one gate call: per page position and per referenced id, each decided once. */
export interface PageDecisions {
	context: JudgeContext;
	decisionAt(index: number): Decision;
	verdictOf(id: string): Verdict;
	/** Referenced versions not on the page, by id. */
	outside: ReadonlyMap<string, ReleasableVersion>;
	decisionOfOutside(id: string): Decision | undefined;
	/** For an indicator at `index` (STIX pattern, policy applied): the observables its pattern names (D21). */
	mentionsAt(index: number): IndicatorMentions | undefined;
	/**
	 * True when the version at `index` is a statement of an observable (D31) other than the one the party
	 * receives of it (another contributor's, or none): withheld like a version the node does not hold.
	 */
	notChosenAt(index: number): boolean;
	/** False when an indicator at `index` names an observable the party may not receive with its value (D21). */
	mentionsVouchedAt(index: number): boolean;
	/** `object` with its references filtered for the party (filterReferences; its references found once per call). */
	filtered(object: StixObject): StixObject | undefined;
}

/** Who a page is decided for, and whether decisions carry their trace. */
interface Audience {
	party: string;
	purpose: Purpose;
	trace: boolean;
}

/** Loads what the page needs (referenced versions, inherited markings) and returns memoised deciders. */
export async function decidePage(
	sources: GateSources,
	context: JudgeContext,
	party: string,
	purpose: Purpose,
	versions: readonly ReleasableVersion[],
	trace = false,
): Promise<PageDecisions> {
	const audience: Audience = { party, purpose, trace };
	const page = await loadPage(sources, context, versions);
	const judgeVersion = versionJudge(page, context, audience);
	const chosen = chooseStatements(page.statements, versions, page.outside, party, judgeVersion);
	const ids = idDecisions(page, chosen, judgeVersion);
	const mentionsIn = mentionResolver(page, context, audience);
	const verdicts = referenceVerdicts(sources, context, page, ids, mentionsIn);
	return pageDeciders(context, page, chosen, judgeVersion, ids, mentionsIn, verdicts);
}

/** The object with its references filtered for the party, or undefined when it cannot go without them. */
export function filterReferences(
	object: StixObject,
	verdictOf: (id: string) => Verdict,
): StixObject | undefined {
	const kept = releasableRefs(object, verdictOf)?.object;
	if (kept === undefined || kept === object || object.granular_markings === undefined) return kept;
	// Granular markings follow the references removed (D33): `resolves_to_refs.[1]` stays on the same id; the
	// copy is withheld when they cannot be placed for certain.
	return rebaseAfterRemoval(object, kept) ? kept : undefined;
}

/** judge() for one version of the page, with its inherited markings and (for an older version) its latest. */
function versionJudge(
	page: LoadedPage,
	context: JudgeContext,
	{ party, purpose, trace }: Audience,
): (version: ReleasableVersion) => Decision {
	const { inherited, latestOf } = page;
	return (version) =>
		judge(
			version,
			inherited.get(version.object.id),
			party,
			purpose,
			context,
			trace,
			version.latest === true ? undefined : latestOf.get(version.object.id),
		);
}

/** The version that answers for a referenced id, and its decision, made once. */
interface IdDecisions {
	referenced(id: string): ReleasableVersion | undefined;
	decisionOfId(id: string): Decision | undefined;
}

/**
 * A reference names an object, not a version: it is judged by the object's latest version, even when a
 * page of `match[version]=all` carries only an older one of it; an observable by the statement the party
 * receives (D31).
 */
function idDecisions(
	page: LoadedPage,
	chosen: ReadonlyMap<string, ReleasableVersion | undefined>,
	judgeVersion: (version: ReleasableVersion) => Decision,
): IdDecisions {
	const { onPage, outside, latestOf, statements } = page;
	const byId = new Map<string, Decision>();
	const referenced = (id: string): ReleasableVersion | undefined => {
		if (chosen.has(id)) return chosen.get(id) ?? statements.get(id)?.at(-1);
		const here = onPage.get(id);
		if (here !== undefined && here.latest === true) return here;
		return latestOf.get(id) ?? here ?? outside.get(id);
	};
	const decisionOfId = (id: string): Decision | undefined => {
		let decision = byId.get(id);
		if (decision === undefined) {
			const version = referenced(id);
			if (version === undefined) return undefined;
			decision = judgeVersion(version);
			byId.set(id, decision);
		}
		return decision;
	};
	return { referenced, decisionOfId };
}

/**
 * What an indicator's pattern names (D21), resolved once per version: held observables (on the page or
 * loaded beside it) and stand-ins for the values the node does not hold. A stand-in's key covers everything
 * its decision depends on, so one decision per key serves the page.
 */
function mentionResolver(
	page: LoadedPage,
	context: JudgeContext,
	{ party, purpose }: Audience,
): (version: ReleasableVersion) => IndicatorMentions | undefined {
	const { onPage, outside, inherited } = page;
	const { reads, mentionsOf, heldTypes } = page.mentions;
	const roles = context.policy === undefined ? undefined : rolesByType(context.policy);
	const standIns = standInMemo();
	const resolved = new Map<ReleasableVersion, IndicatorMentions | undefined>();
	return (version) => {
		if (resolved.has(version)) return resolved.get(version);
		let mentions: IndicatorMentions | undefined;
		if (roles !== undefined && reads(version.object)) {
			const from = inherited.get(version.object.id);
			mentions = resolveMentions(
				version,
				mentionsOf(version.object),
				from,
				roles,
				(m) => heldTypes.has(m.objectType) && m.id !== undefined && (onPage.has(m.id) || outside.has(m.id)),
				standIns,
				(standIn) => judge(standIn, from, party, purpose, context),
			);
		}
		resolved.set(version, mentions);
		return mentions;
	};
}

/** The verdicts of referenced ids as the recipient would see them, and what they let through. */
interface ReferenceVerdicts {
	verdictOf(id: string): Verdict;
	filtered(object: StixObject): StixObject | undefined;
	mentionsVouched(version: ReleasableVersion): boolean;
}

/**
 * The verdict of a referenced id as the recipient would see it: its decision, and withheld when it could
 * not itself be released for want of its own references (a sighting of a hidden object, a relationship
 * with a hidden end) or of the values its pattern names. An id the node does not hold is withheld: the
 * gate names only what it can vouch for.
 */
function referenceVerdicts(
	sources: GateSources,
	context: JudgeContext,
	page: LoadedPage,
	{ referenced, decisionOfId }: IdDecisions,
	mentionsIn: (version: ReleasableVersion) => IndicatorMentions | undefined,
): ReferenceVerdicts {
	const { referencesIn } = page;
	const keepsValue = valueKeeper(sources, context);
	const mentionsVouched = (version: ReleasableVersion): boolean => {
		const mentions = mentionsIn(version);
		if (mentions === undefined) return true;
		if (mentions.kind === "unparsable") return false;
		for (const id of mentions.held) {
			const held = referenced(id);
			const decision = decisionOfId(id);
			if (held === undefined || decision === undefined || !isReleasedInline(verdictOf(id))) return false;
			if (!keepsValue(held.object, decision)) return false;
		}
		return mentions.standIns.every((s) => keepsValue(s.object, s.decision));
	};
	const effective = new Map<string, Verdict>();
	const verdictOf = (id: string): Verdict => {
		const known = effective.get(id);
		if (known !== undefined) return known;
		const decision = decisionOfId(id);
		const version = referenced(id);
		if (decision === undefined || version === undefined || !isReleasedInline(decision.verdict)) {
			const verdict = decision?.verdict ?? "deny";
			effective.set(id, verdict);
			return verdict;
		}
		effective.set(id, "deny"); // a reference cycle vouches for nothing
		const verdict =
			filtered(version.object) === undefined || !mentionsVouched(version) ? "deny" : decision.verdict;
		effective.set(id, verdict);
		return verdict;
	};
	const filtered = (object: StixObject): StixObject | undefined =>
		referencesIn(object).length === 0 ? object : filterReferences(object, verdictOf);
	return { verdictOf, filtered, mentionsVouched };
}

/**
 * An observable a pattern names goes with the indicator only when it is released, and released with a value:
 * one whose treatment removes the value (drop, hold) cannot be stood for by a rewritten constant.
 */
function valueKeeper(
	sources: GateSources,
	context: JudgeContext,
): (object: StixObject, decision: Decision) => boolean {
	return (object, decision) =>
		decision.verdict === "full" ||
		(decision.verdict === "transformed" &&
			transformObject(object, decision.treatments, {
				key: sources.transformKey,
				nodeIdentity: sources.nodeIdentity,
				now: context.now.toISOString(),
			}).kind === "released");
}

/** The page's deciders by position, over the per-id ones; each position decided at most once. */
function pageDeciders(
	context: JudgeContext,
	{ versions, outside }: LoadedPage,
	chosen: ReadonlyMap<string, ReleasableVersion | undefined>,
	judgeVersion: (version: ReleasableVersion) => Decision,
	{ decisionOfId }: IdDecisions,
	mentionsIn: (version: ReleasableVersion) => IndicatorMentions | undefined,
	{ verdictOf, filtered, mentionsVouched }: ReferenceVerdicts,
): PageDecisions {
	const byPosition = new Map<number, Decision>();
	return {
		context,
		outside,
		filtered,
		mentionsAt(index) {
			const version = versions[index];
			return version === undefined ? undefined : mentionsIn(version);
		},
		notChosenAt(index) {
			const version = versions[index];
			return version !== undefined && isNotChosen(chosen, version);
		},
		mentionsVouchedAt(index) {
			const version = versions[index];
			return version === undefined || mentionsVouched(version);
		},
		decisionAt(index) {
			let decision = byPosition.get(index);
			if (decision === undefined) {
				const version = versions[index];
				if (version === undefined) throw new RangeError(`no version at ${index}`);
				decision = judgeVersion(version);
				byPosition.set(index, decision);
			}
			return decision;
		},
		verdictOf,
		decisionOfOutside: (id) => (outside.has(id) ? decisionOfId(id) : undefined),
	};
}
