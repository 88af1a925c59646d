// Feed subscriptions (D55): a feed as defined, with the status of its last pull, and what an admin sends to add one.
import { z } from "zod";
import { FEED_FORMATS, FEED_OUTCOMES } from "./vocabulary.ts";

const Column = z.union([z.number().int().min(0).max(1000), z.string().min(1).max(200)]);

export const FeedColumns = z.strictObject({
	value: Column.meta({ description: "the column of the values: a number from 0, or its header name" }),
	kind: z
		.string()
		.max(40)
		.optional()
		.meta({ description: "the kind of every value; left out, guessed per value" }),
	firstSeen: Column.optional().meta({ description: "the column of a first-seen date (becomes valid_from)" }),
	comment: Column.optional().meta({ description: "the column of a comment (becomes the description)" }),
	delimiter: z.string().min(1).max(2).optional().meta({ description: "one character; `,` by default" }),
});

export const FeedStatusView = z.strictObject({
	lastPullAt: z.string(),
	outcome: z.enum(FEED_OUTCOMES),
	error: z.string().optional().meta({ description: "why the pull failed, and the fix" }),
	added: z.number().meta({ description: "objects stored that were new to the feed (as ingest reported)" }),
	updated: z.number().meta({ description: "new versions stored of objects the feed carried" }),
	revoked: z.number().meta({ description: "indicators given valid_until: their values left the list" }),
	unchanged: z
		.number()
		.optional()
		.meta({ description: "objects handed to ingest that the store already held (duplicates)" }),
	refused: z.number().optional().meta({ description: "objects ingest refused: see problems" }),
	values: z.number().meta({ description: "values (or MISP events) read" }),
	skipped: z.number(),
	problems: z
		.array(z.string())
		.meta({ description: "the first messages about lines, rows or events skipped" }),
	etag: z.string().optional(),
	lastModified: z.string().optional(),
	nextPullAt: z.string().optional(),
});
export type FeedStatusView = z.output<typeof FeedStatusView>;

export const FeedView = z.strictObject({
	id: z.string(),
	name: z.string(),
	url: z.string(),
	format: z.enum(FEED_FORMATS),
	intervalSeconds: z.number().meta({ description: "seconds between scheduled pulls; 0: on demand only" }),
	markingRefs: z.array(z.string()),
	confidence: z.number().optional(),
	csv: FeedColumns.optional(),
	organizationId: z.string(),
	createdAt: z.string(),
	createdBy: z.string(),
	status: FeedStatusView.optional().meta({ description: "the last pull; absent before the first" }),
});
export type FeedView = z.output<typeof FeedView>;

export const FeedsResult = z.strictObject({ feeds: z.array(FeedView) });
export type FeedsResult = z.output<typeof FeedsResult>;

export const FeedResult = z.strictObject({ feed: FeedView });
export type FeedResult = z.output<typeof FeedResult>;

export const FeedBody = z.strictObject({
	name: z.string().min(1).max(200),
	url: z.string().min(1).max(2048).meta({ example: "https://lists.blocklist.de/lists/all.txt" }),
	format: z.enum(FEED_FORMATS),
	intervalSeconds: z
		.number()
		.int()
		.min(0)
		.optional()
		.meta({ description: "default 3600; at least 60, or 0" }),
	markings: z.array(z.string().max(100)).max(10).optional().meta({
		description: "tlp:clear … tlp:red, or marking-definition ids, carried by every object of the feed",
	}),
	confidence: z.number().int().min(0).max(100).optional(),
	csv: FeedColumns.optional().meta({ description: "required for a csv feed" }),
});
export type FeedBody = z.output<typeof FeedBody>;

export const FeedIdParams = z.strictObject({ id: z.string().min(1).max(100) });
export type FeedIdParams = z.output<typeof FeedIdParams>;

export const FeedPulled = z.strictObject({ status: FeedStatusView });
export type FeedPulled = z.output<typeof FeedPulled>;
