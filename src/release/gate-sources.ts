// Part of the composition root: the egress gate's sources read from the store (policy/ never imports store/).
import { randomBytes } from "node:crypto";
import {
	type CompiledPolicy,
	compilePolicy,
	type DerivedId,
	type GateSources,
	type MarkingDefinitions,
	type ReleasableVersion,
} from "../policy/index.ts";
import { classifyMarkingDefinition, type MarkingDefinitionClass } from "../stix/markings/index.ts";
import type { Store } from "../store/index.ts";
import { inheritedOf, latestVersions } from "./inheritance.ts";

const TRANSFORM_KEY = "policy.transform-key";
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

/** The node's transform key if it has one (read only: an impact preview writes nothing). */
export async function storedTransformKey(store: Store): Promise<Uint8Array | undefined> {
	const stored = await store.getMeta(TRANSFORM_KEY);
	return stored === undefined ? undefined : Buffer.from(stored, "base64");
}

async function transformKeyOf(store: Store): Promise<Uint8Array> {
	const stored = await store.getMeta(TRANSFORM_KEY);
	if (stored !== undefined) return Buffer.from(stored, "base64");
	const created = randomBytes(32);
	await store.setMeta(TRANSFORM_KEY, created.toString("base64"));
	return created;
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
		inherited: (ids) => inheritedOf(store, ids, () => compiled),
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
