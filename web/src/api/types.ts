// The REST API's answers as the UI reads them (GET /api/v1/openapi.json is the contract; src/api/schemas.ts writes it).

export const PURPOSES = [
	"network-defence",
	"crime-prevention",
	"criminal-investigation",
	"judicial-proceedings",
	"research",
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const VERDICTS = ["full", "transformed", "match-only", "contact-originator", "deny"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ROLES = ["reader", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A STIX object as the gate released it to the requester (possibly transformed: then it has a new id). */
export interface StixObject {
	type: string;
	id: string;
	spec_version?: string;
	created?: string;
	modified?: string;
	created_by_ref?: string;
	name?: string;
	value?: string;
	object_marking_refs?: string[];
	[property: string]: unknown;
}

export interface ObjectEntry {
	object: StixObject;
	dateAdded: string;
}

export interface SearchResult {
	items: ObjectEntry[];
	next?: string;
}

export interface VersionsResult {
	id: string;
	items: ObjectEntry[];
}

export interface Suggestion {
	text: string;
	type: string;
	id: string;
}

export interface FacetsResult {
	total: number;
	types: Record<string, number>;
}

export interface PolicySummary {
	parties: number;
	localParties: number;
	jurisdictions: number;
	agreements: number;
	communities: number;
}

export interface PolicyVersionInfo {
	version: number;
	appliedAt: string;
	appliedBy: string;
}

export interface PolicyResult extends PolicyVersionInfo {
	summary: PolicySummary;
	text: string;
}

export interface Treatment {
	treatment: string;
	objectType: string;
	because: string;
	[property: string]: unknown;
}

export type TraceOutcome = "pass" | "deny" | "transform" | "restrict";

export interface TraceStep {
	rule: string;
	outcome: TraceOutcome;
	reason: string;
}

export interface Decision {
	verdict: Verdict;
	treatments: Treatment[];
	addMarkings: string[];
	trace: TraceStep[];
}

export interface ExplainResult {
	object: string;
	to: string;
	purpose: string;
	decision: Decision;
}

export interface PartyPreview {
	partyId: string;
	name: string;
	node: string;
	local: boolean;
	verdict: string;
	treatments: Treatment[];
	decidingRule: string;
	reason: string;
}

export interface PreviewResult {
	object: string;
	purpose: string;
	parties: PartyPreview[];
}

export interface MeResult {
	user: { id: string; name: string; role: Role };
	organization: { id: string; name: string; sectors: string[]; jurisdictions: string[] } | null;
	party: { id: string; name: string; sector: string; node: string; local: boolean } | null;
}

/** The error body every API error has (TAXII 2.1 error shape with a stable code). */
export interface ErrorBody {
	title?: string;
	description?: string;
	error_code?: string;
	http_status?: string;
	details?: Record<string, unknown>;
}
