// The watch-list routes (D51): an organisation's entries, its alerts (each through the gate, at read time too) and
// its webhook. Every route acts on the user's own organisation only: there is no way to name another's.
import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors/index.ts";
import { newWebhookSecret, postWebhook, WATCH_LIMITS, watchValueOf, webhookUrlOf } from "../intel/index.ts";
import { jsonLimits, parseJson } from "../json/index.ts";
import type { WatchEntry, WebhookDelivery } from "../store/index.ts";
import { releasedAlerts } from "./released-alerts.ts";
import { decoded, readBytes } from "./request-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import { type ApiServices, viewerOf } from "./services.ts";
import {
	type AlertView,
	NoBody,
	WatchEntryBody,
	type WatchEntryView,
	WebhookBody,
	type WebhookDeliveryView,
} from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** Largest body of a watch route: an entry or a URL, well under this; a 100 KB value is read and refused by name. */
const WATCH_BODY_BYTES = 256 * 1024;

/** Alerts read per store page while filling an answer's page through the gate. */
const ALERT_SCAN_PAGE = 200;

/** Store pages one request reads at most: past them a short page ends with `next`, so no request scans without bound. */
const ALERT_SCAN_PAGES = 10;

/** The watch-list routes, over `services`. */
export function watchRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	const webhooks = services.webhooks ?? { allowPrivate: false, timeoutMs: 10_000 };
	return [
		defineRoute({
			route: "GET /watchlist",
			operationId: "watchList",
			tag: "watch",
			summary: "Your organisation's watch-list",
			description: "The ranges, ASNs, domains and values your organisation watches, oldest first.",
			action: "watch.read",
			errors: [400],
			handle: async ({ user }) => ({
				entries: (await store.listWatchEntries(user.organizationId)).map(entryView),
				limit: WATCH_LIMITS.entriesPerOrganization,
			}),
		}),
		defineRoute({
			route: "POST /watchlist",
			operationId: "watchAdd",
			tag: "watch",
			summary: "Watch a value",
			description:
				"Adds an address or CIDR block (an alert when an object names an address inside it, or a block around it), an ASN, a domain (and its sub-domains) or an exact value. The value is normalised; a block wider than an IPv4 /8 or IPv6 /32, a public suffix, or a value over 2,048 characters is refused with the reason.",
			action: "watch.write",
			requestBody: { content: { "application/json": WatchEntryBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readJson(context, WatchEntryBody, services);
				const value = watchValueOf(body);
				const existing = await store.listWatchEntries(user.organizationId);
				const same = existing.find((e) => e.kind === value.kind && e.value === value.value);
				if (same !== undefined) return { entry: entryView(same), created: false };
				if (existing.length >= WATCH_LIMITS.entriesPerOrganization) {
					throw new AppError(
						"E_WATCH_TOO_MANY_ENTRIES",
						`your organisation watches ${existing.length} values, the most allowed: remove some, or watch a block that covers several`,
						{ details: { limit: WATCH_LIMITS.entriesPerOrganization } },
					);
				}
				const entry = await store.addWatchEntry({
					id: `watch--${randomUUID()}`,
					organizationId: user.organizationId,
					...value,
					createdAt: new Date().toISOString(),
					createdBy: user.name,
				});
				return { entry: entryView(entry), created: true };
			},
		}),
		defineRoute({
			route: "POST /watchlist/{id}/remove",
			operationId: "watchRemove",
			tag: "watch",
			summary: "Stop watching a value",
			description: "Removes one of your organisation's entries; its alerts stay.",
			action: "watch.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				if (!(await store.removeWatchEntry(user.organizationId, params.id))) {
					throw new AppError("E_WATCH_ENTRY_NOT_FOUND", `your organisation has no watch entry ${params.id}`);
				}
				return { removed: true };
			},
		}),
		defineRoute({
			route: "GET /alerts",
			operationId: "alerts",
			tag: "watch",
			summary: "Your organisation's alerts, newest first",
			description:
				"Each alert: an object naming a value your organisation watches, as released to you now (an object you no longer receive is not listed). Page with `before` = the previous answer's `next`.",
			action: "watch.read",
			errors: [400],
			handle: async ({ user, query }) => {
				const viewer = viewerOf(user, query.purpose);
				const shown: AlertView[] = [];
				let before = query.before;
				let exhausted = false;
				// Fill the page through the gate: alerts of objects no longer released are skipped, never counted.
				for (
					let scanned = 0;
					shown.length < query.limit && !exhausted && scanned < ALERT_SCAN_PAGES;
					scanned++
				) {
					const page = await store.listWatchAlerts({
						organizationId: user.organizationId,
						limit: ALERT_SCAN_PAGE,
						...(before === undefined ? {} : { beforeSeq: before }),
					});
					exhausted = page.length < ALERT_SCAN_PAGE;
					for (const { alert, copy } of await releasedAlerts(store, services.gate, viewer, page)) {
						if (shown.length === query.limit) break;
						shown.push(alertView(alert, copy));
						before = alert.seq;
					}
					if (shown.length < query.limit) before = page.at(-1)?.seq ?? before;
				}
				const more = !exhausted || shown.length === query.limit;
				return { alerts: shown, ...(more && before !== undefined ? { next: before } : {}) };
			},
		}),
		defineRoute({
			route: "POST /alerts/{id}/acknowledge",
			operationId: "alertAcknowledge",
			tag: "watch",
			summary: "Acknowledge an alert",
			description: "Marks one of your organisation's alerts seen; the first acknowledgement stays.",
			action: "watch.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				const done = await store.acknowledgeWatchAlert(
					user.organizationId,
					params.id,
					user.name,
					new Date().toISOString(),
				);
				if (!done)
					throw new AppError("E_WATCH_ALERT_NOT_FOUND", `your organisation has no alert ${params.id}`);
				return { acknowledged: true as const };
			},
		}),
		defineRoute({
			route: "GET /webhook",
			operationId: "webhook",
			tag: "watch",
			summary: "Your organisation's webhook and its delivery log",
			description: "Where alerts are posted (never the secret) and the latest 100 deliveries, newest first.",
			action: "watch.read",
			errors: [400],
			handle: async ({ user }) => {
				const webhook = await store.getWebhook(user.organizationId);
				return {
					webhook:
						webhook === undefined
							? null
							: { url: webhook.url, createdAt: webhook.createdAt, createdBy: webhook.createdBy },
					deliveries: (await store.listWebhookDeliveries(user.organizationId, 100)).map(deliveryView),
				};
			},
		}),
		defineRoute({
			route: "POST /webhook",
			operationId: "webhookSet",
			tag: "watch",
			summary: "Set the webhook",
			description:
				"Alerts are POSTed to this https:// URL, signed: X-Entente-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>` with the secret answered here once (a new one each time it is set); X-Entente-Delivery is the alert's id (deduplicate by it: delivery is at least once). No user name or password in the URL; addresses inside the node's network are refused.",
			action: "watch.write",
			requestBody: { content: { "application/json": WebhookBody } },
			errors: [400, 403, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readJson(context, WebhookBody, services);
				const url = webhookUrlOf(body.url.trim(), webhooks.allowPrivate);
				const subscription = {
					organizationId: user.organizationId,
					url: url.href,
					secret: newWebhookSecret(),
					createdAt: new Date().toISOString(),
					createdBy: user.name,
				};
				await store.putWebhook(subscription);
				return { url: subscription.url, secret: subscription.secret, createdAt: subscription.createdAt };
			},
		}),
		defineRoute({
			route: "POST /webhook/test",
			operationId: "webhookTest",
			tag: "watch",
			summary: "Send a test to the webhook",
			description:
				"POSTs a signed `entente.webhook-test` body to the webhook now and says what the receiver answered.",
			action: "watch.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user }) => {
				const webhook = await store.getWebhook(user.organizationId);
				if (webhook === undefined) {
					throw new AppError(
						"E_WEBHOOK_NOT_SET",
						"your organisation has no webhook: set one with POST /webhook first",
					);
				}
				const id = `test--${randomUUID()}`;
				const body = JSON.stringify({ type: "entente.webhook-test", id, at: new Date().toISOString() });
				try {
					const answer = await postWebhook(new URL(webhook.url), webhook.secret, id, body, webhooks);
					return {
						ok: answer.ok,
						status: answer.status,
						error: answer.ok ? null : `the receiver answered ${answer.status}`,
					};
				} catch (error) {
					return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
				}
			},
		}),
		defineRoute({
			route: "POST /webhook/remove",
			operationId: "webhookRemove",
			tag: "watch",
			summary: "Remove the webhook",
			description: "Stops posting alerts; deliveries still queued are dropped (the alerts stay listed).",
			action: "watch.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403],
			handle: async ({ user }) => ({ removed: await store.removeWebhook(user.organizationId) }),
		}),
	];
}

/** A JSON body checked against its shape: every issue located, as one 400. */
async function readJson<S extends z.ZodType>(
	context: Context,
	schema: S,
	services: ApiServices,
): Promise<z.output<S>> {
	const limit = Math.min(services.maxBodyBytes, WATCH_BODY_BYTES);
	const bytes = await readBytes(context, limit, services.bodies);
	const value = bytes.length === 0 ? {} : decoded(() => parseJson(bytes, jsonLimits({ maxBytes: limit })));
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
	return parsed.data;
}

function entryView(entry: WatchEntry): WatchEntryView {
	return {
		id: entry.id,
		kind: entry.kind,
		value: entry.value,
		label: entry.label,
		createdAt: entry.createdAt,
		createdBy: entry.createdBy,
	};
}

function alertView(
	alert: Parameters<typeof releasedAlerts>[3][number],
	copy: { id: string; type: string; [key: string]: unknown },
): AlertView {
	return {
		id: alert.id,
		at: alert.at,
		acknowledgedAt: alert.acknowledgedAt ?? null,
		entry: { id: alert.entryId, kind: alert.entryKind, value: alert.entryValue },
		kind: alert.kind,
		value: alert.value,
		path: alert.path,
		object: {
			id: copy.id,
			type: copy.type,
			name: typeof copy.name === "string" ? copy.name : null,
			modified: typeof copy.modified === "string" ? copy.modified : null,
		},
	};
}

function deliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
	return {
		alertId: delivery.alert.id,
		state: delivery.state,
		attempts: delivery.attempts,
		queuedAt: delivery.createdAt,
		lastAttemptAt: delivery.lastAttemptAt ?? null,
		lastStatus: delivery.lastStatus ?? null,
		lastError: delivery.lastError ?? null,
		deliveredAt: delivery.deliveredAt ?? null,
		nextAttemptAt: delivery.state === "pending" ? delivery.nextAttemptAt : null,
	};
}
