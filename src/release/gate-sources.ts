// Part of the composition root: the egress gate's sources read from the store (policy/ never imports store/).
import { randomBytes } from "node:crypto";
import {
	type CompiledPolicy,
	compilePolicy,
	type DerivedId,
	type GateSources,
	type Inherited,
	type MarkingDefinitions,
	originatorOf,
	type ReleasableVersion,
} from "../policy/index.ts";
import { classifyMarkingDefinition, type MarkingDefinitionClass } from "../stix/markings/index.ts";
import type { Store, StoredVersion } from "../store/index.ts";

const TRANSFORM_KEY = "policy.transform-key";
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

export interface GateSourceOptions {
	/** Identity id recorded as `derived_by`; by default the node's first local organisation. */
	nodeIdentity?: string;
	/** HMAC key of transformations; by default created once and kept in the store's meta. */
	transformKey?: Uint8Array;
	now?: () => Date;
	/**
	 * Default true: record each new id a transformed copy is released under (D29). A preview's pending view
	 * writes nothing, so its gate records nothing.
	 */
	recordDerived?: boolean;
}

async function transformKeyOf(store: Store): Promise<Uint8Array> {
	const stored = await store.getMeta(TRANSFORM_KEY);
	if (stored !== undefined) return Buffer.from(stored, "base64");
	const created = randomBytes(32);
	await store.setMeta(TRANSFORM_KEY, created.toString("base64"));
	return created;
}

/** The latest version of each id the store holds, by id. */
async function latestVersions(store: Store, ids: Iterable<string>): Promise<Map<string, StoredVersion>> {
	const out = new Map<string, StoredVersion>();
	for (const version of await store.latestVersions([...new Set(ids)])) out.set(version.id, version);
	return out;
}

/**
 * The gate's sources over a store. The compiled policy and the marking definitions are checked on
 * every gate call (`refresh`: one small query each) and rebuilt when they changed, so a policy applied
 * by any process, the CLI included, takes effect on the next request.
 * @example const gate = createGate(await storeGateSources(store));
 */
export async function storeGateSources(store: Store, options: GateSourceOptions = {}): Promise<GateSources> {
	const transformKey = options.transformKey ?? (await transformKeyOf(store));
	const locals = (await store.listOrganizations()).filter((o) => o.local !== false);
	let compiled: CompiledPolicy | undefined;
	let policyVersion = 0;
	let definitions: MarkingDefinitions = new Map();
	/** What the definitions were read at: how many versions there were, and the newest one's dateAdded. */
	let definitionCount = -1;
	let definitionsAddedUpTo: string | undefined;

	// The definition of an id is its first recorded version (D30): ingest refuses any other since, but a store
	// written before may hold later versions from anyone, which must never be read. The cache is keyed on the
	// rows, not on a count alone: every put raises the newest dateAdded, and a deletion lowers the count.
	const refreshDefinitions = async (): Promise<void> => {
		const filter = { types: ["marking-definition"], versions: ["all"] } as const;
		const count = await store.count(filter);
		if (count === definitionCount) {
			const newer = await store.query({
				...filter,
				limit: 1,
				...(definitionsAddedUpTo === undefined ? {} : { addedAfter: definitionsAddedUpTo }),
			});
			if (newer.items.length === 0) return;
		}
		const held = new Map<string, MarkingDefinitionClass>();
		let newest: string | undefined;
		let after: string | undefined;
		for (;;) {
			const page = await store.query({ ...filter, limit: 1000, ...(after === undefined ? {} : { after }) });
			// Pages come in dateAdded order: the first version seen of an id is its first recorded.
			for (const item of page.items) {
				// A preview's pending versions have no position yet (""): the count covers them.
				if (item.dateAdded !== "" && (newest === undefined || item.dateAdded > newest))
					newest = item.dateAdded;
				if (held.has(item.id)) continue;
				const kind = classifyMarkingDefinition(item.object);
				held.set(item.id, kind);
			}
			if (!page.more || page.next === undefined) break;
			after = page.next;
		}
		definitions = held;
		definitionCount = count;
		definitionsAddedUpTo = newest;
	};

	return {
		compiled: () => compiled,
		markingDefinitions: () => definitions,
		async refresh() {
			const latest = await store.latestPolicyVersion();
			if (latest !== policyVersion) {
				const stored = latest === 0 ? undefined : await store.getPolicy(latest);
				compiled = stored === undefined ? undefined : compilePolicy(stored.policy);
				policyVersion = latest;
			}
			await refreshDefinitions();
		},
		async inherited(ids) {
			// First the ancestry graph: every object within MAX_INHERITANCE_DEPTH hops of a requested id, with
			// its parent edges (containers naming it, targets of its derived-from relationships), loaded once.
			const parentsOf = new Map<string, Edge[]>();
			const parents = new Map<string, StoredVersion>();
			const relationships = new Map<string, StoredVersion>();
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
			const result = new Map<string, Inherited>();
			if (parentsOf.size === 0) return result;
			// A container restricts only its own copy (D33): an edge passes markings down only when whoever made
			// it — the container's originator, or the derived-from relationship's — is the child's own house.
			const children = new Map(parents);
			const unloaded = [...new Set(ids)].filter((id) => parentsOf.has(id) && !children.has(id));
			for (const [id, version] of await latestVersions(store, unloaded)) children.set(id, version);
			const houseOf = (version: StoredVersion | undefined): string | undefined => {
				if (version === undefined) return undefined;
				const party = originatorOf(version, compiled);
				return compiled?.parties.get(party)?.source.local === true ? LOCAL_HOUSE : party;
			};
			const counts = (child: string, edge: Edge): boolean => {
				const own = houseOf(children.get(child));
				const maker = houseOf(
					edge.via === undefined ? parents.get(edge.parent) : relationships.get(edge.via),
				);
				return own !== undefined && own === maker;
			};
			// Then each requested id walks its own ancestry, hop by hop, as far as the graph was read: an id
			// already requested (on the same page) still passes on what it inherits.
			for (const id of new Set(ids)) {
				if (!parentsOf.has(id)) continue;
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
				if (ancestors.size === 0) continue;
				const entry: Inherited = { markingRefs: [], originators: [] };
				for (const ancestorId of ancestors) {
					const ancestor = parents.get(ancestorId);
					if (ancestor === undefined) continue;
					const markings = Array.isArray(ancestor.object.object_marking_refs)
						? ancestor.object.object_marking_refs.filter((m): m is string => typeof m === "string")
						: [];
					for (const marking of markings)
						if (!entry.markingRefs.includes(marking)) entry.markingRefs.push(marking);
					const originator = originatorOf(ancestor, compiled);
					if (!entry.originators.includes(originator)) entry.originators.push(originator);
				}
				result.set(id, entry);
			}
			return result;
		},
		async versionsOf(ids): Promise<Map<string, ReleasableVersion>> {
			return latestVersions(store, ids);
		},
		async statementsOf(ids): Promise<Map<string, ReleasableVersion[]>> {
			const out = new Map<string, ReleasableVersion[]>();
			for (const version of await store.latestVersions([...new Set(ids)])) {
				const list = out.get(version.id);
				if (list === undefined) out.set(version.id, [version]);
				else list.push(version);
			}
			return out;
		},
		heldIds: (ids) => store.heldIds(ids),
		heldTypes: (types) => store.heldTypes(types),
		localParties: async () =>
			new Set((await store.listOrganizations()).filter((o) => o.local !== false).map((o) => o.id)),
		...(options.recordDerived === false
			? {}
			: { recordDerived: (pairs: readonly DerivedId[]) => store.recordDerivedIds(pairs) }),
		transformKey,
		nodeIdentity: options.nodeIdentity ?? locals[0]?.id ?? "identity--00000000-0000-4000-8000-000000000000",
		now: options.now ?? (() => new Date()),
	};
}
