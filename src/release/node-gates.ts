// Part of the composition root: the node's gates as main.ts builds them, so that tests build theirs the same way.
import type { Logger } from "../log/index.ts";
import { createGate, type EgressGate, type GateSources, guardedGate } from "../policy/index.ts";
import type { Store } from "../store/index.ts";
import { storeGateSources } from "./gate-sources.ts";
import { incidentSink, storeInvariantSources } from "./invariant-sources.ts";
import { previewGates } from "./preview-gate.ts";

/** The one egress gate every exit asks, and the same gate over a preview's pending store. */
export interface NodeGates {
	/** The gate over the store, guarded by the policy's invariants (D37). */
	gate: EgressGate;
	/** The same gate (unguarded: a preview releases nothing) over another view of the store (D26). */
	previewGate: (view: Store) => Promise<EgressGate>;
}

export interface NodeGateOptions {
	/**
	 * Builds the gate the invariants guard; default `createGate`. Tests pass a deliberately broken one to show
	 * that the invariants alone stop what must not leave (D37).
	 */
	gate?: (sources: GateSources) => EgressGate;
	/** The clock the gate and the invariants judge agreements and dates at; default the wall clock (tests move it). */
	now?: () => Date;
}

/**
 * Builds the node's gates over `store`: its sources (policy, markings, inheritance, the transform key), the gate
 * guarded by the invariants with incidents recorded in the store and logged to `logger`, and the preview gate
 * sharing the sources' key, identity and clock. Call it once the node's own organisations exist: the first is the
 * identity transformed copies are derived by.
 * @example const { gate, previewGate } = await nodeGates(store, logger);
 */
export async function nodeGates(
	store: Store,
	logger: Logger,
	options: NodeGateOptions = {},
): Promise<NodeGates> {
	const sources = await storeGateSources(store, options.now === undefined ? {} : { now: options.now });
	// The invariants check every copy the gate releases, with nothing of the gate's code or sources (D37).
	const inner = (options.gate ?? createGate)(sources);
	const gate = guardedGate(inner, storeInvariantSources(store, options.now), incidentSink(store, logger));
	return { gate, previewGate: previewGates(sources) };
}
