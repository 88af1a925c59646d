// The policy-editing routes as the policy screen calls them (docs/api.md "Policy editing"): validate, schema, form
// edits, impact jobs, apply with a base version, rollback and diff; and the details of their 409 answers.
import { ApiError, apiRequest } from "../api/client.ts";
import type { PolicyApplied, PolicyFileError } from "../api/types.ts";

export type { PolicyFileError };

/** `POST /policy/validate`: every error, located; never applies. */
export interface PolicyValidation {
	ok: boolean;
	errors: PolicyFileError[];
}

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

/** The form changes `POST /policy/edit` makes to the YAML (comments and layout kept; docs/api.md, D63). */
export type PolicyChange =
	| {
			kind: "add-party";
			key: string;
			party: {
				id: string;
				name: string;
				sector: string;
				jurisdictions: string[];
				trustTier: number;
				node?: string;
			};
	  }
	| {
			kind: "add-agreement";
			key: string;
			agreement: {
				name: string;
				kind: "bilateral" | "multilateral";
				purposes: string[];
				tlpCeiling: string;
				validity: { from: string; until?: string };
				parties?: string[];
			};
	  }
	| { kind: "set-ceiling"; target: "party" | "agreement"; key: string; tlpCeiling: string }
	| { kind: "set-purposes"; agreement: string; purposes: string[] }
	| { kind: "set-legal-basis-window"; jurisdiction: string; basis: string; from: string; until?: string };

export interface PolicyEdited {
	text: string;
	errors: PolicyFileError[];
}

export interface ImpactExample {
	id: string;
	type: string;
	name?: string;
	/** The deciding rule under the proposed policy (`scope.tlp`), and its words. */
	rule: string;
	reason?: string;
}

export interface PartyImpact {
	id: string;
	name: string;
	before: number;
	after: number;
	gained: number;
	lost: number;
	gainedExamples: ImpactExample[];
	lostExamples: ImpactExample[];
}

export interface ImpactResult {
	baseVersion: number;
	purpose?: string;
	objects: number;
	parties: PartyImpact[];
}

export interface ImpactJob {
	state: "running" | "done" | "failed";
	/** What `done` of `total` counts: reading the store, deciding classes of objects, or objects one by one. */
	phase?: "reading" | "deciding" | "per-object";
	done: number;
	total: number;
	startedAt: string;
	result?: ImpactResult;
	error?: string;
}

export interface PolicyDiffLine {
	op: "=" | "+" | "-";
	text: string;
	fromLine?: number;
	toLine?: number;
}

export interface PolicyDiff {
	from: { version: number; text: string };
	to: { version: number; text: string };
	lines: PolicyDiffLine[];
}

/** Who applied the version a stale change collided with (409 E_POLICY_CONFLICT's `current`). */
export interface CurrentVersion {
	version: number;
	appliedAt: string;
	appliedBy: string;
}

export function validatePolicy(token: string, text: string, signal: AbortSignal): Promise<PolicyValidation> {
	return apiRequest(token, "POST", "/policy/validate", { text }, { signal });
}

export function policySchema(token: string, signal?: AbortSignal): Promise<JsonSchema> {
	return apiRequest(token, "GET", "/policy/schema", undefined, { signal });
}

export function editPolicy(token: string, text: string, change: PolicyChange): Promise<PolicyEdited> {
	return apiRequest(token, "POST", "/policy/edit", { text, change });
}

/** Starts an impact preview of `text` for `purpose` (the purpose the screen asks for). */
export function startImpact(
	token: string,
	text: string,
	purpose: string,
): Promise<{ job: string; total: number }> {
	return apiRequest(token, "POST", "/policy/impact", { text }, { query: { purpose } });
}

export function impactJob(token: string, job: string, signal?: AbortSignal): Promise<ImpactJob> {
	return apiRequest(token, "GET", `/policy/impact/${encodeURIComponent(job)}`, undefined, { signal });
}

export function policyDiff(
	token: string,
	from: number,
	to: number,
	signal?: AbortSignal,
): Promise<PolicyDiff> {
	return apiRequest(token, "GET", "/policy/diff", undefined, { query: { from, to }, signal });
}

/** `PUT /policy` from `baseVersion`: 409 when another version was applied since, or when it cuts off every partner. */
export function applyPolicy(
	token: string,
	change: { text: string; baseVersion: number; confirmCutOff: boolean },
): Promise<PolicyApplied> {
	return apiRequest(token, "PUT", "/policy", change);
}

/** `POST /policy/rollback`: version `version`'s text applied again as a new version (the same 409s as apply). */
export function rollbackPolicy(
	token: string,
	change: { version: number; baseVersion: number; confirmCutOff: boolean },
): Promise<PolicyApplied> {
	return apiRequest(token, "POST", "/policy/rollback", change);
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
