// Sends the queued alerts to each organisation's webhook (D51): claimed under a lease (so several processes, or a
// restart after a crash, send each at least once and rarely twice), each payload the alert's object as released
// to that organisation at send time, retried with exponential backoff for as long as the webhook is set.
import type { Logger } from "../../log/index.ts";
import type { Store, WatchAlertRecord, WebhookDelivery } from "../../store/index.ts";
import { sendSigned } from "../webhook/send-attempt.ts";

/**
 * The body sent for an alert: the alert with its object as released to its organisation now, or undefined when
 * that organisation no longer receives it (the delivery is then dropped, unsent). main.ts binds it to the gate.
 */
export type AlertPayload = (alert: WatchAlertRecord) => Promise<Record<string, unknown> | undefined>;

export interface WebhookDeliveryOptions {
	store: Store;
	payloadOf: AlertPayload;
	logger?: Logger;
	allowPrivate: boolean;
	timeoutMs: number;
	/** The first retry's delay; each next one doubles, up to `retryMaxMs`. */
	retryBaseMs: number;
	retryMaxMs: number;
	/** How long a claimed delivery is this process's before another may take it (longer than a send). */
	leaseMs?: number;
	batchSize?: number;
	now?: () => Date;
}

/**
 * Claims the due deliveries and sends each; returns how many were claimed (0: nothing due).
 * Deliveries of one organisation are sent in the order they were queued.
 */
export async function deliverWebhooksOnce(options: WebhookDeliveryOptions): Promise<number> {
	const now = options.now ?? (() => new Date());
	const start = now();
	const lease = new Date(start.getTime() + (options.leaseMs ?? Math.max(60_000, options.timeoutMs * 3)));
	const claimed = await options.store.claimWebhookDeliveries(
		start.toISOString(),
		lease.toISOString(),
		options.batchSize ?? 50,
	);
	// After one failure, the organisation's later deliveries wait, unattempted, for that one's retry: they would fail
	// alike, and trying each in turn would defeat the backoff.
	const retries = new Map<string, string>();
	for (const delivery of claimed) {
		const retryAt = retries.get(delivery.organizationId);
		if (retryAt !== undefined) {
			await options.store.finishWebhookDelivery(delivery.seq, { outcome: "postponed", retryAt });
			continue;
		}
		const failedUntil = await deliverOne(options, delivery, now);
		if (failedUntil !== undefined) retries.set(delivery.organizationId, failedUntil);
	}
	return claimed.length;
}

/** Sends one delivery and records what came of it; when it failed, the time of its retry. */
async function deliverOne(
	options: WebhookDeliveryOptions,
	delivery: WebhookDelivery,
	now: () => Date,
): Promise<string | undefined> {
	const { store } = options;
	const subscription = await store.getWebhook(delivery.organizationId);
	if (subscription === undefined) return undefined; // removed meanwhile: removeWebhook dropped the queue too
	const payload = await options.payloadOf(delivery.alert);
	if (payload === undefined) {
		await store.finishWebhookDelivery(delivery.seq, { outcome: "withheld" });
		return undefined;
	}
	const sent = await sendSigned(subscription, delivery.alert.id, JSON.stringify(payload), delivery.attempts, {
		allowPrivate: options.allowPrivate,
		timeoutMs: options.timeoutMs,
		retryBaseMs: options.retryBaseMs,
		retryMaxMs: options.retryMaxMs,
		now,
	});
	if (sent.outcome === "delivered") {
		await store.finishWebhookDelivery(delivery.seq, sent);
		return undefined;
	}
	options.logger?.warn(
		{ organization: delivery.organizationId, alert: delivery.alert.id, reason: sent.error },
		"webhook: delivery failed; will retry",
	);
	await store.finishWebhookDelivery(delivery.seq, sent);
	return sent.retryAt;
}
