// The REST API as a Hono sub-app: authenticate → (per route) validate → authorize → command → present as JSON.
import { randomBytes } from "node:crypto";
import { type ErrorHandler, Hono } from "hono";
import { SignInGuard, sourceAddressOf } from "../accounts/index.ts";
import type { BodyBudget } from "../body/index.ts";
import { AppError } from "../errors/index.ts";
import type { Store, User } from "../store/index.ts";
import { accountRoutes } from "./account-routes.ts";
import { auditRoutes } from "./audit-routes.ts";
import { authenticateRequest } from "./authenticate.ts";
import { cursorSeal } from "./cursor.ts";
import { dashboardRoutes } from "./dashboard-routes.ts";
import { discoveryRoutes, FACET_READS } from "./discovery-routes.ts";
import { exportRoutes } from "./export-routes.ts";
import { feedRoutes } from "./feed-routes.ts";
import type { ApiGate } from "./gate.ts";
import type { PolicyImpactService } from "./impact-jobs.ts";
import { importRoutes } from "./import-routes.ts";
import { objectRoutes } from "./object-routes.ts";
import { openApiDocument } from "./openapi.ts";
import { patternRoutes } from "./pattern-routes.ts";
import { policyEditRoutes } from "./policy-edit-routes.ts";
import { policyImpactRoutes } from "./policy-impact-routes.ts";
import { policyRoutes } from "./policy-routes.ts";
import { quarantineRoutes } from "./quarantine-routes.ts";
import { type ApiRoute, honoPath } from "./route.ts";
import { searchRoutes } from "./search-routes.ts";
import type { ApiServices, FeedServices, IntelServices, WebhookSettings } from "./services.ts";
import type { RequestRate } from "./shapes/index.ts";
import { shareRoutes } from "./share-routes.ts";
import { sightingRoutes } from "./sighting-routes.ts";
import { ReleaseFeed } from "./stream/release-feed.ts";
import { DEFAULT_STREAM_SETTINGS, type StreamSettings, streamHandler } from "./stream/stream-route.ts";
import { subscriptionRoutes } from "./subscription-routes.ts";
import { userRoutes } from "./user-routes.ts";
import { warninglistRoutes } from "./warninglist-routes.ts";
import { watchRoutes } from "./watch-routes.ts";
import { webhookRoutes } from "./webhook-routes.ts";

/** Where server/ mounts the API. */
export const API_BASE = "/api/v1";

/** 1 MiB: policy files are small, and so are the bundles an analyst previews and publishes. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** `local`: the user's organisation is one of the node's own (policy, metrics: D35). */
export type ApiEnv = { Variables: { user: User; local: boolean } };

export interface ApiDependencies {
	store: Store;
	/** The one egress gate (policy/'s EgressGate); every object the API emits comes out of it. */
	gate: ApiGate;
	/**
	 * The same gate over another view of the store: previews judge the request's objects over a pending
	 * store with it (main.ts: src/release/preview-gate.ts; D26).
	 */
	previewGate: (view: Store) => Promise<ApiGate>;
	nodeName: string;
	/** The node's version, shown in the OpenAPI document. */
	version: string;
	/** Turns thrown errors into responses (server/ owns statuses and the error body). */
	onError: ErrorHandler<ApiEnv>;
	/** 32-byte key sealing search cursors; by default a fresh one per app (cursors end with the process). */
	cursorKey?: Uint8Array;
	maxBodyBytes?: number;
	/** Store reads GET /facets makes without `q` (FACET_READS by default; tests lower it). */
	facetReads?: number;
	/** Who signs in: server/ passes the node's one guard, shared with TAXII; by default one of the API's own. */
	signIn?: SignInGuard;
	/** The node-wide body budget (main.ts builds one per node; server/ releases each request's share). */
	bodies?: BodyBudget;
	/** The observable index (main.ts: intel/'s openLiveIndex). */
	intel?: IntelServices;
	/** The webhook rules (config `webhooks.*`, D51); default public receivers only. */
	webhooks?: WebhookSettings;
	/**
	 * The release stream (D59): the node's commit-log feed (main.ts wakes it from the commit listener and closes it
	 * on shutdown, which ends every open stream) and its limits; by default a feed of the API's own, polling.
	 */
	stream?: { feed?: ReleaseFeed; settings?: Partial<StreamSettings> };
	/** Feed subscriptions (D55): main.ts wires feeds/ in. */
	feeds?: FeedServices;
	/** A policy change's impact (D62): main.ts wires release/'s policyImpact in. */
	policyImpact?: PolicyImpactService;
	/** Requests per minute by family for the dashboard (D67; server/ counts them); absent: none shown. */
	requestRates?: () => readonly RequestRate[];
}

/** Every route of the API, over `services`; the OpenAPI document is written from the same list. */
export function apiRoutes(services: ApiServices): ApiRoute[] {
	return [
		...objectRoutes(services),
		...discoveryRoutes(services),
		...searchRoutes(services),
		...policyRoutes(services),
		...policyEditRoutes(services),
		...policyImpactRoutes(services),
		...shareRoutes(services),
		...importRoutes(services),
		...patternRoutes(services),
		...sightingRoutes(services),
		...accountRoutes(services),
		...watchRoutes(services),
		...webhookRoutes(services),
		...subscriptionRoutes(services),
		...warninglistRoutes(services),
		...exportRoutes(services),
		...feedRoutes(services),
		...quarantineRoutes(services),
		...userRoutes(services),
		...auditRoutes(services),
		...dashboardRoutes(services),
	];
}

/**
 * Builds the REST API with routes relative to its mount point; mount it at API_BASE.
 * `GET /openapi.json` needs no credentials; everything else does (bearer token, or Basic as TAXII).
 * @example app.route(API_BASE, createApiApp({ store, gate, nodeName, version, onError }))
 */
export function createApiApp(deps: ApiDependencies): Hono<ApiEnv> {
	const services: ApiServices = {
		store: deps.store,
		gate: deps.gate,
		previewGate: deps.previewGate,
		nodeName: deps.nodeName,
		cursors: cursorSeal(deps.cursorKey ?? randomBytes(32)),
		maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
		facetReads: deps.facetReads ?? FACET_READS,
		bodies: deps.bodies,
		intel: deps.intel,
		webhooks: deps.webhooks,
		feeds: deps.feeds,
		policyImpact: deps.policyImpact,
		requestRates: deps.requestRates,
	};
	const routes = apiRoutes(services);
	const document = openApiDocument(routes, { basePath: API_BASE, version: deps.version });
	const guard = deps.signIn ?? new SignInGuard(deps.store);
	const app = new Hono<ApiEnv>();
	app.onError(deps.onError);

	app.use(async (context, next) => {
		await next();
		// Answers depend on who asks and on the policy of the moment: no intermediary may keep them.
		context.res.headers.set("Cache-Control", "no-store");
	});
	app.get("/openapi.json", (context) => context.json(document));
	app.use(async (context, next) => {
		const { user, local } = await authenticateRequest(
			guard,
			context.req.header("authorization"),
			sourceAddressOf(context.env),
		);
		context.set("user", user);
		context.set("local", local);
		await next();
	});
	app.get(
		"/stream",
		streamHandler({
			store: deps.store,
			gate: deps.gate,
			feed: deps.stream?.feed ?? new ReleaseFeed({ store: deps.store, pollMs: 1000, pageSize: 500 }),
			settings: { ...DEFAULT_STREAM_SETTINGS, ...deps.stream?.settings },
		}),
	);
	for (const route of routes) {
		app.on(route.method.toUpperCase(), honoPath(route.path), async (context) => {
			const answer = await route.run(context, context.get("user"), async () => context.get("local"));
			// A streamed answer (a route that `produces` text, e.g. GET /export/{format}) is sent as it is.
			return answer instanceof Response ? answer : context.json(answer, route.status ?? 200);
		});
	}
	app.all("*", (context) => {
		throw new AppError(
			"E_API_NO_SUCH_ROUTE",
			`no route ${context.req.method} ${context.req.path}; see ${API_BASE}/openapi.json`,
		);
	});
	return app;
}
