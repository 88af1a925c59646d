// The records a store keeps for the sharing policy: every applied version, with the file it came from.
import { AppError } from "../errors/index.ts";
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

/**
 * The refusal of a policy put whose expected latest version is not the latest (D63): names the version applied
 * since, when and by whom, and the fix. `current` is undefined when the store holds no version at all.
 */
export function policyConflict(expected: number, current: PolicyVersionInfo | undefined): AppError {
	const latest = current?.version ?? 0;
	const since =
		current === undefined
			? "no policy version has been applied yet"
			: `policy version ${current.version} was applied at ${current.appliedAt} by ${current.appliedBy}`;
	return new AppError(
		"E_POLICY_CONFLICT",
		`your change is based on version ${expected}, but ${since}; rebase your change on version ${latest} and apply again (nothing was applied)`,
		{ details: { baseVersion: expected, current: current ?? null } },
	);
}
