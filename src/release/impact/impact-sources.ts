// A policy change's impact (D62): the gate's own sources over the store, each under one policy fixed for the run.
import { randomBytes } from "node:crypto";
import type { CompiledPolicy, GateSources } from "../../policy/index.ts";
import type { Store } from "../../store/index.ts";
import { storedTransformKey, storeGateSources } from "../gate-sources.ts";

/** The sources of the current and the proposed policy, sharing the store, the marking definitions and the clock. */
export interface ImpactSources {
	current: GateSources;
	proposed: GateSources;
	/** The policy version the comparison is against (0: none applied). */
	baseVersion: number;
}

/**
 * The node's gate sources (`storeGateSources`) read once, then fixed: the current policy as applied now, or the
 * proposed one, at one instant `now`, recording no derived ids and writing nothing (without a transform key yet,
 * a throw-away one: whether a copy is released never depends on the key).
 */
export async function impactSources(
	store: Store,
	proposed: CompiledPolicy,
	now: Date,
): Promise<ImpactSources> {
	const baseVersion = await store.latestPolicyVersion();
	const transformKey = (await storedTransformKey(store)) ?? randomBytes(32);
	const base = await storeGateSources(store, { recordDerived: false, now: () => now, transformKey });
	await base.refresh?.();
	const current = base.compiled();
	const fixed = (policy: CompiledPolicy | undefined): GateSources => {
		const { refresh: _refresh, ...rest } = base;
		return { ...rest, compiled: () => policy };
	};
	return { current: fixed(current), proposed: fixed(proposed), baseVersion };
}

/**
 * `sources` with what it reads from the store remembered per id (and per type): the class decisions ask the gate
 * about a few hundred representatives for every party, and the store is read once for each.
 */
export function rememberingSources(sources: GateSources): GateSources {
	const versions = memo(sources.versionsOf);
	const inherited = memo(sources.inherited);
	const statements = sources.statementsOf === undefined ? undefined : memo(sources.statementsOf);
	const held = memoSet(sources.heldIds);
	const heldTypes = memoSet(sources.heldTypes);
	return {
		...sources,
		versionsOf: versions,
		inherited,
		...(statements === undefined ? {} : { statementsOf: statements }),
		heldIds: held,
		heldTypes,
	};
}

/** A by-id lookup remembered per id (absent answers too). */
function memo<T>(
	read: (ids: readonly string[]) => Promise<Map<string, T>>,
): (ids: readonly string[]) => Promise<Map<string, T>> {
	const known = new Map<string, T | undefined>();
	return async (ids) => {
		const missing = [...new Set(ids)].filter((id) => !known.has(id));
		if (missing.length > 0) {
			const found = await read(missing);
			for (const id of missing) known.set(id, found.get(id));
		}
		const out = new Map<string, T>();
		for (const id of ids) {
			const value = known.get(id);
			if (value !== undefined) out.set(id, value);
		}
		return out;
	};
}

/** A which-of-these lookup remembered per item. */
function memoSet(
	read: (items: readonly string[]) => Promise<ReadonlySet<string>>,
): (items: readonly string[]) => Promise<Set<string>> {
	const known = new Map<string, boolean>();
	return async (items) => {
		const missing = [...new Set(items)].filter((item) => !known.has(item));
		if (missing.length > 0) {
			const found = await read(missing);
			for (const item of missing) known.set(item, found.has(item));
		}
		return new Set(items.filter((item) => known.get(item) === true));
	};
}
