// Public face of release/: what leaves the node, to whom — the egress gate built over the store (its sources),
// the same gate over a preview's pending store, and what the invariants read and where their incidents go.

export { type GateSourceOptions, storeGateSources } from "./gate-sources.ts";
export {
	type ImpactExample,
	type ImpactOptions,
	type ImpactProgress,
	impactTotal,
	type PartyImpact,
	type PolicyImpact,
	policyImpact,
} from "./impact/policy-impact.ts";
export { incidentSink, storeInvariantSources } from "./invariant-sources.ts";
export { type NodeGateOptions, type NodeGates, nodeGates } from "./node-gates.ts";
export { previewGates } from "./preview-gate.ts";
export {
	NOT_EXPLAINED,
	RELEASED_ALONE,
	type ReleaseCounter,
	type ReleaseCounterOptions,
	releaseCounter,
} from "./release-count.ts";
