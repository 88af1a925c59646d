// Release webhooks as rows, the same in both backends (D59): the due time and the disabled mark are columns (the
// claim's index), everything else one JSON document the store neither reads nor searches.
import type { ReleaseSubscription } from "./release-subscription-records.ts";

/** The row's columns, in the order both backends insert them. */
export interface ReleaseSubscriptionRow {
	id: string;
	org_id: string;
	next_attempt_at: string;
	disabled_at: string | null;
	body: string;
}

export function releaseSubscriptionRow(subscription: ReleaseSubscription): ReleaseSubscriptionRow {
	const { id, organizationId, nextAttemptAt, disabledAt } = subscription;
	return {
		id,
		org_id: organizationId,
		next_attempt_at: nextAttemptAt,
		disabled_at: disabledAt ?? null,
		body: JSON.stringify(subscription),
	};
}

export function toReleaseSubscription(row: Record<string, unknown>): ReleaseSubscription {
	const subscription = JSON.parse(String(row.body)) as ReleaseSubscription;
	return { ...subscription, nextAttemptAt: String(row.next_attempt_at) };
}
