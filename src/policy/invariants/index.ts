// Public face of policy/invariants/: promises about what leaves, checked after the gate by code that shares nothing with it (D37).
export {
	enabledInvariants,
	guardedGate,
	type Incident,
	type IncidentSink,
	type InvariantSources,
} from "./guarded-gate.ts";
export { INVARIANT_RULES, type InvariantRule, type Release } from "./rules.ts";
