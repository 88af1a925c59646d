// Applying a policy text through the API (PUT /policy, POST /policy/rollback): validated whole, on the version it was
// edited from (409 E_POLICY_CONFLICT), and confirmed when it would cut every partner off (409, D63).
import type { Context } from "hono";
import { AppError } from "../errors/index.ts";
import {
	type CutOffParty,
	type PolicyFileError,
	type PolicySummary,
	parsePolicyFile,
	partnersCutOff,
	summarisePolicy,
} from "../policy/index.ts";
import { policyConflict, type User } from "../store/index.ts";
import type { ApiServices } from "./services.ts";
import { invalidInput } from "./validate.ts";

/** What an apply asks: the text, the version it was edited from (absent: apply on whatever is latest), the cut-off confirmation. */
export interface ApplyRequest {
	text: string;
	baseVersion?: number | undefined;
	confirmCutOff?: boolean | undefined;
}

/** The answer of PUT /policy and POST /policy/rollback. */
export interface Applied {
	version: number;
	appliedAt: string;
	applied: boolean;
	summary: PolicySummary;
}

/** The refusal of a file with errors: every error located (`details.errors`), nothing applied. */
export function policyInvalid(errors: readonly PolicyFileError[]): AppError {
	return new AppError(
		"E_POLICY_INVALID",
		`${errors.length} error(s) in the policy file; nothing was applied`,
		{
			details: { errors },
		},
	);
}

/** The refusal of a policy that would cut every partner off, naming each and why, with the way to confirm. */
export function cutsOffPartners(parties: readonly CutOffParty[], confirm: string): AppError {
	const named = parties.map((party) => `${party.name} (${party.reason})`).join(", ");
	return new AppError(
		"E_POLICY_CUTS_OFF_PARTNERS",
		`this policy would leave every partner receiving nothing beyond TLP:CLEAR: ${named}; ${confirm} to apply it anyway (nothing was applied)`,
		{ details: { parties } },
	);
}

/**
 * Validates `request.text` and stores it as the next version: 400 with every error, 409 when `baseVersion` is not
 * the latest (checked again in the store's insert transaction, so of two operators on one base exactly one wins),
 * 409 when every partner would be cut off and it is not confirmed. A text equal to the latest is not stored again.
 */
export async function applyPolicyText(
	services: ApiServices,
	user: User,
	request: ApplyRequest,
): Promise<Applied> {
	const { store } = services;
	const result = parsePolicyFile(request.text, "policy.yaml", { nodeName: services.nodeName });
	if (!result.ok) throw policyInvalid(result.errors);
	const summary = summarisePolicy(result.policy);
	const latest = await store.getPolicy();
	const latestVersion = latest?.version ?? 0;
	if (request.baseVersion !== undefined && request.baseVersion !== latestVersion) {
		const current =
			latest === undefined
				? undefined
				: { version: latest.version, appliedAt: latest.appliedAt, appliedBy: latest.appliedBy };
		throw policyConflict(request.baseVersion, current);
	}
	if (request.confirmCutOff !== true) {
		const cutOff = partnersCutOff(result.policy, latest?.policy, new Date());
		if (cutOff.length > 0) throw cutsOffPartners(cutOff, "send confirmCutOff: true");
	}
	if (latest !== undefined && latest.text === request.text)
		return { version: latest.version, appliedAt: latest.appliedAt, applied: false, summary };
	const stored = await store.putPolicy(
		{ text: request.text, policy: result.policy, appliedBy: `api:${user.name}` },
		request.baseVersion,
	);
	return { version: stored.version, appliedAt: stored.appliedAt, applied: true, summary };
}

/**
 * The base version an `If-Match` header names (`"3"`, `W/"3"` or `3`), or undefined without one.
 * @throws AppError E_API_PARAMETER when it names no version.
 */
export function ifMatchVersion(context: Context): number | undefined {
	const header = context.req.header("if-match");
	if (header === undefined) return undefined;
	const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
	if (match === null)
		throw invalidInput([
			{
				path: ["header", "if-match"],
				code: "invalid_format",
				message: 'If-Match names the policy version your change starts from, e.g. If-Match: "3"',
			},
		]);
	return Number(match[1]);
}
