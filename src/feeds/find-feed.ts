// A feed named by its id or, when unique, its name: what the CLI accepts.
import { AppError } from "../errors/index.ts";
import type { FeedRecord, Store } from "../store/index.ts";
import { notFound } from "./pull.ts";

/**
 * The feed whose id is `ref`, else the one feed named `ref`.
 * @throws AppError E_FEED_NOT_FOUND, or E_FEED_INVALID when several feeds have that name.
 */
export async function findFeed(store: Store, ref: string): Promise<FeedRecord> {
	const byId = await store.getFeed(ref);
	if (byId !== undefined) return byId;
	const named = (await store.listFeeds()).filter((feed) => feed.name === ref);
	if (named.length === 1) return named[0] as FeedRecord;
	if (named.length > 1) {
		throw new AppError(
			"E_FEED_INVALID",
			`${named.length} feeds are named '${ref}': give the id (entente feeds list)`,
		);
	}
	throw notFound(ref);
}
