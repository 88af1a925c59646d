// The webhook routes (D51): where an organisation's alerts are posted, its signing secret (answered once), a test,
// the delivery log. Always the user's own organisation's; the URL rules are intel/watch's (webhook-url.ts).
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";
import { newWebhookSecret, postWebhook, webhookUrlOf } from "../intel/index.ts";
import type { WebhookDelivery } from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import { NoBody, WebhookBody, type WebhookDeliveryView } from "./shapes/index.ts";

/** A URL, with room to spare. */
const WEBHOOK_BODY_BYTES = 16 * 1024;

/** The webhook routes, over `services`. */
export function webhookRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	const webhooks = services.webhooks ?? { allowPrivate: false, timeoutMs: 10_000 };
	return [
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
				const body = await readJsonBody(context, WebhookBody, services, WEBHOOK_BODY_BYTES);
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
