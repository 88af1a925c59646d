// GET /api/v1/stream (D59): validate → authorize → open. Not a JSON route (route.ts), so registered by app.ts
// itself: the answer is `text/event-stream`, open until the reader leaves, its credentials stop signing in, it
// falls too far behind, or the node closes. Each user has a few at most.
import type { Context } from "hono";
import { userOfAuthorization } from "../../accounts/index.ts";
import { AppError } from "../../errors/index.ts";
import type { Store, User } from "../../store/index.ts";
import type { ApiGate } from "../gate.ts";
import { authorize } from "../roles.ts";
import { viewerOf } from "../services.ts";
import { StreamQuery } from "../shapes/index.ts";
import { invalidInput, issuesOf } from "../validate.ts";
import { collectionFilterOf } from "./collection-filter.ts";
import type { ReleaseFeed } from "./release-feed.ts";
import { openReleaseStream, type StreamLimits } from "./stream-connection.ts";
import { positionOf } from "./stream-position.ts";

/** The stream's settings: its limits, and how many streams one user may hold open. */
export interface StreamSettings extends StreamLimits {
	maxPerUser: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
	bufferBytes: 1024 * 1024,
	heartbeatMs: 15_000,
	tokenCheckMs: 30_000,
	maxPerUser: 5,
};

export interface StreamRouteDependencies {
	store: Store;
	gate: ApiGate;
	feed: ReleaseFeed;
	settings: StreamSettings;
}

/** The handler of GET /stream, over one count of open streams per user. */
export function streamHandler(deps: StreamRouteDependencies): (context: Context) => Promise<Response> {
	const open = new Map<string, number>();
	return async (context) => {
		const user = context.get("user") as User;
		const local = context.get("local") as boolean;
		const parsed = StreamQuery.safeParse(context.req.query());
		if (!parsed.success) throw invalidInput(issuesOf("query", parsed.error.issues));
		await authorize(user.role, "objects.read", async () => local);
		const query = parsed.data;
		const position = positionOf(context.req.header("last-event-id") ?? query.lastEventId);
		const collection =
			query.collection === undefined
				? undefined
				: await collectionFilterOf(deps.store, query.collection, user, local);
		if (deps.feed.closed) throw new AppError("E_STREAM_CLOSING", "the node is shutting down: retry shortly");
		const count = open.get(user.id) ?? 0;
		if (count >= deps.settings.maxPerUser) {
			throw new AppError(
				"E_STREAM_TOO_MANY",
				`you have ${count} streams open, the most one user may: close one (one stream with a filter of several types serves many readers)`,
				{ details: { retry_after_seconds: 30 } },
			);
		}
		open.set(user.id, count + 1);
		const authorization = context.req.header("authorization");
		const body = openReleaseStream({
			feed: deps.feed,
			gate: deps.gate,
			viewer: viewerOf(user, query.purpose),
			filter: {
				...(query.types === undefined ? {} : { types: query.types }),
				...(query.labels === undefined ? {} : { labels: query.labels }),
				...(collection === undefined ? {} : { collection }),
			},
			position,
			limits: deps.settings,
			stillSignedIn: async () => (await userOfAuthorization(deps.store, authorization))?.id === user.id,
			onEnd: () => {
				const left = (open.get(user.id) ?? 1) - 1;
				if (left <= 0) open.delete(user.id);
				else open.set(user.id, left);
			},
		});
		return new Response(body, {
			headers: {
				"Content-Type": "text/event-stream; charset=utf-8",
				"Cache-Control": "no-store",
				"X-Accel-Buffering": "no",
			},
		});
	};
}
