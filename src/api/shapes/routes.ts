// Every REST route's method, path and shapes, in one table. The route files define their commands by its keys
// (`defineRoute({ route: "GET /objects/{id}", … })`), so the server validates, answers and documents exactly these;
// the web UI types its requests by the same table (ApiRouteMap, `import type` only, so zod stays out of its bundle).
import type { z } from "zod";
import { MeResult } from "./account.ts";
import { AuditExportQuery, AuditExportText, AuditPage, AuditQueryParams } from "./audit.ts";
import { DashboardQuery, DashboardResult, SamplesLoaded } from "./dashboard.ts";
import { ExportParams, ExportQuery, ExportText } from "./export.ts";
import { FeedBody, FeedIdParams, FeedPulled, FeedResult, FeedsResult } from "./feeds.ts";
import { ImportCommitBody, ImportDraft, ImportPreview, ImportTextBody } from "./import.ts";
import { MispImportBody, MispImportResult } from "./misp.ts";
import {
	AutocompleteResult,
	FacetsResult,
	ObjectEntry,
	ReferrersResult,
	SearchResult,
	VersionsResult,
} from "./objects.ts";
import { PatternEvaluateBody, PatternEvaluation } from "./patterns.ts";
import { ExplainResult, PolicyApplied, PolicyResult, PolicyVersions, PreviewResult } from "./policy.ts";
import {
	PolicyApplyBody,
	PolicyApplyQuery,
	PolicyDiff,
	PolicyDiffQuery,
	PolicyEditBody,
	PolicyEdited,
	PolicyFileSchema,
	PolicyRollbackBody,
	PolicyValidation,
} from "./policy-edit.ts";
import { ImpactJob, ImpactJobParams, ImpactJobStarted, ImpactJsonBody } from "./policy-impact.ts";
import {
	QuarantineActionBody,
	QuarantineDecided,
	QuarantineEntry,
	QuarantineIdParams,
	QuarantineList,
	QuarantineQuery,
} from "./quarantine.ts";
import {
	AutocompleteQuery,
	ExplainQuery,
	ObjectIdParams,
	PolicyJsonBody,
	PolicyQuery,
	PreviewQuery,
	PurposeQuery,
	ReferrersQuery,
	SearchQuery,
	ShareBody,
	ShareQuery,
} from "./requests.ts";
import {
	ClassifyQuery,
	CorrelationsQuery,
	CorrelationsResult,
	FacetsQuery,
	MatchBody,
	MatchResult,
	SuggestQuery,
	SuggestResult,
	ValuePage,
	ValueParams,
	ValueQuery,
} from "./search.ts";
import { DraftPreview, PublishResult } from "./share.ts";
import { RecordedSighting, SightingBody, SightingsResult } from "./sightings.ts";
import {
	SubscriptionBody,
	SubscriptionCreated,
	SubscriptionList,
	SubscriptionParams,
	SubscriptionView,
} from "./stream.ts";
import { RoleBody, UserBody, UserIdParams, UserResult, UsersResult, UserWithToken } from "./users.ts";
import { WarninglistCheckBody, WarninglistCheckResult, WarninglistsResult } from "./warninglists.ts";
import {
	Acknowledged,
	AlertsQuery,
	AlertsResult,
	NoBody,
	Removed,
	WatchEntryAdded,
	WatchEntryBody,
	WatchIdParams,
	WatchListResult,
	WebhookBody,
	WebhookResult,
	WebhookSet,
	WebhookTested,
} from "./watch.ts";

/** A route's shapes: path parameters, query, JSON body (as the web sends it) and the 200 answer. */
export interface RouteShapes {
	params?: z.ZodType;
	query?: z.ZodType;
	body?: z.ZodType;
	answer: z.ZodType;
}

/** The REST API's routes, keyed `METHOD /path` below `/api/v1`, paths in OpenAPI form (`{id}`). */
export const API_ROUTES = {
	"GET /objects": { query: SearchQuery, answer: SearchResult },
	"POST /objects": { query: ShareQuery, body: ShareBody, answer: PublishResult },
	"GET /objects/{id}": { params: ObjectIdParams, query: PurposeQuery, answer: ObjectEntry },
	"GET /objects/{id}/versions": { params: ObjectIdParams, query: PurposeQuery, answer: VersionsResult },
	"GET /objects/{id}/referrers": { params: ObjectIdParams, query: ReferrersQuery, answer: ReferrersResult },
	"GET /autocomplete": { query: AutocompleteQuery, answer: AutocompleteResult },
	"GET /facets": { query: FacetsQuery, answer: FacetsResult },
	"GET /suggest": { query: SuggestQuery, answer: SuggestResult },
	"GET /values": { query: ClassifyQuery, answer: ValuePage },
	"GET /values/{kind}/{value}": { params: ValueParams, query: ValueQuery, answer: ValuePage },
	"GET /objects/{id}/correlations": {
		params: ObjectIdParams,
		query: CorrelationsQuery,
		answer: CorrelationsResult,
	},
	"POST /match": { body: MatchBody, answer: MatchResult },
	"GET /policy": { query: PolicyQuery, answer: PolicyResult },
	"PUT /policy": { query: PolicyApplyQuery, body: PolicyApplyBody, answer: PolicyApplied },
	"GET /policy/schema": { answer: PolicyFileSchema },
	"POST /policy/validate": { body: PolicyJsonBody, answer: PolicyValidation },
	"POST /policy/rollback": { body: PolicyRollbackBody, answer: PolicyApplied },
	"GET /policy/diff": { query: PolicyDiffQuery, answer: PolicyDiff },
	"POST /policy/edit": { body: PolicyEditBody, answer: PolicyEdited },
	"GET /policy/versions": { answer: PolicyVersions },
	"GET /policy/explain": { query: ExplainQuery, answer: ExplainResult },
	"GET /policy/preview": { query: PreviewQuery, answer: PreviewResult },
	"POST /policy/preview": { query: ShareQuery, body: ShareBody, answer: DraftPreview },
	"POST /policy/impact": { query: PurposeQuery, body: ImpactJsonBody, answer: ImpactJobStarted },
	"GET /policy/impact/{job}": { params: ImpactJobParams, answer: ImpactJob },
	"GET /me": { answer: MeResult },
	"POST /import/text/preview": { body: ImportTextBody, answer: ImportPreview },
	"POST /import/text/commit": { body: ImportCommitBody, answer: ImportDraft },
	"POST /import/misp": { query: ShareQuery, body: MispImportBody, answer: MispImportResult },
	"POST /patterns/evaluate": { body: PatternEvaluateBody, answer: PatternEvaluation },
	"POST /sightings": { body: SightingBody, answer: RecordedSighting },
	"GET /objects/{id}/sightings": { params: ObjectIdParams, query: PurposeQuery, answer: SightingsResult },
	"GET /watchlist": { answer: WatchListResult },
	"POST /watchlist": { body: WatchEntryBody, answer: WatchEntryAdded },
	"POST /watchlist/{id}/remove": { params: WatchIdParams, body: NoBody, answer: Removed },
	"GET /alerts": { query: AlertsQuery, answer: AlertsResult },
	"POST /alerts/{id}/acknowledge": { params: WatchIdParams, body: NoBody, answer: Acknowledged },
	"GET /webhook": { answer: WebhookResult },
	"POST /webhook": { body: WebhookBody, answer: WebhookSet },
	"POST /webhook/test": { body: NoBody, answer: WebhookTested },
	"POST /webhook/remove": { body: NoBody, answer: Removed },
	"GET /subscriptions": { answer: SubscriptionList },
	"POST /subscriptions": { body: SubscriptionBody, answer: SubscriptionCreated },
	"GET /subscriptions/{id}": { params: SubscriptionParams, answer: SubscriptionView },
	"POST /subscriptions/{id}/remove": { params: SubscriptionParams, body: NoBody, answer: Removed },
	"GET /warninglists": { answer: WarninglistsResult },
	"POST /warninglists/check": { body: WarninglistCheckBody, answer: WarninglistCheckResult },
	"GET /export/{format}": { params: ExportParams, query: ExportQuery, answer: ExportText },
	"GET /feeds": { answer: FeedsResult },
	"POST /feeds": { body: FeedBody, answer: FeedResult },
	"GET /feeds/{id}": { params: FeedIdParams, answer: FeedResult },
	"POST /feeds/{id}/pull": { params: FeedIdParams, body: NoBody, answer: FeedPulled },
	"POST /feeds/{id}/remove": { params: FeedIdParams, body: NoBody, answer: Removed },
	"GET /quarantine": { query: QuarantineQuery, answer: QuarantineList },
	"GET /quarantine/{id}": { params: QuarantineIdParams, answer: QuarantineEntry },
	"POST /quarantine/{id}/accept": {
		params: QuarantineIdParams,
		body: QuarantineActionBody,
		answer: QuarantineDecided,
	},
	"POST /quarantine/{id}/reject": {
		params: QuarantineIdParams,
		body: QuarantineActionBody,
		answer: QuarantineDecided,
	},
	"POST /quarantine/{id}/hold": {
		params: QuarantineIdParams,
		body: QuarantineActionBody,
		answer: QuarantineDecided,
	},
	"GET /users": { answer: UsersResult },
	"POST /users": { body: UserBody, answer: UserWithToken },
	"POST /users/{id}/role": { params: UserIdParams, body: RoleBody, answer: UserResult },
	"POST /users/{id}/token": { params: UserIdParams, body: NoBody, answer: UserWithToken },
	"POST /users/{id}/token/revoke": { params: UserIdParams, body: NoBody, answer: UserResult },
	"GET /audit": { query: AuditQueryParams, answer: AuditPage },
	"GET /audit/export": { query: AuditExportQuery, answer: AuditExportText },
	"GET /dashboard": { query: DashboardQuery, answer: DashboardResult },
	"POST /samples": { body: NoBody, answer: SamplesLoaded },
} as const satisfies Record<string, RouteShapes>;

export type RouteKey = keyof typeof API_ROUTES;

/** The input type of a route's `part`, or `{}` when the route has none. */
type InputOf<Shapes, Part extends string> =
	Shapes extends Record<Part, infer Schema extends z.ZodType> ? z.input<Schema> : Record<never, never>;
/** A query as a client writes it: what the schema accepts, coerced fields (`limit`) as string or number. */
type WireQuery<Input> = {
	[Field in keyof Input]: (unknown extends Input[Field] ? string | number : Input[Field]) | undefined;
};

/**
 * What a client sends to and gets from each route: `params` fill the path's `{…}`, `query` is what the query
 * schema accepts, `body` what the JSON body schema accepts (`never` without one), `answer` the 200 answer.
 * @example type Entry = ApiRouteMap["GET /objects/{id}"]["answer"]; // ObjectEntry
 */
export type ApiRouteMap = {
	[Key in RouteKey]: {
		params: InputOf<(typeof API_ROUTES)[Key], "params">;
		query: WireQuery<InputOf<(typeof API_ROUTES)[Key], "query">>;
		body: (typeof API_ROUTES)[Key] extends { body: infer Schema extends z.ZodType } ? z.input<Schema> : never;
		answer: z.output<(typeof API_ROUTES)[Key]["answer"]>;
	};
};
