// releasePage: decide each version (memoised), filter containers and relationships, transform the page as one bundle.
import type { StixObject } from "../../stix/core.ts";
import { filteredReferenceIds, isReleasedInline, releasableRefs } from "../engine/index.ts";
import type { AppliedTreatment, Decision, Purpose, Verdict } from "../model.ts";
import {
	isObservableType,
	rebaseAfterRemoval,
	transformBundle,
	transformObject,
} from "../transform/index.ts";
import { type JudgeContext, judge } from "./judge.ts";
import {
	type IndicatorMentions,
	isStixIndicator,
	mentionCache,
	resolveMentions,
	rolesByType,
	standInMemo,
} from "./mentioned.ts";
import type { Mention } from "./pattern-mentions.ts";
import type { DerivedId, GateSources, Inherited, ReleasableVersion } from "./types.ts";

/** References of references followed when a page is decided (report → relationship → its ends is two). */
const MAX_REFERENCE_DEPTH = 4;

/**
 * The ids an object names through the reference properties the gate filters: every `*_ref` / `*_refs`
 * at any depth (stix/references), markings and author aside.
 */
export function referencedIds(object: StixObject): readonly string[] {
	return filteredReferenceIds(object);
}

/** An unversioned object (an SCO): stored as one statement per contributor (D31). */
export function isStatement(object: StixObject): boolean {
	return object.modified === undefined && object.created === undefined;
}

/**
 * Which of an observable's statements (D31) `party` receives: its own when it may receive it, else the
 * newest (greatest version, then contributor id) it may receive; undefined when it may receive none. Only
 * statements the party may receive count, so one it may not is, to it, as if never made.
 */
export function chooseStatement(
	statements: readonly ReleasableVersion[],
	party: string,
	verdictOf: (statement: ReleasableVersion) => Verdict,
): ReleasableVersion | undefined {
	let pick: ReleasableVersion | undefined;
	for (const statement of statements) {
		if (!isReleasedInline(verdictOf(statement))) continue;
		if (statement.provenance.organizationId === party) return statement;
		if (pick === undefined || newer(statement, pick)) pick = statement;
	}
	return pick;
}

const newer = (a: ReleasableVersion, b: ReleasableVersion): boolean => {
	const [va, vb] = [a.version ?? "", b.version ?? ""];
	if (va !== vb) return va > vb;
	return a.provenance.organizationId > b.provenance.organizationId;
};

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
	// Each object's references are found once per call (a walk of the whole object, D32).
	const idsOf = new WeakMap<StixObject, readonly string[]>();
	const referencesIn = (object: StixObject): readonly string[] => {
		let ids = idsOf.get(object);
		if (ids === undefined) {
			ids = referencedIds(object);
			idsOf.set(object, ids);
		}
		return ids;
	};
	const wanted = new Set<string>();
	for (const version of versions)
		for (const id of referencesIn(version.object)) if (!onPage.has(id)) wanted.add(id);
	// Observables an indicator's pattern names by value are loaded like references (D21), in the same batch.
	const mentionsOf = mentionCache();
	const reads = (object: StixObject): boolean => context.policy !== undefined && isStixIndicator(object);
	const mentionsNamedBy = (object: StixObject): readonly Mention[] =>
		reads(object) ? (mentionsOf(object) ?? []) : [];
	// Observable types the node holds any object of: a value of another type cannot be held, and is never
	// hashed to an id. Asked once per type per call; the page's own types are held by definition.
	const heldTypes = new Set<string>(versions.map((version) => version.object.type));
	const askedTypes = new Set<string>(heldTypes);
	const isHeldType = async (objects: readonly StixObject[]) => {
		const ask = new Set<string>();
		for (const object of objects)
			for (const m of mentionsNamedBy(object)) if (!askedTypes.has(m.objectType)) ask.add(m.objectType);
		if (ask.size === 0) return;
		for (const type of ask) askedTypes.add(type);
		for (const type of await sources.heldTypes([...ask])) heldTypes.add(type);
	};
	// Most values a pattern names are not held: one existence check for them all, then only held ones load.
	const heldMentions = async (objects: readonly StixObject[], skip: (id: string) => boolean) => {
		await isHeldType(objects);
		const named = new Set<string>();
		for (const object of objects)
			for (const m of mentionsNamedBy(object))
				if (heldTypes.has(m.objectType) && m.id !== undefined && !skip(m.id)) named.add(m.id);
		return named.size === 0 ? [] : [...(await sources.heldIds([...named]))];
	};
	const pageObjects = versions.map((version) => version.object);
	for (const id of await heldMentions(pageObjects, (id) => onPage.has(id))) wanted.add(id);
	// References of references too: a container may name a relationship or sighting only when its own ends are released.
	const outside = new Map<string, ReleasableVersion>();
	let frontier = wanted;
	for (let depth = 0; depth < MAX_REFERENCE_DEPTH && frontier.size > 0; depth++) {
		const loaded = await sources.versionsOf([...frontier]);
		const next = new Set<string>();
		const unseen = (ref: string) => !onPage.has(ref) && !outside.has(ref) && !frontier.has(ref);
		for (const [id, version] of loaded) {
			outside.set(id, version);
			for (const ref of referencesIn(version.object)) if (unseen(ref)) next.add(ref);
		}
		const loadedObjects = [...loaded.values()].map((version) => version.object);
		for (const ref of await heldMentions(loadedObjects, (ref) => !unseen(ref))) next.add(ref);
		frontier = next;
	}
	// An older version is bound by its latest's markings (D18): the latest is looked up only for versions
	// the store did not mark as latest, so the default `last` page pays nothing for it.
	const stale = new Set<string>();
	for (const version of versions) if (version.latest !== true) stale.add(version.object.id);
	const latestOf =
		stale.size === 0 ? new Map<string, ReleasableVersion>() : await sources.versionsOf([...stale]);
	const inherited =
		context.policy === undefined
			? new Map<string, Inherited>()
			: await sources.inherited([...onPage.keys(), ...outside.keys()]);
	const byPosition = new Map<number, Decision>();
	const byId = new Map<string, Decision>();
	const decideVersion = (version: ReleasableVersion): Decision =>
		judge(
			version,
			inherited.get(version.object.id),
			party,
			purpose,
			context,
			trace,
			version.latest === true ? undefined : latestOf.get(version.object.id),
		);
	// A reference names an object, not a version: it is judged by the object's latest version, even when a
	// page of `match[version]=all` carries only an older one of it.
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
			decision = decideVersion(version);
			byId.set(id, decision);
		}
		return decision;
	};
	// An observable is one statement per contributor (D31): the party receives at most one of them, the one
	// `chooseStatement` picks among those it may receive; references, patterns and the page read that one.
	const chosen = new Map<string, ReleasableVersion | undefined>();
	const statedIds = new Set<string>();
	for (const version of [...versions, ...outside.values()])
		if (isStatement(version.object)) statedIds.add(version.object.id);
	const statements =
		statedIds.size === 0 || sources.statementsOf === undefined
			? new Map<string, ReleasableVersion[]>()
			: await sources.statementsOf([...statedIds]);
	for (const [id, list] of statements) {
		if (list.length < 2) continue;
		const pick = chooseStatement(list, party, (statement) => decideVersion(statement).verdict);
		chosen.set(id, pick);
		// The chosen statement stands for the id wherever the page names it (and rides along when transformed).
		if (pick !== undefined && !versions.includes(pick)) outside.set(id, pick);
	}
	const roles = context.policy === undefined ? undefined : rolesByType(context.policy);
	// A stand-in's key covers everything its decision depends on, so one decision per key serves the page.
	const standIns = standInMemo();
	const resolved = new Map<ReleasableVersion, IndicatorMentions | undefined>();
	const mentionsIn = (version: ReleasableVersion): IndicatorMentions | undefined => {
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
	// An observable a pattern names goes with the indicator only when it is released, and released with a value:
	// one whose treatment removes the value (drop, hold) cannot be stood for by a rewritten constant.
	const keepsValue = (object: StixObject, decision: Decision): boolean =>
		decision.verdict === "full" ||
		(decision.verdict === "transformed" &&
			transformObject(object, decision.treatments, {
				key: sources.transformKey,
				nodeIdentity: sources.nodeIdentity,
				now: context.now.toISOString(),
			}).kind === "released");
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
	// The verdict of a referenced id as the recipient would see it: its decision, and withheld when it could
	// not itself be released for want of its own references (a sighting of a hidden object, a relationship
	// with a hidden end). An id the node does not hold is withheld: the gate names only what it can vouch for.
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
			if (version === undefined || !chosen.has(version.object.id)) return false;
			const pick = chosen.get(version.object.id);
			return (
				pick === undefined ||
				pick.provenance.organizationId !== version.provenance.organizationId ||
				pick.version !== version.version
			);
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
	const kept = releasableRefs(object, verdictOf)?.object;
	if (kept === undefined || kept === object || object.granular_markings === undefined) return kept;
	// Granular markings follow the references removed (D33): `resolves_to_refs.[1]` stays on the same id; the
	// copy is withheld when they cannot be placed for certain.
	return rebaseAfterRemoval(object, kept) ? kept : undefined;
}

function withMarkings(object: StixObject, add: readonly string[]): StixObject {
	if (add.length === 0) return object;
	const own = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as string[]) : [];
	const markings: string[] = [];
	for (const marking of own) if (!markings.includes(marking)) markings.push(marking);
	for (const marking of add) if (!markings.includes(marking)) markings.push(marking);
	return { ...object, object_marking_refs: markings };
}

/**
 * What the party receives of each version, position for position. Objects released transformed are
 * transformed together with the rest of the page (and with transformed objects the page references or
 * its indicators' patterns name), so references and patterns to a re-identified observable are
 * rewritten consistently; anything the transformation withholds is withheld here too. An indicator
 * goes only when every observable its pattern names by value goes too, in full or with that value
 * replaced (D21): otherwise its pattern would carry the value the observable may not.
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
	const guards = new Map<number, IndicatorMentions>();
	const standIns: StixObject[] = [];
	// The stored body of an observable that lost references to the filter: its id hashes them (network-traffic's
	// src_ref), so it is minted again from what is left, as the transformation mints a changed value's id.
	const stored = new Map<string, StixObject>();
	const planFor = (object: StixObject, original: StixObject, decision: Decision) => {
		if (decision.verdict === "transformed") plan.set(object.id, decision.treatments);
		if (object !== original && isObservableType(object.type)) {
			stored.set(object.id, original);
			if (!plan.has(object.id)) plan.set(object.id, []);
		}
	};
	versions.forEach((version, index) => {
		const decision = page.decisionAt(index);
		if (!isReleasedInline(decision.verdict) || page.notChosenAt(index)) {
			out.push(undefined);
			return;
		}
		let object = page.filtered(version.object);
		if (object !== undefined && !page.mentionsVouchedAt(index)) object = undefined;
		const mentions = object === undefined ? undefined : page.mentionsAt(index);
		if (mentions?.kind === "parsed") {
			guards.set(index, mentions);
			for (const { object: standIn, decision: judged } of mentions.standIns)
				if (judged.verdict === "transformed" && !plan.has(standIn.id)) {
					plan.set(standIn.id, judged.treatments);
					standIns.push(standIn);
				}
		}
		if (object !== undefined) planFor(object, version.object, decision);
		out.push(object);
	});
	// Referenced objects ride along as the recipient would receive them alone: references filtered, then
	// transformed (so a reference to a re-minted observable carries the id it has wherever it goes).
	const outside: StixObject[] = [];
	for (const [id, version] of page.outside) {
		const decision = page.decisionOfOutside(id);
		if (decision === undefined || !isReleasedInline(page.verdictOf(id))) continue;
		const object = page.filtered(version.object);
		if (object === undefined) continue;
		planFor(object, version.object, decision);
		outside.push(object);
	}
	const transformed =
		plan.size === 0
			? { objects: out, withheld: new Set<string>(), idMap: new Map<string, string>() }
			: transformPage(sources, context, out, outside, standIns, plan, stored);
	const vouched = (id: string, verdict: Verdict): boolean =>
		isReleasedInline(verdict) && !transformed.withheld.has(id);
	const released = transformed.objects.map((object, index) => {
		if (object === undefined) return undefined;
		const mentions = guards.get(index);
		if (
			mentions?.kind === "parsed" &&
			(!mentions.held.every((id) => vouched(id, page.verdictOf(id))) ||
				!mentions.standIns.every((s) => vouched(s.object.id, s.decision.verdict)))
		)
			return undefined;
		return withMarkings(object, page.decisionAt(index).addMarkings);
	});
	if (sources.recordDerived !== undefined && transformed.idMap.size > 0) {
		// Every new id the page may name, those of observables riding along included (a report's object_refs), so a
		// recipient can fetch each by the id it received. A pair grants nothing: a fetch is judged by the gate again.
		const pairs: DerivedId[] = [];
		for (const [originalId, derivedId] of transformed.idMap)
			if (derivedId !== originalId && !transformed.withheld.has(originalId))
				pairs.push({ derivedId, originalId });
		if (pairs.length > 0) await sources.recordDerived(pairs);
	}
	return released;
}

/** The page transformed as one bundle with `outside` objects in the plan and stand-ins riding along. */
function transformPage(
	sources: GateSources,
	context: JudgeContext,
	objects: readonly (StixObject | undefined)[],
	outside: readonly StixObject[],
	standIns: readonly StixObject[],
	plan: ReadonlyMap<string, readonly AppliedTreatment[]>,
	stored: ReadonlyMap<string, StixObject>,
): {
	objects: (StixObject | undefined)[];
	withheld: ReadonlySet<string>;
	idMap: ReadonlyMap<string, string>;
} {
	const onPage = objects.filter((object): object is StixObject => object !== undefined);
	const present = new Set(onPage.map((object) => object.id));
	// Transformed objects the page names but does not carry ride along, so references to them are rewritten
	// and patterns naming their values follow.
	const extra = [...outside, ...standIns].filter((object) => plan.has(object.id) && !present.has(object.id));
	const bundle = transformBundle(
		[...onPage, ...extra],
		plan,
		{ key: sources.transformKey, nodeIdentity: sources.nodeIdentity, now: context.now.toISOString() },
		stored,
	);
	const byKey = new Map<string, StixObject>();
	for (const object of bundle.objects)
		byKey.set(`${object.id}\u0000${String(object.modified ?? "")}`, object);
	return {
		objects: objects.map((object) => {
			if (object === undefined || bundle.reasons.has(object.id)) return undefined;
			const id = bundle.idMap.get(object.id) ?? object.id;
			return byKey.get(`${id}\u0000${String(object.modified ?? "")}`);
		}),
		withheld: new Set(bundle.reasons.keys()),
		idMap: bundle.idMap,
	};
}
