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

/**
 * A property through which a referrer names an object (GET /objects/{id}/referrers), by its path:
 * `object_refs`, `source_ref`, `target_ref`, `sighting_of_ref`, an observable's `src_ref`,
 * `extensions.archive-ext.contains_refs`, … (any reference property but markings and author).
 */
export type ReferenceKind = string;

export interface ReferrerEntry extends ObjectEntry {
	/** The properties of the released copy that name the object. */
	kinds: ReferenceKind[];
}

export interface ReferrersResult {
	id: string;
	items: ReferrerEntry[];
	next?: string;
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

export interface PolicyParty {
	id: string;
	name: string;
	node: string;
	local: boolean;
	status: "active" | "suspended";
}

export interface PolicyResult extends PolicyVersionInfo {
	summary: PolicySummary;
	parties: PolicyParty[];
	communities: { id: string; name: string }[];
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

/** One problem the STIX validator found in an object, at a JSONPath from the object's root (`$.pattern`). */
export interface StixIssue {
	path: string;
	code: string;
	message: string;
	severity: "error" | "warning";
}

/** What the gate would release to one party: the object as written, a changed copy, or nothing. */
export type PartyCopy =
	| { outcome: "as-written" | "withheld" }
	| { outcome: "changed"; changed: string[]; object: StixObject };

/** One object of POST /policy/preview: what publishing would do with it, and what every party would receive. */
export interface DraftObject {
	index: number;
	id: string;
	type: string;
	version: string;
	name?: string;
	outcome: "new" | "duplicate" | "quarantined";
	reason?: string;
	flags: string[];
	warnings: StixIssue[];
	changes?: string[];
	parties: PartyPreview[];
	decisions: Record<string, Decision>;
	copies: Record<string, PartyCopy>;
}

/** POST /policy/preview: nothing is stored. */
export interface DraftPreview {
	stored: false;
	note: string;
	purpose: Purpose;
	objects: DraftObject[];
}

/** An invalid input of a 400 answer (`details.issues`), located from the request's top. */
export interface InputIssue {
	path: (string | number)[];
	code: string;
	message: string;
}

export type PublishStatus = "stored" | "duplicate" | "quarantined" | "rejected";

/** POST /objects: what happened to each object. */
export interface PublishResult {
	counts: Record<PublishStatus, number>;
	results: {
		index: number;
		status: PublishStatus;
		id?: string;
		type?: string;
		version?: string;
		issues?: StixIssue[];
		reason?: string;
		flags?: string[];
	}[];
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
