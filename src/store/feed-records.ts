// The records a store keeps for feed subscriptions (D55): each feed's definition, the outcome of its last pull,
// the values (or MISP events) it carried last time with a fingerprint of each, and the lease that lets one
// process at a time pull it.

/** How a feed's body is read: a MISP feed (manifest.json + events), a CSV file, or one value per line. */
export type FeedFormat = "misp" | "csv" | "text";

/** The formats, in the order they are documented. */
export const FEED_FORMATS: readonly FeedFormat[] = ["misp", "csv", "text"];

/**
 * Which CSV column holds what: a 0-based number, or the header's name of the column (the file must then have a
 * header row). Without `kind`, each value's kind is guessed from its shape.
 */
export interface FeedCsvColumns {
	value: number | string;
	/** An observable kind (`ipv4`, `domain`, `sha256`…) every value of the feed is; else classified per value. */
	kind?: string;
	firstSeen?: number | string;
	comment?: number | string;
	/** One character; "," by default. */
	delimiter?: string;
}

/** A feed the node subscribes to, as the operator defined it. */
export interface FeedDefinition {
	/** A UUID, made when the feed is added; the seed of every id the feed's objects get. */
	id: string;
	name: string;
	/** http(s) only. For a MISP feed, the folder holding manifest.json. */
	url: string;
	format: FeedFormat;
	/** Seconds between scheduled pulls; 0: pulled only on demand. */
	intervalSeconds: number;
	/** The marking definition ids every object of the feed carries (a TLP marking, for instance). */
	markingRefs: string[];
	/** The STIX confidence (0–100) its indicators get, if any. */
	confidence?: number;
	csv?: FeedCsvColumns;
	/** The local organisation that owns the stored copies (provenance). */
	organizationId: string;
	/** RFC 3339, and the user (or `cli`) who added it. */
	createdAt: string;
	createdBy: string;
}

/** How the last pull ended: new data stored, nothing changed upstream (304 or same bytes), or failed. */
export type FeedOutcome = "updated" | "unchanged" | "failed";

/** What the last pull of a feed did; counts are objects written, `problems` its first messages (rows, events). */
export interface FeedStatus {
	lastPullAt: string;
	outcome: FeedOutcome;
	/** Why the pull failed, with the fix when there is one. */
	error?: string;
	/** Objects stored by this pull, counted from what ingest reported: new to the feed, changed, expiring. */
	added: number;
	updated: number;
	revoked: number;
	/**
	 * Objects the pull handed to ingest that the store already held (a duplicate: an event imported by hand, say),
	 * and objects ingest refused (see problems). Absent from a status recorded before they were counted.
	 */
	unchanged?: number;
	refused?: number;
	/** Values read from the feed in this pull; rows or events skipped, with the first messages. */
	values: number;
	skipped: number;
	problems: string[];
	/** The validators the server gave, sent back on the next pull (conditional GET). */
	etag?: string;
	lastModified?: string;
	/** RFC 3339: the next scheduled pull. */
	nextPullAt?: string;
}

/** A feed with its last status (none before its first pull). */
export interface FeedRecord extends FeedDefinition {
	status?: FeedStatus;
}

/**
 * One value (or MISP event) the feed carried at its last pull: `key` names it (`ipv4:192.0.2.1`, `event:<uuid>`),
 * `fingerprint` what of it was stored (a comment, first-seen, an event's timestamp), so a re-pull writes only
 * what changed.
 */
export interface FeedItem {
	key: string;
	fingerprint: string;
}
