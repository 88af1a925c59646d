// The MISP feed out (D54): any TAXII collection served in MISP's feed format, per user, so a MISP instance
// subscribes to a node with no code on its side (Sync Actions → Feeds → "MISP Feed", the URL
// `…/misp-feed/{collection id}`, an `Authorization: Bearer …` header).
import { type ErrorHandler, Hono } from "hono";
import { partnerAdminMessage, type SignInGuard, sourceAddressOf } from "../../accounts/index.ts";
import { AppError } from "../../errors/index.ts";
import type { EgressGate } from "../../policy/index.ts";
import type { Store } from "../../store/index.ts";
import { accessOf } from "../server/collections.ts";
import type { TaxiiRepository } from "../server/repository.ts";
import { PURPOSE_HEADER, purposeOf, viewerOf } from "../server/services.ts";
import type { TaxiiEnv } from "../server/types.ts";
import { type MispFeed, mispFeedOf } from "./feed.ts";
import { releasedCollection } from "./released-collection.ts";

/** Where the feed is mounted: `/misp-feed/{collection id or alias}/manifest.json`, `…/hashes.csv`, `…/{uuid}.json`. */
export const MISP_FEED_BASE = "/misp-feed";

export interface MispFeedDependencies {
	store: Store;
	/** The one egress gate: every object of the feed is released through it for the signed-in user. */
	gate: EgressGate;
	repository: TaxiiRepository;
	/** The node's one sign-in guard (TAXII's and REST's), so the feed shares their budgets. */
	signIn: SignInGuard;
	onError: ErrorHandler<TaxiiEnv>;
}

const EVENT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;

/**
 * The feed as a Hono sub-app; mount it at the root (`app.route("/", createMispFeedApp(deps))`). A collection the
 * user may not read, an event not in that user's feed and a missing one answer the same 404.
 */
export function createMispFeedApp(deps: MispFeedDependencies): Hono<TaxiiEnv> {
	const app = new Hono<TaxiiEnv>();
	app.onError(deps.onError);
	app.use(`${MISP_FEED_BASE}/*`, async (context, next) => {
		const signIn = await deps.signIn.signIn(
			context.req.header("authorization"),
			sourceAddressOf(context.env),
			"misp-feed",
		);
		if (signIn.outcome === "unauthenticated") {
			throw new AppError(
				"E_MISP_FEED_UNAUTHENTICATED",
				"send your API token: in MISP's feed settings add the header `Authorization: Bearer <token>`",
			);
		}
		if (signIn.outcome === "rate-limited") {
			throw new AppError(
				"E_MISP_FEED_RATE_LIMITED",
				`too many requests; retry in ${signIn.retryAfterSeconds} s`,
				{
					details: { retry_after_seconds: signIn.retryAfterSeconds },
				},
			);
		}
		if (signIn.outcome === "partner-admin")
			throw new AppError("E_ACCOUNT_PARTNER_ADMIN", partnerAdminMessage(signIn.user));
		context.set("user", signIn.user);
		context.set("local", signIn.local);
		context.set("purpose", purposeOf(context.req.header(PURPOSE_HEADER)));
		await next();
		// Personal content: a shared cache must not keep it; the client revalidates with the validators.
		context.res.headers.set("Cache-Control", "private, no-cache");
	});

	app.get(`${MISP_FEED_BASE}/:collection/:file`, async (context) => {
		const feed = await feedFor(
			deps,
			context.get("user"),
			context.get("local"),
			context.get("purpose"),
			context.req.param("collection"),
		);
		const file = context.req.param("file");
		if (file === "manifest.json") return validated(context.req.raw, feed, feed.manifest, "application/json");
		if (file === "hashes.csv")
			return validated(context.req.raw, feed, feed.hashes, "text/csv; charset=utf-8");
		const uuid = EVENT_FILE.exec(file)?.[1];
		const event = uuid === undefined ? undefined : feed.events.get(uuid);
		if (event === undefined) throw notFound();
		return validated(context.req.raw, feed, event, "application/json");
	});
	return app;
}

async function feedFor(
	deps: MispFeedDependencies,
	user: TaxiiEnv["Variables"]["user"],
	local: boolean,
	purpose: TaxiiEnv["Variables"]["purpose"],
	idOrAlias: string,
): Promise<MispFeed> {
	const collections = await deps.repository.listCollections();
	const collection =
		collections.find((c) => c.id === idOrAlias) ?? collections.find((c) => c.alias === idOrAlias);
	if (collection === undefined || !accessOf(collection, user, local).canRead) throw notFound();
	const objects = await releasedCollection(deps.store, deps.gate, viewerOf(user, purpose), collection);
	return mispFeedOf(objects, collection);
}

function notFound(): AppError {
	return new AppError(
		"E_MISP_FEED_NOT_FOUND",
		"no such feed file: list the events in manifest.json of a collection you may read",
	);
}

/**
 * The file with the feed's validators: the feed's ETag and Last-Modified (the latest event timestamp); 304 when the
 * request's If-None-Match or If-Modified-Since shows the client holds the current feed.
 */
function validated(request: Request, feed: MispFeed, body: string, type: string): Response {
	const headers = new Headers({ "Content-Type": type, ETag: feed.etag });
	if (feed.lastModified > 0) headers.set("Last-Modified", new Date(feed.lastModified * 1000).toUTCString());
	const match = request.headers.get("if-none-match");
	const since = Date.parse(request.headers.get("if-modified-since") ?? "");
	const fresh =
		match !== null
			? match.split(",").some((tag) => tag.trim() === feed.etag || tag.trim() === "*")
			: !Number.isNaN(since) && feed.lastModified > 0 && feed.lastModified * 1000 <= since;
	return new Response(fresh ? null : body, { status: fresh ? 304 : 200, headers });
}
