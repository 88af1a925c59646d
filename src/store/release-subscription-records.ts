// The records a store keeps for release webhooks (D59): a user's subscription to new releases — where they are
// posted, the secret they are signed with, the filter — and how far along the commit log it has been delivered.
// One row per subscription is the queue: its position is the cursor, its next attempt time the lease and the
// backoff, so several processes never send one subscription's releases twice or out of order.

/** What a subscription asks for: the release stream's filter (types, labels, a collection by id or alias). */
export interface ReleaseSubscriptionFilter {
	types?: string[];
	labels?: string[];
	collection?: string;
}

/** One user's release webhook. */
export interface ReleaseSubscription {
	/** `subscription--<uuid>`, made by the caller. */
	id: string;
	organizationId: string;
	/** The user whose viewer releases are judged for (its organisation, this purpose): the subscription's owner. */
	userId: string;
	url: string;
	/** The HMAC-SHA256 key, shown once when created; the store keeps it to sign with. */
	secret: string;
	filter: ReleaseSubscriptionFilter;
	purpose: string;
	createdAt: string;
	createdBy: string;
	/** The commit-log position (a dateAdded) delivered up to; undefined: from the start of the log. */
	position?: string;
	/** Failed attempts since the last delivery, and when the next may start (a claim moves it forward as a lease). */
	attempts: number;
	nextAttemptAt: string;
	lastDeliveredAt?: string;
	lastStatus?: number;
	lastError?: string;
	/** Set when the node stopped sending: a receiver dead past the retry budget, or an owner gone. */
	disabledAt?: string;
	disabledReason?: string;
}

/** What an attempt changed: the fields a sender may move (the rest is the owner's). */
export type ReleaseSubscriptionProgress = Pick<
	ReleaseSubscription,
	| "position"
	| "attempts"
	| "nextAttemptAt"
	| "lastDeliveredAt"
	| "lastStatus"
	| "lastError"
	| "disabledAt"
	| "disabledReason"
>;
