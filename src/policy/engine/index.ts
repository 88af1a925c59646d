// Public face of policy/engine/: compile a policy once, then decide per object, recipient and purpose.
//
// Order of evaluation (RULES): marking.flag → marking.unknown → handling.h2/h1/h0/h3 → recipient.status →
// recipient.same-house (full) → iep.window → iep.resale → agreement.validity → law.purpose → law.evidence →
// agreement.evaluation → law.transfer → scope.onward → scope.tlp → scope.audience → field.granular →
// field.agreement → iep.attribution → obligation.pap → obligation.tlp → obligation.iep → obligation.retention → form.
// Deny overrides; the strictest marking (own or inherited) wins; no TLP counts as TLP:AMBER.
export type { CompiledAgreement, CompiledParty, CompiledPolicy } from "./compile.ts";
export { compilePolicy } from "./compile.ts";
export {
	AWAITING_REFERENCES_FLAG,
	AWAITING_REFERENCES_REASON,
	type DecideOptions,
	decide,
	UNKNOWN_MARKING_FLAG,
} from "./decide.ts";
export type { MarkingDefinitions } from "./markings.ts";
export {
	type FilteredReferences,
	filteredReferenceIds,
	isReleasedInline,
	NOT_FILTERED,
	releasableRefs,
} from "./references.ts";
export { RULES, type RuleName } from "./rule-names.ts";
