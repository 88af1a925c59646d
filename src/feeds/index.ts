// Public face of feeds/: feed subscriptions (D55) — define, pull now, pull on a schedule.

export { DEFAULT_INTERVAL_SECONDS, defineFeed, type FeedInput, MIN_INTERVAL_SECONDS } from "./define-feed.ts";
export { FEED_NAMESPACE, feedIdentityId, feedIndicatorId } from "./feed-objects.ts";
export { type FeedServiceOptions, feedServices } from "./feed-services.ts";
export { feedUrl } from "./feed-url.ts";
export { DEFAULT_FETCH_LIMITS, type FeedFetch, type FetchLimits } from "./fetch-feed.ts";
export { findFeed } from "./find-feed.ts";
export { httpFeedFetch } from "./http-feed-fetch.ts";
export { type FeedProgress, isDue, type PullOptions, pullFeed, pullFeedIfDue } from "./pull.ts";
export { FeedScheduler, type FeedSchedulerOptions } from "./scheduler.ts";
