// The records a store keeps for watch-lists (D51): an organisation's watched values, the alerts raised when
// intelligence naming them arrives, and the webhook that carries those alerts out, with its delivery queue.

/** One watched value of one organisation: a range, an ASN, a domain (and its sub-domains) or an exact value. */
export interface WatchEntry {
	/** `watch--<uuid>`, made by the caller. */
	id: string;
	organizationId: string;
	/** An observable kind (`ipv4`, `ipv6`, `asn`, `domain`, `sha256`…): the normal form's kind. */
	kind: string;
	/** The value in its normal form: `10.0.0.0/8`, `64496`, `example.org`. */
	value: string;
	/** The organisation's own note on why it watches this value ("our mail servers"). */
	label: string;
	/** RFC 3339, and the user who added it. */
	createdAt: string;
	createdBy: string;
}

/**
 * One alert: an object version naming a value one entry watches. Its id is made from (organisation, object,
 * version, entry, value), so a round repeated after a crash, or by a second process, cannot add it twice, and a
 * webhook receiver can deduplicate deliveries by it.
 */
export interface WatchAlert {
	id: string;
	organizationId: string;
	objectId: string;
	objectVersion: string;
	/** The entry that matched, with its kind and value as they were when it matched. */
	entryId: string;
	entryKind: string;
	entryValue: string;
	/** The value the object names (`10.1.2.3`, `mail.example.org`), of kind `kind`, and where in the object. */
	kind: string;
	value: string;
	path: string;
	/** RFC 3339: when the match was made. */
	at: string;
}

/** A recorded alert: `seq` numbers alerts in the order they were recorded; acknowledgement is the organisation's. */
export interface WatchAlertRecord extends WatchAlert {
	seq: number;
	acknowledgedAt?: string;
	acknowledgedBy?: string;
}

/** A page of one organisation's alerts, newest first: at most `limit`, only those before `beforeSeq` when given. */
export interface WatchAlertQuery {
	organizationId: string;
	limit: number;
	beforeSeq?: number;
}

/** Where an organisation's alerts are posted, and the secret their signature is made with (one per organisation). */
export interface WebhookSubscription {
	organizationId: string;
	url: string;
	/** The HMAC-SHA256 key, shown once when set; the store keeps it to sign with. */
	secret: string;
	createdAt: string;
	createdBy: string;
}

/** One alert queued for, or delivered to, its organisation's webhook; the queue's rows are the delivery log. */
export interface WebhookDelivery {
	seq: number;
	organizationId: string;
	alert: WatchAlertRecord;
	state: "pending" | "delivered";
	/** Attempts made so far, and when the next may start (RFC 3339; a claim moves it forward as a lease). */
	attempts: number;
	nextAttemptAt: string;
	createdAt: string;
	lastAttemptAt?: string;
	/** The receiver's HTTP status of the last attempt, if it answered, and what went wrong, if anything. */
	lastStatus?: number;
	lastError?: string;
	deliveredAt?: string;
}

/**
 * What became of a claimed delivery: delivered; failed (an attempt, retried at `retryAt`); postponed unattempted
 * (an earlier alert to the same receiver just failed); or withheld (its object is no longer released to the
 * organisation: the delivery is removed unsent).
 */
export type WebhookAttempt =
	| { outcome: "delivered"; at: string; status: number }
	| { outcome: "failed"; at: string; status?: number; error: string; retryAt: string }
	| { outcome: "postponed"; retryAt: string }
	| { outcome: "withheld" };
