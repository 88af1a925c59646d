// The policy-editing routes as the policy screen calls them (docs/api.md "Policy editing"): validate, schema, form
// edits, impact jobs, apply with a base version, rollback and diff; and the details of their 409 answers.
import { ApiError, apiGet, apiPost, apiPut } from "../api/client.ts";
import type {
	ImpactJob,
	ImpactJobStarted,
	PolicyApplied,
	PolicyChange,
	PolicyDiff,
	PolicyEdited,
	PolicyFileError,
	PolicyImpactResult,
	PolicyValidation,
	Purpose,
} from "../api/types.ts";

export type {
	ImpactExample,
	ImpactJob,
	PartyImpact,
	PolicyChange,
	PolicyDiff,
	PolicyDiffLine,
	PolicyFileError,
} from "../api/types.ts";

/** A JSON Schema (2020-12) node, as far as completion reads it. */
export interface JsonSchema {
	type?: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	additionalProperties?: JsonSchema | boolean;
	items?: JsonSchema;
	enum?: unknown[];
	const?: unknown;
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	allOf?: JsonSchema[];
	$ref?: string;
	$defs?: Record<string, JsonSchema>;
	definitions?: Record<string, JsonSchema>;
}

/** A finished impact preview's answer (D62). */
export type ImpactResult = PolicyImpactResult;

/** Who applied the version a stale change collided with (409 E_POLICY_CONFLICT's `current`). */
export interface CurrentVersion {
	version: number;
	appliedAt: string;
	appliedBy: string;
}

export function validatePolicy(token: string, text: string, signal: AbortSignal): Promise<PolicyValidation> {
	return apiPost(token, "/policy/validate", { text }, { signal });
}

/** The policy file's JSON Schema, as completion reads it. */
export async function policySchema(token: string, signal?: AbortSignal): Promise<JsonSchema> {
	return (await apiGet(token, "/policy/schema", { signal })) as JsonSchema;
}

export function editPolicy(token: string, text: string, change: PolicyChange): Promise<PolicyEdited> {
	return apiPost(token, "/policy/edit", { text, change });
}

/** Starts an impact preview of `text` for `purpose` (the purpose the screen asks for). */
export function startImpact(token: string, text: string, purpose: Purpose): Promise<ImpactJobStarted> {
	return apiPost(token, "/policy/impact", { text }, { query: { purpose } });
}

export function impactJob(token: string, job: string, signal?: AbortSignal): Promise<ImpactJob> {
	return apiGet(token, "/policy/impact/{job}", { params: { job }, signal });
}

export function policyDiff(
	token: string,
	from: number,
	to: number,
	signal?: AbortSignal,
): Promise<PolicyDiff> {
	return apiGet(token, "/policy/diff", { query: { from, to }, signal });
}

/** `PUT /policy` from `baseVersion`: 409 when another version was applied since, or when it cuts off every partner. */
export function applyPolicy(
	token: string,
	change: { text: string; baseVersion: number; confirmCutOff: boolean },
): Promise<PolicyApplied> {
	return apiPut(token, "/policy", change);
}

/** `POST /policy/rollback`: version `version`'s text applied again as a new version (the same 409s as apply). */
export function rollbackPolicy(
	token: string,
	change: { version: number; baseVersion: number; confirmCutOff: boolean },
): Promise<PolicyApplied> {
	return apiPost(token, "/policy/rollback", change);
}

/** The version a 409 E_POLICY_CONFLICT names, or undefined for any other error. */
export function conflictOf(error: unknown): CurrentVersion | undefined {
	if (!(error instanceof ApiError) || error.code !== "E_POLICY_CONFLICT") return undefined;
	const current = error.details.current as Partial<CurrentVersion> | undefined;
	if (typeof current?.version !== "number") return undefined;
	return {
		version: current.version,
		appliedAt: String(current.appliedAt ?? ""),
		appliedBy: String(current.appliedBy ?? "someone"),
	};
}

/** The parties a 409 E_POLICY_CUTS_OFF_PARTNERS names (by name where the node gave one), or undefined. */
export function cutOffPartiesOf(error: unknown): string[] | undefined {
	if (!(error instanceof ApiError) || error.code !== "E_POLICY_CUTS_OFF_PARTNERS") return undefined;
	const parties = Array.isArray(error.details.parties) ? (error.details.parties as unknown[]) : [];
	return parties.map((party) => {
		if (typeof party === "string") return party;
		const named = party as { name?: unknown; id?: unknown; reason?: unknown };
		const name = String(named.name ?? named.id ?? "a party");
		return typeof named.reason === "string" ? `${name} (${named.reason.replaceAll("-", " ")})` : name;
	});
}

/** The located errors of a 400 E_POLICY_INVALID (or of the impact route's 400), else an empty list. */
export function fileErrorsOf(error: unknown): PolicyFileError[] {
	if (!(error instanceof ApiError) || !Array.isArray(error.details.errors)) return [];
	return error.details.errors as PolicyFileError[];
}
