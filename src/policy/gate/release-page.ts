// releasePage: decide each version (memoised), filter containers and relationships, transform the page as one bundle.
import type { StixObject } from "../../stix/core.ts";
import {
	isReleasedInline,
	REFERENCE_LISTS,
	REQUIRED_REFS,
	relationshipReleasable,
	releasableRefs,
} from "../engine/index.ts";
import type { AppliedTreatment, Decision, Purpose, Verdict } from "../model.ts";
import { transformBundle } from "../transform/index.ts";
import { type JudgeContext, judge } from "./judge.ts";
import type { GateSources, Inherited, ReleasableVersion } from "./types.ts";

/** References of references followed when a page is decided (report → relationship → its ends is two). */
const MAX_REFERENCE_DEPTH = 4;

/** The ids an object names through the reference properties the gate filters. */
export function referencedIds(object: StixObject): string[] {
	const ids: string[] = [];
	for (const property of REQUIRED_REFS) {
		const ref = object[property];
		if (typeof ref === "string") ids.push(ref);
	}
	for (const property of REFERENCE_LISTS) {
		const refs = object[property];
		if (Array.isArray(refs)) for (const ref of refs) if (typeof ref === "string") ids.push(ref);
	}
	return ids;
}

/** The verdicts of one gate call: per page position and per referenced id, each decided once. */
export interface PageDecisions {
	context: JudgeContext;
	decisionAt(index: number): Decision;
	verdictOf(id: string): Verdict;
	/** Referenced versions not on the page, by id. */
	outside: ReadonlyMap<string, ReleasableVersion>;
	decisionOfOutside(id: string): Decision | undefined;
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
	const onPage = new Map<string, ReleasableVersion>();
	for (const version of versions) onPage.set(version.object.id, version);
	const wanted = new Set<string>();
	for (const version of versions)
		for (const id of referencedIds(version.object)) if (!onPage.has(id)) wanted.add(id);
	// References of references too: a container may name a relationship or sighting only when its own ends are released.
	const outside = new Map<string, ReleasableVersion>();
	let frontier = wanted;
	for (let depth = 0; depth < MAX_REFERENCE_DEPTH && frontier.size > 0; depth++) {
		const loaded = await sources.versionsOf([...frontier]);
		const next = new Set<string>();
		for (const [id, version] of loaded) {
			outside.set(id, version);
			for (const ref of referencedIds(version.object))
				if (!onPage.has(ref) && !outside.has(ref) && !frontier.has(ref)) next.add(ref);
		}
		frontier = next;
	}
	const inherited =
		context.policy === undefined
			? new Map<string, Inherited>()
			: await sources.inherited([...onPage.keys(), ...outside.keys()]);
	const byPosition = new Map<number, Decision>();
	const byId = new Map<string, Decision>();
	const decideVersion = (version: ReleasableVersion): Decision =>
		judge(version, inherited.get(version.object.id), party, purpose, context, trace);
	const decisionOfId = (id: string): Decision | undefined => {
		let decision = byId.get(id);
		if (decision === undefined) {
			const version = onPage.get(id) ?? outside.get(id);
			if (version === undefined) return undefined;
			decision = decideVersion(version);
			byId.set(id, decision);
		}
		return decision;
	};
	// The verdict of a referenced id as the recipient would see it: its decision, and withheld when it could
	// not itself be released for want of its own references (a sighting of a hidden object, a relationship
	// with a hidden end). An id the node does not hold is withheld: the gate names only what it can vouch for.
	const effective = new Map<string, Verdict>();
	const verdictOf = (id: string): Verdict => {
		const known = effective.get(id);
		if (known !== undefined) return known;
		const decision = decisionOfId(id);
		const version = onPage.get(id) ?? outside.get(id);
		if (decision === undefined || version === undefined || !isReleasedInline(decision.verdict)) {
			const verdict = decision?.verdict ?? "deny";
			effective.set(id, verdict);
			return verdict;
		}
		effective.set(id, "deny"); // a reference cycle vouches for nothing
		const verdict = filterReferences(version.object, verdictOf) === undefined ? "deny" : decision.verdict;
		effective.set(id, verdict);
		return verdict;
	};
	return {
		context,
		outside,
		decisionAt(index) {
			let decision = byPosition.get(index);
			if (decision === undefined) {
				const version = versions[index];
				if (version === undefined) throw new RangeError(`no version at ${index}`);
				decision = decideVersion(version);
				byPosition.set(index, decision);
			}
			return decision;
		},
		verdictOf,
		decisionOfOutside: (id) => (outside.has(id) ? decisionOfId(id) : undefined),
	};
}

/** The object with its references filtered for the party, or undefined when it cannot go without them. */
export function filterReferences(
	object: StixObject,
	verdictOf: (id: string) => Verdict,
): StixObject | undefined {
	if (object.type === "relationship") return relationshipReleasable(object, verdictOf) ? object : undefined;
	if (referencedIds(object).length === 0) return object;
	return releasableRefs(object, verdictOf)?.object;
}

function withMarkings(object: StixObject, add: readonly string[]): StixObject {
	if (add.length === 0) return object;
	const own = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as string[]) : [];
	return { ...object, object_marking_refs: [...new Set([...own, ...add])] };
}

/**
 * What the party receives of each version, position for position. Objects released transformed are
 * transformed together with the rest of the page (and with transformed objects the page references),
 * so references and patterns to a re-identified observable are rewritten consistently; anything the
 * transformation withholds is withheld here too.
 */
export async function releaseVersions(
	sources: GateSources,
	context: JudgeContext,
	party: string,
	purpose: Purpose,
	versions: readonly ReleasableVersion[],
): Promise<(StixObject | undefined)[]> {
	const page = await decidePage(sources, context, party, purpose, versions);
	const out: (StixObject | undefined)[] = [];
	const plan = new Map<string, readonly AppliedTreatment[]>();
	versions.forEach((version, index) => {
		const decision = page.decisionAt(index);
		if (!isReleasedInline(decision.verdict)) {
			out.push(undefined);
			return;
		}
		const object = filterReferences(version.object, page.verdictOf);
		if (object !== undefined && decision.verdict === "transformed") plan.set(object.id, decision.treatments);
		out.push(object);
	});
	for (const [id, version] of page.outside) {
		const decision = page.decisionOfOutside(id);
		if (decision?.verdict === "transformed") plan.set(version.object.id, decision.treatments);
	}
	const released = plan.size === 0 ? out : transformPage(sources, context, out, page.outside, plan);
	return released.map((object, index) =>
		object === undefined ? undefined : withMarkings(object, page.decisionAt(index).addMarkings),
	);
}

function transformPage(
	sources: GateSources,
	context: JudgeContext,
	objects: readonly (StixObject | undefined)[],
	outside: ReadonlyMap<string, ReleasableVersion>,
	plan: ReadonlyMap<string, readonly AppliedTreatment[]>,
): (StixObject | undefined)[] {
	const onPage = objects.filter((object): object is StixObject => object !== undefined);
	const present = new Set(onPage.map((object) => object.id));
	// Transformed objects the page names but does not carry ride along, so references to them are rewritten.
	const extra = [...outside.values()]
		.map((version) => version.object)
		.filter((object) => plan.has(object.id) && !present.has(object.id));
	const bundle = transformBundle([...onPage, ...extra], plan, {
		key: sources.transformKey,
		nodeIdentity: sources.nodeIdentity,
		now: context.now.toISOString(),
	});
	const byKey = new Map<string, StixObject>();
	for (const object of bundle.objects)
		byKey.set(`${object.id}\u0000${String(object.modified ?? "")}`, object);
	return objects.map((object) => {
		if (object === undefined || bundle.reasons.has(object.id)) return undefined;
		const id = bundle.idMap.get(object.id) ?? object.id;
		return byKey.get(`${id}\u0000${String(object.modified ?? "")}`);
	});
}
