// The feed routes (D55): the node's feed subscriptions and their last pulls (analysts of the node's own
// organisations), added, pulled now and removed by its admins. Nothing here reads stored objects: a pull writes
// through ingest(), and what it stored leaves only through the gate, like any object.
import { AppError } from "../errors/index.ts";
import {
	auditActorOf,
	type FeedDefinition,
	type FeedRecord,
	type NewAuditEntry,
	type User,
} from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices, FeedServices } from "./services.ts";
import { FeedBody, type FeedView, NoBody } from "./shapes/index.ts";

/** A feed definition is small: a name, a URL, a few markings and columns. */
const FEED_BODY_BYTES = 64 * 1024;

/** The feed routes, over `services`. */
export function feedRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	return [
		defineRoute({
			route: "GET /feeds",
			operationId: "feeds",
			tag: "feeds",
			summary: "The node's feeds",
			description: "Every feed subscription, in the order added, with the status of its last pull.",
			action: "feeds.read",
			errors: [403],
			handle: async () => ({ feeds: (await store.listFeeds()).map(feedView) }),
		}),
		defineRoute({
			route: "POST /feeds",
			operationId: "feedAdd",
			tag: "feeds",
			summary: "Subscribe to a feed",
			description:
				"Adds a free-text, CSV or MISP feed at an http(s) URL, pulled every `intervalSeconds` by the serving node (or on demand). Its objects are authored by the feed's own identity, owned by your organisation, and carry the markings given.",
			action: "feeds.write",
			requestBody: { content: { "application/json": FeedBody } },
			errors: [400, 403, 413, 415, 503],
			handle: async ({ user, context }) => {
				const body = await readJsonBody(context, FeedBody, services, FEED_BODY_BYTES);
				const feed = feedsOf(services).define(body, {
					organizationId: user.organizationId,
					createdBy: user.name,
					now: new Date(),
				});
				await store.putFeed(feed);
				await store.appendAudit(
					feedEntry(user, "feed.add", feed, `subscribed to ${feed.name} (${feed.url})`),
				);
				return { feed: feedView(feed) };
			},
		}),
		defineRoute({
			route: "GET /feeds/{id}",
			operationId: "feed",
			tag: "feeds",
			summary: "One feed and its last pull",
			description:
				"The feed's definition and the status of its last pull: outcome, objects written, problems.",
			action: "feeds.read",
			errors: [400, 403, 404],
			handle: async ({ params }) => ({ feed: feedView(await feedOf(services, params.id)) }),
		}),
		defineRoute({
			route: "POST /feeds/{id}/pull",
			operationId: "feedPull",
			tag: "feeds",
			summary: "Pull a feed now",
			description:
				"Pulls the feed now (conditional GET: an unchanged feed writes nothing) and answers the status once the pull ends. 409 while another process pulls it.",
			action: "feeds.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404, 409, 503],
			handle: async ({ params }) => {
				const feed = await feedOf(services, params.id);
				return { status: await feedsOf(services).pull(feed.id) };
			},
		}),
		defineRoute({
			route: "POST /feeds/{id}/remove",
			operationId: "feedRemove",
			tag: "feeds",
			summary: "Unsubscribe from a feed",
			description: "Removes the feed and its status; the objects it stored stay.",
			action: "feeds.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				const feed = await feedOf(services, params.id);
				if (!(await store.removeFeed(params.id))) throw notFound(params.id);
				await store.appendAudit(feedEntry(user, "feed.remove", feed, `unsubscribed from ${feed.name}`));
				return { removed: true };
			},
		}),
	];
}

async function feedOf(services: ApiServices, id: string): Promise<FeedRecord> {
	const feed = await services.store.getFeed(id);
	if (feed === undefined) throw notFound(id);
	return feed;
}

function feedsOf(services: ApiServices): FeedServices {
	if (services.feeds === undefined) {
		throw new AppError(
			"E_FEED_UNAVAILABLE",
			"this API was built without feeds: run the node with 'entente serve'",
		);
	}
	return services.feeds;
}

function notFound(id: string): AppError {
	return new AppError("E_FEED_NOT_FOUND", `no feed ${id}: see GET /api/v1/feeds`);
}

/** A feed as the API shows it (the stored record, its fields already of the view's shapes). */
function feedView(feed: FeedRecord): FeedView {
	return feed as FeedView;
}

/** The audit line of a feed added or removed (D66). */
function feedEntry(
	user: User,
	action: "feed.add" | "feed.remove",
	feed: FeedDefinition,
	summary: string,
): NewAuditEntry {
	return { actor: auditActorOf(user, "api"), action, target: feed.id, summary, details: { url: feed.url } };
}
