// The TAXII 2.1 server as a Hono sub-app: negotiate → authenticate → rate-limit → route, one media type out.
import { type ErrorHandler, Hono } from "hono";
import {
	DEFAULT_RATE_LIMIT,
	partnerAdminMessage,
	SignInGuard,
	sourceAddressOf,
} from "../../accounts/index.ts";
import type { BodyBudget } from "../../body/index.ts";
import { AppError } from "../../errors/index.ts";
import type { EgressGate } from "../../policy/index.ts";
import type { Store } from "../../store/index.ts";
import { registerCollectionRoutes } from "./collection-routes.ts";
import { acceptsTaxii, TAXII_MEDIA_TYPE } from "./media-types.ts";
import { NextTokens } from "./next-tokens.ts";
import { registerObjectReadRoutes } from "./object-read-routes.ts";
import { registerObjectWriteRoutes } from "./object-write-routes.ts";
import { storeTaxiiRepository, type TaxiiRepository } from "./repository.ts";
import { allowedMethods, methodNotAllowed, slashedLocation } from "./resources.ts";
import { notFound } from "./respond.ts";
import { registerServerRoutes } from "./server-routes.ts";
import {
	PURPOSE_HEADER,
	pageSecretSource,
	purposeOf,
	type TaxiiOptions,
	type TaxiiServices,
} from "./services.ts";
import type { TaxiiEnv, TaxiiHono } from "./types.ts";

/** 100 MiB, the figure §4.2.1 uses as its example. */
export const DEFAULT_MAX_CONTENT_LENGTH = 100 * 1024 * 1024;

export interface TaxiiDependencies {
	store: Store;
	/** The one egress gate (policy/): every object, manifest entry, version and count passes it. */
	gate: EgressGate;
	nodeName: string;
	/** Turns thrown errors into responses (server/ owns the status mapping and the error body). */
	onError: ErrorHandler<TaxiiEnv>;
	options?: Partial<TaxiiOptions>;
	/** Defaults to the repository over the store's collections and status tables. */
	repository?: TaxiiRepository;
	/** HMAC key for `next` tokens; by default created once and kept in the store. */
	pageSecret?: Uint8Array;
	/** Microseconds since the epoch (injectable for tests). */
	nowMicros?: () => number;
	/** Milliseconds of a monotonic clock for rate limiting (injectable for tests). */
	nowMillis?: () => number;
	/**
	 * Who signs in, limited per user and per source address: server/ passes the node's one guard, shared with the
	 * REST API; by default one of its own with `options.rateLimit` per user.
	 */
	signIn?: SignInGuard;
	/** The node-wide body budget Add Objects is charged to (src/body); absent: only max_content_length. */
	bodies?: BodyBudget;
}

function resolveOptions(nodeName: string, given: Partial<TaxiiOptions> = {}): TaxiiOptions {
	return {
		title: given.title ?? `${nodeName} TAXII 2.1 server`,
		...(given.description === undefined ? {} : { description: given.description }),
		...(given.contact === undefined ? {} : { contact: given.contact }),
		apiRoot: given.apiRoot ?? { name: "api", title: `${nodeName} threat intelligence` },
		maxContentLength: given.maxContentLength ?? DEFAULT_MAX_CONTENT_LENGTH,
		rateLimit: given.rateLimit ?? DEFAULT_RATE_LIMIT,
		nextPageCost: Math.max(0, given.nextPageCost ?? 0),
		statusRetentionHours: Math.max(24, given.statusRetentionHours ?? 24),
	};
}

/**
 * Builds the TAXII 2.1 server (discovery at `/taxii2/`, one API root at `/taxii2/{name}/`). Mount it at
 * the application root: `app.route("/", createTaxiiApp(deps))`. Every response, errors included,
 * carries `application/taxii+json;version=2.1` (§3.1).
 * @example app.route("/", createTaxiiApp({ store, nodeName: "node-a", onError }));
 */
export function createTaxiiApp(deps: TaxiiDependencies): TaxiiHono {
	const options = resolveOptions(deps.nodeName, deps.options);
	const nowMicros = deps.nowMicros ?? (() => Date.now() * 1000);
	const services: TaxiiServices = {
		store: deps.store,
		gate: deps.gate,
		repository: deps.repository ?? storeTaxiiRepository(deps.store, deps.nodeName, nowMicros),
		options,
		pageSecret: pageSecretSource(deps.store, deps.pageSecret),
		nowMicros,
		bodies: deps.bodies,
		nextTokens: new NextTokens(),
	};
	const guard =
		deps.signIn ??
		new SignInGuard(deps.store, {
			userLimit: options.rateLimit,
			...(deps.nowMillis === undefined ? {} : { nowMillis: deps.nowMillis }),
		});
	const app = new Hono<TaxiiEnv>();
	app.onError(deps.onError);

	app.use("/taxii2/*", async (context, next) => {
		await next();
		// Errors included, and whatever produced them (§3.1); authenticated content is not cached by intermediaries.
		context.res.headers.set("Content-Type", TAXII_MEDIA_TYPE);
		context.res.headers.set("Cache-Control", "no-store");
	});
	// Before negotiation and sign-in: both answers come from the path's shape alone, so they reveal nothing.
	app.all("/taxii2", (context) => redirectTo(`/taxii2/${new URL(context.req.url).search}`));
	app.use("/taxii2/*", async (context, next) => {
		const url = new URL(context.req.url);
		const location = slashedLocation(url.pathname, url.search);
		if (location !== undefined) return redirectTo(location);
		const allow = allowedMethods(url.pathname);
		// RFC 9110 §9.3.7: OPTIONS describes the resource; no credentials needed (a CORS preflight carries none).
		if (allow !== undefined && context.req.method === "OPTIONS")
			return new Response(null, { status: 204, headers: { Allow: allow.join(", ") } });
		await next();
	});
	app.use("/taxii2/*", async (context, next) => {
		const manifest = /\/manifest\/$/.test(context.req.path);
		if (!acceptsTaxii(context.req.header("accept"), { stix: manifest })) {
			throw new AppError(
				"E_TAXII_NOT_ACCEPTABLE",
				"this server answers application/taxii+json;version=2.1; include it (or application/taxii+json) in Accept (§1.6.8)",
			);
		}
		// Who is asking (§1.6.9); the challenge header is added where errors become responses.
		const nextToken = context.req.query("next");
		const signIn = await guard.signIn(
			context.req.header("authorization"),
			sourceAddressOf(context.env),
			"taxii",
			(user) => (services.nextTokens.redeem(user.id, nextToken) ? options.nextPageCost : 1),
		);
		if (signIn.outcome === "unauthenticated") {
			throw new AppError(
				"E_TAXII_UNAUTHENTICATED",
				"authenticate with HTTP Basic (user name and API token) or a bearer token",
			);
		}
		if (signIn.outcome === "rate-limited") {
			throw new AppError(
				"E_TAXII_RATE_LIMITED",
				`too many requests; retry in ${signIn.retryAfterSeconds} s`,
				{
					details: { retry_after_seconds: signIn.retryAfterSeconds },
				},
			);
		}
		if (signIn.outcome === "partner-admin")
			throw new AppError("E_ACCOUNT_PARTNER_ADMIN", partnerAdminMessage(signIn.user));
		context.set("user", signIn.user);
		// A partner party's users are not the node's own: "local" access rules do not cover them.
		context.set("local", signIn.local);
		context.set("purpose", purposeOf(context.req.header(PURPOSE_HEADER)));
		const allow = allowedMethods(context.req.path);
		if (allow !== undefined && !allow.includes(context.req.method))
			throw methodNotAllowed(context.req.method, allow);
		await next();
	});

	registerServerRoutes(app, services);
	registerCollectionRoutes(app, services);
	registerObjectReadRoutes(app, services);
	registerObjectWriteRoutes(app, services);
	app.all("/taxii2/*", () => {
		throw notFound("path");
	});
	return app;
}

/** 308 keeps the method and body (RFC 9110 §15.4.9): a DELETE or POST to the slash-less path is repeated as sent. */
function redirectTo(location: string): Response {
	return new Response(null, { status: 308, headers: { Location: location } });
}
