// New releases pushed to readers (D59): the filter a stream or a release webhook asks for, the stream's query, and
// the release webhooks ("subscriptions") with their state.
import { z } from "zod";
import { PurposeParam } from "./requests.ts";

const STIX_TYPE = /^[a-z0-9][a-z0-9-]{0,249}$/;
const LIST_MAX = 50;

const commaList = (what: string, item: z.ZodString) =>
	z
		.string()
		.max(4000)
		.transform((text) =>
			text
				.split(",")
				.map((part) => part.trim())
				.filter((part) => part !== ""),
		)
		.pipe(z.array(item).min(1).max(LIST_MAX))
		.optional()
		.meta({ description: `${what}, comma-separated (any of them); left out, every one` });

const StixType = z.string().regex(STIX_TYPE, "expected a STIX type name (indicator, x-acme-thing, …)");
const Label = z.string().min(1).max(250);

export const StreamQuery = z.strictObject({
	types: commaList("STIX types", StixType),
	labels: commaList("labels the released copy carries", Label),
	collection: z
		.string()
		.max(300)
		.optional()
		.meta({ description: "a TAXII collection you may read (its id or alias): only what it shows" }),
	purpose: PurposeParam,
	lastEventId: z.string().max(100).optional().meta({
		description:
			"where to resume, for clients that cannot send the Last-Event-ID header (the header wins); left out, only what is stored from now on",
	}),
});
export type StreamQuery = z.output<typeof StreamQuery>;

/** What a release webhook sends: the same filter as a stream's, as JSON. */
export const ReleaseFilterBody = z.strictObject({
	types: z.array(StixType).min(1).max(LIST_MAX).optional(),
	labels: z.array(Label).min(1).max(LIST_MAX).optional(),
	collection: z
		.string()
		.max(300)
		.optional()
		.meta({ description: "a TAXII collection you may read (id or alias)" }),
});
export type ReleaseFilterBody = z.output<typeof ReleaseFilterBody>;

export const SubscriptionBody = z.strictObject({
	url: z.string().max(2048).meta({ description: "the receiver: https://, no credentials in it" }),
	filter: ReleaseFilterBody.optional(),
	purpose: PurposeParam,
});
export type SubscriptionBody = z.output<typeof SubscriptionBody>;

export const SubscriptionView = z.strictObject({
	id: z.string(),
	url: z.string(),
	filter: z.strictObject({
		types: z.array(z.string()).optional(),
		labels: z.array(z.string()).optional(),
		collection: z.string().optional(),
	}),
	purpose: z.string(),
	createdAt: z.string(),
	attempts: z.number().meta({ description: "failed attempts since the last delivery" }),
	nextAttemptAt: z.string(),
	lastDeliveredAt: z.string().nullable(),
	lastError: z.string().nullable(),
	disabledAt: z.string().nullable(),
	disabledReason: z
		.string()
		.nullable()
		.meta({ description: "why the node stopped sending (a dead receiver)" }),
});
export type SubscriptionView = z.output<typeof SubscriptionView>;

export const SubscriptionList = z.strictObject({ subscriptions: z.array(SubscriptionView) });
export type SubscriptionList = z.output<typeof SubscriptionList>;

export const SubscriptionCreated = z.strictObject({
	subscription: SubscriptionView,
	secret: z.string().meta({ description: "the HMAC-SHA256 key of the signature header: shown once" }),
});
export type SubscriptionCreated = z.output<typeof SubscriptionCreated>;

export const SubscriptionParams = z.strictObject({
	id: z
		.string()
		.max(100)
		.regex(/^subscription--[0-9a-f-]{36}$/, "expected subscription--<uuid>"),
});
export type SubscriptionParams = z.output<typeof SubscriptionParams>;
