// Public face of STIX 2.1 validation: one function, a registry of issue codes, and the shared issue type.
export type { ValidationIssue } from "../core.ts";
export { ISSUE_CODES, type IssueCode } from "./issue-codes.ts";
export { isKnownType, validateObject } from "./validate-object.ts";
export { pathSegments } from "./walk.ts";
