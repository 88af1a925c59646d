// What a page needs from the store before it is decided: referenced versions (to a depth), the observables
// indicators' patterns name (D21), latest versions (D18), inherited markings and observables' statements (D31).
import type { StixObject } from "../../stix/core.ts";
import { filteredReferenceIds } from "../engine/index.ts";
import type { JudgeContext } from "./judge.ts";
import { isStixIndicator, mentionCache } from "./mentioned.ts";
import type { Mention } from "./pattern-mentions.ts";
import { isStatement } from "./statements.ts";
import type { GateSources, Inherited, ReleasableVersion } from "./types.ts";

/** References of references followed when a page is decided (report → relationship → its ends is two). */
const MAX_REFERENCE_DEPTH = 4;

/**
 * The ids an object names through the reference properties the gate filters: every `*_ref` / `*_refs`
 * at any depth (stix/references), markings and author aside.
 */
export function referencedIds(object: StixObject): readonly string[] {
	return filteredReferenceIds(object);
}

/** The observables indicators name by value, and which of their types the node holds (grows as the page loads). */
export interface PageMentions {
	/** True for an object whose pattern the gate reads (an indicator, with a policy to judge by). */
	reads(object: StixObject): boolean;
	/** The object's mentions, parsed once per call; undefined when its pattern cannot be parsed. */
	mentionsOf(object: StixObject): Mention[] | undefined;
	/** Observable types the node holds any object of, as far as the page has asked. */
	heldTypes: ReadonlySet<string>;
}

/** Everything a page's decisions read, loaded in one pass before any is made. */
export interface LoadedPage {
	versions: readonly ReleasableVersion[];
	onPage: ReadonlyMap<string, ReleasableVersion>;
	/** Referenced versions not on the page, by id (the chosen statements of observables join them, D31). */
	outside: Map<string, ReleasableVersion>;
	/** The latest version of each page version the store did not mark as latest. */
	latestOf: ReadonlyMap<string, ReleasableVersion>;
	inherited: ReadonlyMap<string, Inherited>;
	/** Every statement of each observable the page or its references name. */
	statements: ReadonlyMap<string, readonly ReleasableVersion[]>;
	/** The ids `object` references (referencedIds), found once per call. */
	referencesIn(object: StixObject): readonly string[];
	mentions: PageMentions;
}

/** Loads what `versions` need to be decided, in as few store calls as the reference depth allows. */
export async function loadPage(
	sources: GateSources,
	context: JudgeContext,
	versions: readonly ReleasableVersion[],
): Promise<LoadedPage> {
	const onPage = new Map<string, ReleasableVersion>();
	for (const version of versions) onPage.set(version.object.id, version);
	const referencesIn = referenceMemo();
	const mentions = mentionLoader(sources, context, versions);
	const outside = await loadReferenced(sources, versions, onPage, referencesIn, mentions);
	const latestOf = await loadLatest(sources, versions);
	const inherited =
		context.policy === undefined
			? new Map<string, Inherited>()
			: await sources.inherited([...onPage.keys(), ...outside.keys()]);
	const statements = await loadStatements(sources, versions, outside);
	return { versions, onPage, outside, latestOf, inherited, statements, referencesIn, mentions };
}

/** Each object's references found once per call (a walk of the whole object, D32). */
function referenceMemo(): (object: StixObject) => readonly string[] {
	const idsOf = new WeakMap<StixObject, readonly string[]>();
	return (object) => {
		let ids = idsOf.get(object);
		if (ids === undefined) {
			ids = referencedIds(object);
			idsOf.set(object, ids);
		}
		return ids;
	};
}

/** PageMentions plus `heldMentions`: the ids of held observables the objects' patterns name, `skip` aside. */
interface MentionLoader extends PageMentions {
	heldMentions(objects: readonly StixObject[], skip: (id: string) => boolean): Promise<string[]>;
}

/**
 * Observables an indicator's pattern names by value are loaded like references (D21), in the same batch.
 * Observable types the node holds any object of: a value of another type cannot be held, and is never
 * hashed to an id. Asked once per type per call; the page's own types are held by definition.
 */
function mentionLoader(
	sources: GateSources,
	context: JudgeContext,
	versions: readonly ReleasableVersion[],
): MentionLoader {
	const mentionsOf = mentionCache();
	const reads = (object: StixObject): boolean => context.policy !== undefined && isStixIndicator(object);
	const mentionsNamedBy = (object: StixObject): readonly Mention[] =>
		reads(object) ? (mentionsOf(object) ?? []) : [];
	const heldTypes = new Set<string>(versions.map((version) => version.object.type));
	const askedTypes = new Set<string>(heldTypes);
	const learnHeldTypes = async (objects: readonly StixObject[]) => {
		const ask = new Set<string>();
		for (const object of objects)
			for (const m of mentionsNamedBy(object)) if (!askedTypes.has(m.objectType)) ask.add(m.objectType);
		if (ask.size === 0) return;
		for (const type of ask) askedTypes.add(type);
		for (const type of await sources.heldTypes([...ask])) heldTypes.add(type);
	};
	// Most values a pattern names are not held: one existence check for them all, then only held ones load.
	const heldMentions = async (objects: readonly StixObject[], skip: (id: string) => boolean) => {
		await learnHeldTypes(objects);
		const named = new Set<string>();
		for (const object of objects)
			for (const m of mentionsNamedBy(object))
				if (heldTypes.has(m.objectType) && m.id !== undefined && !skip(m.id)) named.add(m.id);
		return named.size === 0 ? [] : [...(await sources.heldIds([...named]))];
	};
	return { reads, mentionsOf, heldTypes, heldMentions };
}

/**
 * The versions the page references, and the held observables its indicators name, that it does not carry;
 * then references of references too: a container may name a relationship or sighting only when its own
 * ends are released.
 */
async function loadReferenced(
	sources: GateSources,
	versions: readonly ReleasableVersion[],
	onPage: ReadonlyMap<string, ReleasableVersion>,
	referencesIn: (object: StixObject) => readonly string[],
	mentions: MentionLoader,
): Promise<Map<string, ReleasableVersion>> {
	const wanted = new Set<string>();
	for (const version of versions)
		for (const id of referencesIn(version.object)) if (!onPage.has(id)) wanted.add(id);
	const pageObjects = versions.map((version) => version.object);
	for (const id of await mentions.heldMentions(pageObjects, (id) => onPage.has(id))) wanted.add(id);
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
		for (const ref of await mentions.heldMentions(loadedObjects, (ref) => !unseen(ref))) next.add(ref);
		frontier = next;
	}
	return outside;
}

/**
 * An older version is bound by its latest's markings (D18): the latest is looked up only for versions the
 * store did not mark as latest, so the default `last` page pays nothing for it.
 */
async function loadLatest(
	sources: GateSources,
	versions: readonly ReleasableVersion[],
): Promise<ReadonlyMap<string, ReleasableVersion>> {
	const stale = new Set<string>();
	for (const version of versions) if (version.latest !== true) stale.add(version.object.id);
	return stale.size === 0 ? new Map<string, ReleasableVersion>() : await sources.versionsOf([...stale]);
}

/** Every statement (D31) of each observable on the page or loaded beside it, when the sources keep them. */
async function loadStatements(
	sources: GateSources,
	versions: readonly ReleasableVersion[],
	outside: ReadonlyMap<string, ReleasableVersion>,
): Promise<ReadonlyMap<string, readonly ReleasableVersion[]>> {
	const statedIds = new Set<string>();
	for (const version of [...versions, ...outside.values()])
		if (isStatement(version.object)) statedIds.add(version.object.id);
	return statedIds.size === 0 || sources.statementsOf === undefined
		? new Map<string, ReleasableVersion[]>()
		: await sources.statementsOf([...statedIds]);
}
