// The records a store keeps for the sharing policy: every applied version, with the file it came from.
import type { Policy } from "../policy/index.ts";

/** What `entente policy apply` hands the store: the file as written and the policy parsed from it. */
export interface PolicyDocument {
	/** The policy file exactly as applied, comments included: what `policy show` gives back. */
	text: string;
	policy: Policy;
	/** Who applied it: a user name, or `cli` for the command line on the data directory. */
	appliedBy: string;
}

/** One applied version, without its content: a line of `policy history`. */
export interface PolicyVersionInfo {
	/** 1, 2, 3…: assigned by the store in the order versions are applied; never reused. */
	version: number;
	/** RFC 3339 with microseconds. */
	appliedAt: string;
	appliedBy: string;
}

/** An applied version with its content; `policy.version` equals `version`. */
export interface StoredPolicy extends PolicyVersionInfo {
	text: string;
	policy: Policy;
}
