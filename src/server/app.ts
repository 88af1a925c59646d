// HTTP composition: health, metrics, the TAXII 2.1 server, the REST API and the web UI, with errors mapped in one place.
import { type Handler, Hono } from "hono";
import { DEFAULT_RATE_LIMIT, SignInGuard, sourceAddressOf } from "../accounts/index.ts";
import { API_BASE, type ApiDependencies, createApiApp, type IntelServices } from "../api/index.ts";
import type { BodyBudget } from "../body/index.ts";
import type { Logger } from "../log/index.ts";
import { type EgressGate, INVARIANTS } from "../policy/index.ts";
import type { Store } from "../store/index.ts";
import {
	createMispFeedApp,
	createTaxiiApp,
	storeTaxiiRepository,
	type TaxiiOptions,
} from "../taxii/index.ts";
import { EqualTime, namesOneObject } from "./equal-time.ts";
import { errorResponse } from "./errors.ts";
import { bodyBudgetMetrics, type HttpMetrics, renderInvariantMetrics } from "./metrics.ts";
import { DEFAULT_WEB_ROOT, webUi } from "./web-ui.ts";

export interface AppDependencies {
	store: Store;
	/** The one egress gate every route that emits stored data calls (built in main.ts). */
	gate: EgressGate;
	/**
	 * The same gate over another view of the store: REST previews judge the request's objects over a
	 * pending store (src/store/pending-store.ts) with it. main.ts builds it (src/release/preview-gate.ts, D26).
	 */
	previewGate: (view: Store) => Promise<EgressGate>;
	logger: Logger;
	metrics: HttpMetrics;
	version: string;
	nodeName: string;
	/** TAXII server settings (API root, max_content_length, rate limit); defaults otherwise. */
	taxii?: Partial<TaxiiOptions>;
	/** HMAC key for TAXII `next` tokens; by default created once and kept in the store. */
	taxiiPageSecret?: Uint8Array;
	/**
	 * Federation (built by main.ts): its sub-app (handshake and push under /federation/v1, which answer
	 * every refusal themselves, signed) and the per-peer metrics appended to /metrics.
	 */
	federation?: { app: Hono; metrics: () => Promise<string> };
	/** REST API (/api/v1) settings: the key sealing search cursors, the largest body read; defaults otherwise. */
	api?: Partial<
		Pick<
			ApiDependencies,
			"cursorKey" | "maxBodyBytes" | "facetReads" | "webhooks" | "stream" | "feeds" | "policyImpact"
		>
	>;
	/** The built web UI served at "/" (`npm run build:web`); web/dist of this checkout by default. */
	webRoot?: string;
	/**
	 * The node-wide budget for request bodies (src/body), shared by TAXII, the REST API and federation
	 * (main.ts hands the same one to the federation app); each request's share is released here once its
	 * response is ready.
	 */
	bodies?: BodyBudget;
	/** The observable index the REST API's search and matching read (main.ts builds it). */
	intel?: IntelServices;
}

/** Builds the node's HTTP application. Pure composition: no listening, no globals. */
export function createApp(deps: AppDependencies): Hono {
	const app = new Hono();
	// One sign-in guard for every way in: a client switching between TAXII, REST and /metrics gets no extra
	// guesses or requests (D35).
	const signIn = new SignInGuard(deps.store, {
		userLimit: deps.taxii?.rateLimit ?? DEFAULT_RATE_LIMIT,
		logger: deps.logger,
	});
	applyCommonHandling(app, deps);
	// Federation first: its paths (/federation/v1/…) are outside TAXII's catch-all.
	if (deps.federation !== undefined) app.route("/", deps.federation.app);
	mountTaxiiAndApi(app, deps, signIn);
	app.get("/health", (context) =>
		context.json({ status: "ok", node: deps.nodeName, version: deps.version, ...indexHealth(deps.intel) }),
	);
	app.get("/metrics", metricsRoute(deps, signIn));
	// The web UI last: static files of its build, and index.html for the client's routes; it talks to /api/v1 only.
	app.get("*", webUi({ root: deps.webRoot ?? DEFAULT_WEB_ROOT }));
	return app;
}

/**
 * The observable index's state for /health, when the node builds it after listening (D60): "building" while index-
 * backed routes answer 503 with Retry-After, "failed" when they will until a restart, "ready" otherwise.
 */
function indexHealth(intel: IntelServices | undefined): { index?: "building" | "failed" | "ready" } {
	if (intel?.unavailable === undefined) return {};
	const unavailable = intel.unavailable();
	if (unavailable === undefined) return { index: "ready" };
	return { index: unavailable.retryAfterSeconds === undefined ? "failed" : "building" };
}

/** What every request goes through: its body's share released, counted, a 404 about one object timed, errors mapped. */
function applyCommonHandling(app: Hono, deps: AppDependencies): void {
	app.use(async (context, next) => {
		try {
			await next();
		} finally {
			deps.bodies?.release(context.req.raw);
		}
		deps.metrics.countRequest(context.req.method, context.res.status, context.req.path);
	});
	// Hidden ≡ missing in time too (D35): a 404 about one object leaves no sooner than the slow tail of such 404s.
	const equalTime = new EqualTime();
	app.use(async (context, next) => {
		const started = performance.now();
		await next();
		if (context.res.status === 404 && namesOneObject(context.req.path)) await equalTime.answer(started);
	});
	app.onError((error, context) => errorResponse(error, context, deps.logger));
	app.notFound((context) =>
		context.json({ title: "Not Found", description: "no such resource", http_status: "404" }, 404),
	);
}

/** TAXII 2.1 and the REST API, both through the one egress gate and the one sign-in guard. */
function mountTaxiiAndApi(app: Hono, deps: AppDependencies, signIn: SignInGuard): void {
	// TAXII 2.1: discovery at /taxii2/, the API root at /taxii2/{root}/ (§4.1, §4.2).
	app.route(
		"/",
		createTaxiiApp({
			store: deps.store,
			gate: deps.gate,
			nodeName: deps.nodeName,
			onError: (error, context) => errorResponse(error, context, deps.logger),
			signIn,
			...(deps.taxii === undefined ? {} : { options: deps.taxii }),
			...(deps.taxiiPageSecret === undefined ? {} : { pageSecret: deps.taxiiPageSecret }),
			...(deps.bodies === undefined ? {} : { bodies: deps.bodies }),
		}),
	);
	// Any collection as a MISP feed (D54), per user through the same gate and sign-in guard as TAXII.
	app.route(
		"/",
		createMispFeedApp({
			store: deps.store,
			gate: deps.gate,
			repository: storeTaxiiRepository(deps.store, deps.nodeName, () => Date.now() * 1000),
			signIn,
			onError: (error, context) => errorResponse(error, context, deps.logger),
		}),
	);
	// The REST API for the web UI and scripts, through the same egress gate as TAXII.
	app.route(
		API_BASE,
		createApiApp({
			...deps.api,
			...(deps.bodies === undefined ? {} : { bodies: deps.bodies }),
			...(deps.intel === undefined ? {} : { intel: deps.intel }),
			store: deps.store,
			gate: deps.gate,
			previewGate: deps.previewGate,
			nodeName: deps.nodeName,
			version: deps.version,
			onError: (error, context) => errorResponse(error, context, deps.logger),
			signIn,
			requestRates: () => deps.metrics.rates.rates(),
		}),
	);
}

/**
 * GET /metrics. Metrics describe the node's whole contents (counts of every object, released to anyone or
 * not), so only the operators may read them: admins, who are always of the node's own organisations (D35).
 */
function metricsRoute(deps: AppDependencies, signIn: SignInGuard): Handler {
	return async (context) => {
		const bearer = /^Bearer\s+\S+$/i.test(context.req.header("authorization") ?? "");
		const result = bearer
			? await signIn.signIn(context.req.header("authorization"), sourceAddressOf(context.env), "metrics")
			: undefined;
		if (result?.outcome === "rate-limited") {
			return context.json({ title: "Too Many Requests", description: "too many requests" }, 429, {
				"Retry-After": String(result.retryAfterSeconds),
			});
		}
		if (result?.outcome !== "signed-in" || result.user.role !== "admin" || !result.local) {
			return context.json({ title: "Unauthorized", description: "an admin bearer token is required" }, 401, {
				"WWW-Authenticate": 'Bearer realm="entente"',
			});
		}
		const peers = deps.federation === undefined ? "" : await deps.federation.metrics();
		const bodies = deps.bodies === undefined ? "" : bodyBudgetMetrics(deps.bodies.stats());
		const invariants = renderInvariantMetrics(INVARIANTS, await deps.store.incidentCounts());
		const body = deps.metrics.render(await deps.store.stats()) + bodies + peers + invariants;
		return context.body(body, 200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
	};
}
