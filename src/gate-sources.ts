// Part of the composition root: the egress gate's sources read from the store (policy/ never imports store/).
import { randomBytes } from "node:crypto";
import {
	type CompiledPolicy,
	compilePolicy,
	type GateSources,
	type Inherited,
	type MarkingDefinitions,
	originatorOf,
	type ReleasableVersion,
} from "./policy/index.ts";
import { classifyMarkingDefinition, type MarkingDefinitionClass } from "./stix/markings/index.ts";
import type { Store, StoredVersion } from "./store/index.ts";

const TRANSFORM_KEY = "policy.transform-key";
/** Containers inside containers, derived-from chains: followed this many hops up. */
const MAX_INHERITANCE_DEPTH = 6;
const INHERITING_KINDS = ["object_refs", "source_ref:derived-from"] as const;

export interface GateSourceOptions {
	/** Identity id recorded as `derived_by`; by default the node's first local organisation. */
	nodeIdentity?: string;
	/** HMAC key of transformations; by default created once and kept in the store's meta. */
	transformKey?: Uint8Array;
	now?: () => Date;
}

async function transformKeyOf(store: Store): Promise<Uint8Array> {
	const stored = await store.getMeta(TRANSFORM_KEY);
	if (stored !== undefined) return Buffer.from(stored, "base64");
	const created = randomBytes(32);
	await store.setMeta(TRANSFORM_KEY, created.toString("base64"));
	return created;
}

/** Ids asked of the store in one query; a page of indicators names about as many observables. */
const IDS_PER_QUERY = 1000;

/** The latest version of each id the store holds: one query per IDS_PER_QUERY ids, not one per id. */
async function latestVersions(store: Store, ids: Iterable<string>): Promise<Map<string, StoredVersion>> {
	const out = new Map<string, StoredVersion>();
	const unique = [...new Set(ids)];
	for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
		const chunk = unique.slice(start, start + IDS_PER_QUERY);
		let after: string | undefined;
		do {
			const page = await store.query({
				ids: chunk,
				versions: ["last"],
				limit: chunk.length,
				...(after === undefined ? {} : { after }),
			});
			for (const version of page.items) out.set(version.id, version);
			after = page.more ? page.next : undefined;
		} while (after !== undefined);
	}
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
	let definitionCount = -1;

	const refreshDefinitions = async (): Promise<void> => {
		const count = await store.count({ types: ["marking-definition"], versions: ["last"] });
		if (count === definitionCount) return;
		const held = new Map<string, MarkingDefinitionClass>();
		let after: string | undefined;
		for (;;) {
			const page = await store.query({
				types: ["marking-definition"],
				versions: ["last"],
				limit: 1000,
				...(after === undefined ? {} : { after }),
			});
			for (const item of page.items) {
				const kind = classifyMarkingDefinition(item.object);
				if (kind !== undefined) held.set(item.id, kind);
			}
			if (!page.more || page.next === undefined) break;
			after = page.next;
		}
		definitions = held;
		definitionCount = count;
	};

	return {
		compiled: () => compiled,
		markingDefinitions: () => definitions,
		async refresh() {
			const versions = await store.listPolicyVersions();
			const latest = versions.at(-1)?.version ?? 0;
			if (latest !== policyVersion) {
				const stored = latest === 0 ? undefined : await store.getPolicy(latest);
				compiled = stored === undefined ? undefined : compilePolicy(stored.policy);
				policyVersion = latest;
			}
			await refreshDefinitions();
		},
		async inherited(ids) {
			const result = new Map<string, Inherited>();
			// ancestor id → the requested ids that inherit from it
			let frontier = new Map<string, Set<string>>(ids.map((id) => [id, new Set([id])]));
			const seen = new Set<string>(ids);
			for (let depth = 0; depth < MAX_INHERITANCE_DEPTH && frontier.size > 0; depth++) {
				const refs = await store.referencesTo([...frontier.keys()], INHERITING_KINDS);
				if (refs.length === 0) break;
				// A container is the ancestor itself; a derived-from relationship leads to its target.
				const relationships = await latestVersions(
					store,
					refs.filter((r) => r.kind !== "object_refs").map((r) => r.fromId),
				);
				const parents = new Map<string, Set<string>>();
				for (const ref of refs) {
					const target = relationships.get(ref.fromId)?.object.target_ref;
					const parent =
						ref.kind === "object_refs" ? ref.fromId : typeof target === "string" ? target : undefined;
					if (parent === undefined) continue;
					const heirs = parents.get(parent) ?? new Set<string>();
					for (const heir of frontier.get(ref.toId) ?? []) heirs.add(heir);
					parents.set(parent, heirs);
				}
				const loaded = await latestVersions(store, parents.keys());
				const next = new Map<string, Set<string>>();
				for (const [parentId, heirs] of parents) {
					const parent = loaded.get(parentId);
					if (parent === undefined) continue;
					const markings = Array.isArray(parent.object.object_marking_refs)
						? parent.object.object_marking_refs.filter((m): m is string => typeof m === "string")
						: [];
					const originator = originatorOf(parent, compiled);
					for (const heir of heirs) {
						const entry = result.get(heir) ?? { markingRefs: [], originators: [] };
						for (const marking of markings)
							if (!entry.markingRefs.includes(marking)) entry.markingRefs.push(marking);
						if (!entry.originators.includes(originator)) entry.originators.push(originator);
						result.set(heir, entry);
					}
					if (!seen.has(parentId)) {
						seen.add(parentId);
						next.set(parentId, heirs);
					}
				}
				frontier = next;
			}
			return result;
		},
		async versionsOf(ids): Promise<Map<string, ReleasableVersion>> {
			return latestVersions(store, ids);
		},
		localParties: async () =>
			new Set((await store.listOrganizations()).filter((o) => o.local !== false).map((o) => o.id)),
		transformKey,
		nodeIdentity: options.nodeIdentity ?? locals[0]?.id ?? "identity--00000000-0000-4000-8000-000000000000",
		now: options.now ?? (() => new Date()),
	};
}
