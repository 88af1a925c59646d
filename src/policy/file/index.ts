// Public face of policy/file/: the human-edited policy file, read into a Policy with every error located.
export { type EntryFields, editPolicyText, type PolicyChange, type PolicyEditResult } from "./edit.ts";
export { policyFileForNode } from "./for-node.ts";
export { policyFileJsonSchema } from "./json-schema.ts";
export {
	type ParsePolicyOptions,
	type PolicyFileError,
	type PolicyFileResult,
	parsePolicyFile,
} from "./parse-policy-file.ts";
export { POLICY_FILE_FORMAT } from "./schema.ts";
