// Sends new releases to each release webhook (D59): a subscription is claimed under a lease, the versions committed
// after its position are released to its owner at send time (the payloads are given: api/'s releasePayloads binds
// the gate), each POSTed signed, in commit order, and the position moved past what was delivered. A failure backs
// off (the shared webhook machinery, ../webhook/); a receiver that fails `maxAttempts` times in a row is disabled
// with the reason, as is a subscription whose owner is gone. Delivery is at least once: the id is stable.
import type { Logger } from "../../log/index.ts";
import type { ReleaseSubscription, Store, StoredVersion } from "../../store/index.ts";
import { type RetryPolicy, sendSigned } from "../webhook/send-attempt.ts";

/** One release as the owner receives it now: its commit-log position and the JSON body to post. */
export interface ReleasePayload {
	position: string;
	body: Record<string, unknown>;
}

/**
 * The bodies of `versions` for a subscription's owner, released at send time and filtered as it asked (only what
 * it receives), or why the subscription cannot go on (its owner or its collection is gone).
 */
export type ReleasePayloads = (
	subscription: ReleaseSubscription,
	versions: readonly StoredVersion[],
) => Promise<{ payloads: ReleasePayload[] } | { stop: string }>;

export interface ReleaseDeliveryOptions extends RetryPolicy {
	store: Store;
	payloadsOf: ReleasePayloads;
	logger?: Logger;
	allowPrivate: boolean;
	timeoutMs: number;
	/** Failures in a row after which a subscription is disabled. */
	maxAttempts: number;
	/** Versions read per subscription per claim. */
	pageSize: number;
	batchSize?: number;
	now?: () => Date;
}

/**
 * Claims the due subscriptions and sends each its next page; returns how many pages had something in them (0: every
 * subscription is caught up or waiting for a retry).
 */
export async function deliverReleasesOnce(options: ReleaseDeliveryOptions): Promise<number> {
	const now = options.now ?? (() => new Date());
	const start = now();
	// The lease covers a whole page sent to a receiver that times out on each post.
	const leaseMs = options.timeoutMs * (options.pageSize + 1) + 60_000;
	const claimed = await options.store.claimReleaseSubscriptions(
		start.toISOString(),
		new Date(start.getTime() + leaseMs).toISOString(),
		options.batchSize ?? 20,
	);
	const horizon = await options.store.commitHorizon();
	let busy = 0;
	for (const subscription of claimed) {
		if (await deliverPage(options, subscription, horizon, now)) busy++;
	}
	return busy;
}

/** Sends one page to one subscription and records where it got; true when the page held versions. */
async function deliverPage(
	options: ReleaseDeliveryOptions,
	subscription: ReleaseSubscription,
	horizon: string | undefined,
	now: () => Date,
): Promise<boolean> {
	const { store } = options;
	const idle = { attempts: subscription.attempts, nextAttemptAt: now().toISOString() };
	if (horizon === undefined || (subscription.position !== undefined && subscription.position >= horizon)) {
		await store.recordReleaseProgress(subscription.id, idle);
		return false;
	}
	const page = await store.query({
		versions: ["all"],
		limit: options.pageSize,
		...(subscription.position === undefined ? {} : { addedAfter: subscription.position }),
	});
	const versions = page.items.filter((v) => v.dateAdded <= horizon);
	const until = page.more && versions.length > 0 ? (versions.at(-1)?.dateAdded ?? horizon) : horizon;
	const released = await options.payloadsOf(subscription, versions);
	if ("stop" in released) {
		await store.recordReleaseProgress(subscription.id, {
			...idle,
			disabledAt: now().toISOString(),
			disabledReason: released.stop,
		});
		return false;
	}
	let lastDeliveredAt = subscription.lastDeliveredAt;
	for (const payload of released.payloads) {
		const deliveryId = `${subscription.id}/${payload.position}`;
		const body = JSON.stringify({ ...payload.body, id: deliveryId });
		const sent = await sendSigned(subscription, deliveryId, body, subscription.attempts, { ...options, now });
		if (sent.outcome === "failed") {
			await recordFailure(options, subscription, sent, lastDeliveredAt);
			return true;
		}
		lastDeliveredAt = sent.at;
		// Delivered: a crash from here repeats nothing before this position.
		subscription = { ...subscription, position: payload.position, attempts: 0 };
	}
	await store.recordReleaseProgress(subscription.id, {
		position: until,
		attempts: 0,
		nextAttemptAt: now().toISOString(),
		...(lastDeliveredAt === undefined ? {} : { lastDeliveredAt }),
	});
	return versions.length > 0;
}

/** A failed post: the retry backs off, or the subscription is disabled once it has failed too often in a row. */
async function recordFailure(
	options: ReleaseDeliveryOptions,
	subscription: ReleaseSubscription,
	sent: { at: string; status?: number; error: string; retryAt: string },
	lastDeliveredAt: string | undefined,
): Promise<void> {
	const attempts = subscription.attempts + 1;
	const dead = attempts >= options.maxAttempts;
	options.logger?.warn(
		{ subscription: subscription.id, reason: sent.error, attempts, disabled: dead },
		dead
			? "release webhook: disabled after repeated failures"
			: "release webhook: delivery failed; will retry",
	);
	await options.store.recordReleaseProgress(subscription.id, {
		...(subscription.position === undefined ? {} : { position: subscription.position }),
		attempts,
		nextAttemptAt: sent.retryAt,
		lastError: sent.error,
		...(sent.status === undefined ? {} : { lastStatus: sent.status }),
		...(lastDeliveredAt === undefined ? {} : { lastDeliveredAt }),
		...(dead
			? {
					disabledAt: sent.at,
					disabledReason: `the receiver failed ${attempts} times in a row (last: ${sent.error}); fix it, then create the subscription again`,
				}
			: {}),
	});
}
