// What the REST API is handed for feeds (api/ cannot import feeds/, a room of its own layer): define and pull.
import type { FeedDefinition, FeedStatus, Store } from "../store/index.ts";
import { defineFeed, type FeedInput } from "./define-feed.ts";
import type { FeedFetch, FetchLimits } from "./fetch-feed.ts";
import { pullFeed } from "./pull.ts";

export interface FeedServiceOptions {
	store: Store;
	fetch: FeedFetch;
	/** This process, for the lease. */
	holder: string;
	limits?: FetchLimits;
}

/** `define` checks a definition (defineFeed); `pull` pulls a feed now under the lease (pullFeed). */
export function feedServices(options: FeedServiceOptions): {
	define(input: FeedInput, owner: { organizationId: string; createdBy: string; now: Date }): FeedDefinition;
	pull(id: string): Promise<FeedStatus>;
} {
	const { store, fetch, holder, limits } = options;
	return {
		define: (input, owner) => defineFeed(input, owner),
		pull: (id) => pullFeed({ store, fetch, holder, ...(limits === undefined ? {} : { limits }) }, id),
	};
}
