// Public face of policy/: what may leave the node, for whom.

export {
	type ParsePolicyOptions,
	type PolicyFileError,
	type PolicyFileResult,
	parsePolicyFile,
} from "./file/index.ts";
export { type ReleasableVersion, releaseTo, type Viewer } from "./gate.ts";
export type { Policy } from "./model.ts";
