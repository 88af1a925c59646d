// Markings and originators inherited through containers and derived-from relationships (D18, D33), read from the store.
import { type CompiledPolicy, type Inherited, originatorOf } from "../policy/index.ts";
import type { Store, StoredVersion } from "../store/index.ts";

/** Containers inside containers, derived-from chains: followed this many hops up. */
const MAX_INHERITANCE_DEPTH = 6;
const INHERITING_KINDS = ["object_refs", "source_ref:derived-from"] as const;
/** The node's own organisations are one house for inheritance, as they are for release (D33). */
const LOCAL_HOUSE = "\u0000local";

/** One way an object inherits: a container naming it (`via` undefined), or a derived-from relationship `via`. */
interface Edge {
	parent: string;
	via: string | undefined;
}

/** The ancestry graph around some ids: parent edges per child, and the parents and relationships they name. */
interface Ancestry {
	parentsOf: Map<string, Edge[]>;
	parents: Map<string, StoredVersion>;
	relationships: Map<string, StoredVersion>;
}

/** The latest version of each id the store holds, by id. */
export async function latestVersions(
	store: Store,
	ids: Iterable<string>,
): Promise<Map<string, StoredVersion>> {
	const out = new Map<string, StoredVersion>();
	for (const version of await store.latestVersions([...new Set(ids)])) out.set(version.id, version);
	return out;
}

/**
 * What each of `ids` inherits: the markings and originators of its ancestors, through edges made by its
 * own house, up to MAX_INHERITANCE_DEPTH hops. An id that inherits nothing is absent. `compiled` is read
 * when each originator is, as the sources' policy stands then.
 */
export async function inheritedOf(
	store: Store,
	ids: readonly string[],
	compiled: () => CompiledPolicy | undefined,
): Promise<Map<string, Inherited>> {
	const [result = new Map<string, Inherited>()] = await inheritedUnder(store, ids, [compiled]);
	return result;
}

/**
 * inheritedOf under each of several policies, the ancestry read once: what a policy change's impact compares
 * (an edge counts only when made by the child's own house, and who that is depends on the policy).
 */
export async function inheritedUnder(
	store: Store,
	ids: readonly string[],
	policies: readonly (() => CompiledPolicy | undefined)[],
): Promise<Map<string, Inherited>[]> {
	const ancestry = await loadAncestry(store, ids);
	if (ancestry.parentsOf.size === 0) return policies.map(() => new Map<string, Inherited>());
	const results: Map<string, Inherited>[] = [];
	for (const compiled of policies) {
		const result = new Map<string, Inherited>();
		const counts = await ownHouseEdges(store, ids, ancestry, compiled);
		// Then each requested id walks its own ancestry, hop by hop, as far as the graph was read: an id
		// already requested (on the same page) still passes on what it inherits.
		for (const id of new Set(ids)) {
			if (!ancestry.parentsOf.has(id)) continue;
			const ancestors = ancestorsOf(id, ancestry, counts);
			if (ancestors.size === 0) continue;
			result.set(id, inheritedFrom(ancestors, ancestry.parents, compiled));
		}
		results.push(result);
	}
	return results;
}

/**
 * The ancestry graph: every object within MAX_INHERITANCE_DEPTH hops of a requested id, with its parent
 * edges (containers naming it, targets of its derived-from relationships), loaded once.
 */
async function loadAncestry(store: Store, ids: readonly string[]): Promise<Ancestry> {
	const graph: Ancestry = { parentsOf: new Map(), parents: new Map(), relationships: new Map() };
	const { parentsOf, parents, relationships } = graph;
	const expanded = new Set<string>();
	let frontier = [...new Set(ids)];
	for (let depth = 0; depth < MAX_INHERITANCE_DEPTH && frontier.length > 0; depth++) {
		for (const id of frontier) expanded.add(id);
		const refs = await store.referencesTo(frontier, INHERITING_KINDS);
		if (refs.length === 0) break;
		const unread = refs.filter((r) => r.kind !== "object_refs" && !relationships.has(r.fromId));
		for (const [id, version] of await latestVersions(
			store,
			unread.map((r) => r.fromId),
		))
			relationships.set(id, version);
		const found = new Set<string>();
		for (const ref of refs) {
			const target = relationships.get(ref.fromId)?.object.target_ref;
			const edge: Edge | undefined =
				ref.kind === "object_refs"
					? { parent: ref.fromId, via: undefined }
					: typeof target === "string"
						? { parent: target, via: ref.fromId }
						: undefined;
			if (edge === undefined) continue;
			const list = parentsOf.get(ref.toId) ?? [];
			if (!list.some((e) => e.parent === edge.parent && e.via === edge.via)) list.push(edge);
			parentsOf.set(ref.toId, list);
			if (!parents.has(edge.parent)) found.add(edge.parent);
		}
		for (const [id, version] of await latestVersions(store, found)) parents.set(id, version);
		frontier = [...found].filter((id) => parents.has(id) && !expanded.has(id));
	}
	return graph;
}

/**
 * A container restricts only its own copy (D33): an edge passes markings down only when whoever made it —
 * the container's originator, or the derived-from relationship's — is the child's own house.
 */
async function ownHouseEdges(
	store: Store,
	ids: readonly string[],
	{ parentsOf, parents, relationships }: Ancestry,
	compiled: () => CompiledPolicy | undefined,
): Promise<(child: string, edge: Edge) => boolean> {
	const children = new Map(parents);
	const unloaded = [...new Set(ids)].filter((id) => parentsOf.has(id) && !children.has(id));
	for (const [id, version] of await latestVersions(store, unloaded)) children.set(id, version);
	const houseOf = (version: StoredVersion | undefined): string | undefined => {
		if (version === undefined) return undefined;
		const party = originatorOf(version, compiled());
		return compiled()?.parties.get(party)?.source.local === true ? LOCAL_HOUSE : party;
	};
	return (child, edge) => {
		const own = houseOf(children.get(child));
		const maker = houseOf(edge.via === undefined ? parents.get(edge.parent) : relationships.get(edge.via));
		return own !== undefined && own === maker;
	};
}

/** The ancestors `id` inherits from: loaded parents reached through edges that count, hop by hop. */
function ancestorsOf(
	id: string,
	{ parentsOf, parents }: Ancestry,
	counts: (child: string, edge: Edge) => boolean,
): Set<string> {
	const ancestors = new Set<string>();
	const seen = new Set([id]);
	let layer = [id];
	for (let hop = 0; hop < MAX_INHERITANCE_DEPTH && layer.length > 0; hop++) {
		const next: string[] = [];
		for (const child of layer)
			for (const edge of parentsOf.get(child) ?? []) {
				const parent = edge.parent;
				if (!parents.has(parent) || !counts(child, edge)) continue;
				if (parent !== id) ancestors.add(parent);
				if (!seen.has(parent)) {
					seen.add(parent);
					next.push(parent);
				}
			}
		layer = next;
	}
	return ancestors;
}

/** The ancestors' markings and originators, each once, in the order first met. */
function inheritedFrom(
	ancestors: ReadonlySet<string>,
	parents: ReadonlyMap<string, StoredVersion>,
	compiled: () => CompiledPolicy | undefined,
): Inherited {
	const entry: Inherited = { markingRefs: [], originators: [] };
	for (const ancestorId of ancestors) {
		const ancestor = parents.get(ancestorId);
		if (ancestor === undefined) continue;
		const markings = Array.isArray(ancestor.object.object_marking_refs)
			? ancestor.object.object_marking_refs.filter((m): m is string => typeof m === "string")
			: [];
		for (const marking of markings) if (!entry.markingRefs.includes(marking)) entry.markingRefs.push(marking);
		const originator = originatorOf(ancestor, compiled());
		if (!entry.originators.includes(originator)) entry.originators.push(originator);
	}
	return entry;
}
