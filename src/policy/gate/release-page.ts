// releaseVersions: decide the page (page-decisions.ts), plan its transformation, transform it as one bundle, vouch again.
import type { StixObject } from "../../stix/core.ts";
import { isReleasedInline } from "../engine/index.ts";
import type { AppliedTreatment, Decision, Purpose, Verdict } from "../model.ts";
import { isObservableType, transformBundle } from "../transform/index.ts";
import type { JudgeContext } from "./judge.ts";
import type { IndicatorMentions } from "./mentioned.ts";
import { decidePage, type PageDecisions } from "./page-decisions.ts";
import type { DerivedId, GateSources, ReleasableVersion } from "./types.ts";

/** What the page's transformation is given: the copies to transform and how, before it runs. */
interface TransformPlan {
	/** What the party may receive at each position before transformation (undefined: withheld). */
	out: (StixObject | undefined)[];
	/** Referenced objects riding along, references filtered. */
	outside: StixObject[];
	/** Treatments per id; an observable that lost references is planned with none, to be minted again. */
	plan: Map<string, readonly AppliedTreatment[]>;
	/** Indicators' mentions by position, vouched for again after the transformation. */
	guards: Map<number, IndicatorMentions>;
	/** Transformed stand-ins for values the node does not hold (D21). */
	standIns: StixObject[];
	/**
	 * The stored body of an observable that lost references to the filter: its id hashes them (network-traffic's
	 * src_ref), so it is minted again from what is left, as the transformation mints a changed value's id.
	 */
	stored: Map<string, StixObject>;
}

/** The page after the transformation: copies by position, ids it withheld, and original → new ids. */
interface TransformedPage {
	objects: (StixObject | undefined)[];
	withheld: ReadonlySet<string>;
	idMap: ReadonlyMap<string, string>;
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
	const plan = planPage(page, versions);
	const transformed =
		plan.plan.size === 0
			? { objects: plan.out, withheld: new Set<string>(), idMap: new Map<string, string>() }
			: transformPage(sources, context, plan);
	const released = vouchedCopies(page, plan.guards, transformed);
	await recordDerivedIds(sources, transformed);
	return released;
}

/** The page's copies with references filtered, and the treatments the transformation must apply. */
function planPage(page: PageDecisions, versions: readonly ReleasableVersion[]): TransformPlan {
	const planned: TransformPlan = {
		out: [],
		outside: [],
		plan: new Map(),
		guards: new Map(),
		standIns: [],
		stored: new Map(),
	};
	versions.forEach((version, index) => {
		planned.out.push(planPosition(page, planned, version, index));
	});
	// Referenced objects ride along as the recipient would receive them alone: references filtered, then
	// transformed (so a reference to a re-minted observable carries the id it has wherever it goes).
	for (const [id, version] of page.outside) {
		const decision = page.decisionOfOutside(id);
		if (decision === undefined || !isReleasedInline(page.verdictOf(id))) continue;
		const object = page.filtered(version.object);
		if (object === undefined) continue;
		planTreatments(planned, object, version.object, decision);
		planned.outside.push(object);
	}
	return planned;
}

/** The copy at `index` before transformation (undefined: withheld), its treatments and stand-ins planned. */
function planPosition(
	page: PageDecisions,
	planned: TransformPlan,
	version: ReleasableVersion,
	index: number,
): StixObject | undefined {
	const decision = page.decisionAt(index);
	if (!isReleasedInline(decision.verdict) || page.notChosenAt(index)) return undefined;
	let object = page.filtered(version.object);
	if (object !== undefined && !page.mentionsVouchedAt(index)) object = undefined;
	const mentions = object === undefined ? undefined : page.mentionsAt(index);
	if (mentions?.kind === "parsed") {
		planned.guards.set(index, mentions);
		for (const { object: standIn, decision: judged } of mentions.standIns)
			if (judged.verdict === "transformed" && !planned.plan.has(standIn.id)) {
				planned.plan.set(standIn.id, judged.treatments);
				planned.standIns.push(standIn);
			}
	}
	if (object !== undefined) planTreatments(planned, object, version.object, decision);
	return object;
}

/** Plans `object`'s treatments; an observable whose references were filtered is planned to be minted again. */
function planTreatments(
	{ plan, stored }: TransformPlan,
	object: StixObject,
	original: StixObject,
	decision: Decision,
): void {
	if (decision.verdict === "transformed") plan.set(object.id, decision.treatments);
	if (object !== original && isObservableType(object.type)) {
		stored.set(object.id, original);
		if (!plan.has(object.id)) plan.set(object.id, []);
	}
}

/** The page transformed as one bundle with `outside` objects in the plan and stand-ins riding along. */
function transformPage(
	sources: GateSources,
	context: JudgeContext,
	{ out: objects, outside, standIns, plan, stored }: TransformPlan,
): TransformedPage {
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
	// Two stored observables stating one value (e.g. under two MISP ids) are minted into one pseudonymised copy:
	// it goes once, at the first position, never twice on one page.
	const minted = new Set<string>();
	return {
		objects: objects.map((object) => {
			if (object === undefined || bundle.reasons.has(object.id)) return undefined;
			const id = bundle.idMap.get(object.id) ?? object.id;
			const key = `${id}\u0000${String(object.modified ?? "")}`;
			if (id !== object.id) {
				if (minted.has(key)) return undefined;
				minted.add(key);
			}
			return byKey.get(key);
		}),
		withheld: new Set(bundle.reasons.keys()),
		idMap: bundle.idMap,
	};
}

/**
 * The transformed copies an indicator may still go with (every observable it names released, none withheld
 * by the transformation), with the markings their decisions add.
 */
function vouchedCopies(
	page: PageDecisions,
	guards: ReadonlyMap<number, IndicatorMentions>,
	transformed: TransformedPage,
): (StixObject | undefined)[] {
	const vouched = (id: string, verdict: Verdict): boolean =>
		isReleasedInline(verdict) && !transformed.withheld.has(id);
	return transformed.objects.map((object, index) => {
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
 * Every new id the page may name, those of observables riding along included (a report's object_refs), so a
 * recipient can fetch each by the id it received. A pair grants nothing: a fetch is judged by the gate again.
 */
async function recordDerivedIds(sources: GateSources, transformed: TransformedPage): Promise<void> {
	if (sources.recordDerived === undefined || transformed.idMap.size === 0) return;
	const pairs: DerivedId[] = [];
	for (const [originalId, derivedId] of transformed.idMap)
		if (derivedId !== originalId && !transformed.withheld.has(originalId))
			pairs.push({ derivedId, originalId });
	if (pairs.length > 0) await sources.recordDerived(pairs);
}
