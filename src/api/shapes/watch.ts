// Watch-lists (D51): the shapes of an organisation's entries, its alerts (each about an object as released to
// it), and its webhook with the delivery log.
import { z } from "zod";
import { PurposeParam } from "./requests.ts";

export const WatchEntryView = z.strictObject({
	id: z.string(),
	kind: z
		.string()
		.meta({ description: "the observable kind: ipv4, ipv6 (an address or a block), asn, domain, …" }),
	value: z.string().meta({ description: "the watched value in its normal form" }),
	label: z.string(),
	createdAt: z.string(),
	createdBy: z.string(),
});
export type WatchEntryView = z.output<typeof WatchEntryView>;

export const WatchListResult = z.strictObject({
	entries: z.array(WatchEntryView),
	limit: z.number().meta({ description: "the most entries an organisation may watch" }),
});
export type WatchListResult = z.output<typeof WatchListResult>;

export const WatchEntryBody = z.strictObject({
	kind: z
		.string()
		.max(40)
		.optional()
		.meta({ description: "the kind; left out, it is read from the value's shape" }),
	value: z.string().meta({
		description:
			"an IP address or CIDR block, an ASN (AS64496), a domain (its sub-domains match too) or an exact value",
		example: "192.0.2.0/24",
	}),
	label: z.string().optional().meta({ description: "why it is watched (at most 200 characters)" }),
});
export type WatchEntryBody = z.output<typeof WatchEntryBody>;

export const WatchEntryAdded = z.strictObject({
	entry: WatchEntryView,
	created: z.boolean().meta({ description: "false when the organisation already watched this value" }),
});
export type WatchEntryAdded = z.output<typeof WatchEntryAdded>;

export const WatchIdParams = z.strictObject({ id: z.string().min(1).max(100) });
export type WatchIdParams = z.output<typeof WatchIdParams>;

export const Removed = z.strictObject({ removed: z.boolean() });
export type Removed = z.output<typeof Removed>;

export const AlertsQuery = z.strictObject({
	limit: z.coerce.number().int().min(1).max(200).default(50),
	before: z.coerce.number().int().min(1).optional().meta({ description: "`next` of the previous page" }),
	purpose: PurposeParam,
});
export type AlertsQuery = z.output<typeof AlertsQuery>;

export const AlertView = z.strictObject({
	id: z.string().meta({ description: "stable: the webhook's X-Entente-Delivery carries it too" }),
	at: z.string(),
	acknowledgedAt: z.string().nullable(),
	entry: z.strictObject({ id: z.string(), kind: z.string(), value: z.string() }),
	kind: z.string(),
	value: z.string().meta({ description: "the value the object names, as released to you" }),
	path: z.string().meta({ description: "where in the object" }),
	object: z.strictObject({
		id: z.string(),
		type: z.string(),
		name: z.string().nullable(),
		modified: z.string().nullable(),
	}),
});
export type AlertView = z.output<typeof AlertView>;

export const AlertsResult = z.strictObject({
	alerts: z.array(AlertView),
	next: z.number().optional().meta({ description: "pass as `before` for the next (older) page" }),
});
export type AlertsResult = z.output<typeof AlertsResult>;

export const Acknowledged = z.strictObject({ acknowledged: z.literal(true) });
export type Acknowledged = z.output<typeof Acknowledged>;

export const WebhookDeliveryView = z.strictObject({
	alertId: z.string(),
	state: z.enum(["pending", "delivered"]),
	attempts: z.number(),
	queuedAt: z.string(),
	lastAttemptAt: z.string().nullable(),
	lastStatus: z.number().nullable(),
	lastError: z.string().nullable(),
	deliveredAt: z.string().nullable(),
	nextAttemptAt: z.string().nullable(),
});
export type WebhookDeliveryView = z.output<typeof WebhookDeliveryView>;

export const WebhookResult = z.strictObject({
	webhook: z.strictObject({ url: z.string(), createdAt: z.string(), createdBy: z.string() }).nullable(),
	deliveries: z.array(WebhookDeliveryView),
});
export type WebhookResult = z.output<typeof WebhookResult>;

export const WebhookBody = z.strictObject({
	url: z.string().meta({
		description: "https:// receiver; no user name or password in it",
		example: "https://siem.example.org/entente",
	}),
});
export type WebhookBody = z.output<typeof WebhookBody>;

export const WebhookSet = z.strictObject({
	url: z.string(),
	secret: z.string().meta({
		description:
			"the HMAC-SHA256 key of X-Entente-Signature (t=<unix seconds>,v1=hex of HMAC over '<t>.<body>'): shown this once",
	}),
	createdAt: z.string(),
});
export type WebhookSet = z.output<typeof WebhookSet>;

export const WebhookTested = z.strictObject({
	ok: z.boolean(),
	status: z.number().nullable(),
	error: z.string().nullable(),
});
export type WebhookTested = z.output<typeof WebhookTested>;

export const NoBody = z.strictObject({});
export type NoBody = z.output<typeof NoBody>;
