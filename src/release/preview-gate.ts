// Part of the composition root: the egress gate over a pending view of the store, for previews (decisions D26).

import { createGate, type EgressGate, type GateSources } from "../policy/index.ts";
import type { Store } from "../store/index.ts";
import { storeGateSources } from "./gate-sources.ts";

/**
 * Builds gates over other views of the store (a preview's pending store, src/store/pending-store.ts) with the
 * very code that builds the node's gate over the store itself (`storeGateSources`, `createGate`), sharing its
 * transform key, node identity and clock: the only difference between a preview and the release after
 * publishing is what the store answers, never how it is judged.
 * @example const gateOver = previewGates(sources); const gate = await gateOver(pending.view);
 */
export function previewGates(sources: GateSources): (view: Store) => Promise<EgressGate> {
	return async (view) =>
		createGate(
			await storeGateSources(view, {
				transformKey: sources.transformKey,
				nodeIdentity: sources.nodeIdentity,
				now: () => sources.now(),
				recordDerived: false,
			}),
		);
}
