// Public face of policy/: what may leave the node, for whom.

export { type CutOffParty, partnersCutOff } from "./cut-off.ts";
export {
	type CompiledPolicy,
	compilePolicy,
	filteredReferenceIds,
	type MarkingDefinitions,
} from "./engine/index.ts";
export {
	type EntryFields,
	editPolicyText,
	type ParsePolicyOptions,
	type PolicyChange,
	type PolicyEditResult,
	type PolicyFileError,
	type PolicyFileResult,
	parsePolicyFile,
	policyFileForNode,
	policyFileJsonSchema,
} from "./file/index.ts";
export {
	createGate,
	type DerivedId,
	decidingStep,
	type EgressGate,
	type GateSources,
	type Inherited,
	isStatement,
	isStixIndicator,
	type Mention,
	originatorOf,
	type PartyPreview,
	patternMentions,
	type ReleasableVersion,
	rolesByType,
	type Viewer,
} from "./gate/index.ts";
export {
	enabledInvariants,
	guardedGate,
	type Incident,
	type IncidentSink,
	type InvariantSources,
} from "./invariants/index.ts";
export { type DiffLine, diffLines } from "./line-diff.ts";
export type {
	AppliedTreatment,
	Decision,
	InvariantName,
	InvariantOff,
	Party,
	Policy,
	Purpose,
	TraceStep,
	Verdict,
} from "./model.ts";
export { CUT_OFF_REASONS, type CutOffReason, DEFAULT_PURPOSE, INVARIANTS, PURPOSES } from "./model.ts";
export { type PolicySummary, summarisePolicy } from "./summary.ts";
