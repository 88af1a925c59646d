// The Store contract: every backend (SQLite now, PostgreSQL later) implements this and passes one contract suite.
import type { StixObject } from "../stix/core.ts";
import type { Organization, User } from "./account-records.ts";
import type { ActivityCount, ActivityCursor } from "./activity-records.ts";
import type { AuditEntry, AuditQuery, NewAuditEntry } from "./audit-records.ts";
import type { EncodedVersion } from "./encoded-version.ts";
import type {
	DeletionRecord,
	InvitationRecord,
	OutboxEntry,
	OutboxMessage,
	PeerRecord,
	PeerState,
	ReceivedProvenance,
} from "./federation-records.ts";
import type { FeedDefinition, FeedItem, FeedRecord, FeedStatus } from "./feed-records.ts";
import type { IncidentQuery, IncidentRecord, NewIncident } from "./incident-records.ts";
import type { PolicyDocument, PolicyVersionInfo, StoredPolicy } from "./policy-records.ts";
import type {
	HeldItem,
	QuarantineAction,
	QuarantineDetail,
	QuarantineItem,
	QuarantineListRequest,
	QuarantinePage,
} from "./quarantine-records.ts";
import type { ReleaseSubscription, ReleaseSubscriptionProgress } from "./release-subscription-records.ts";
import type { CollectionDefinition, StatusRecord } from "./taxii-records.ts";
import type {
	StoredWarninglist,
	WarninglistPut,
	WarninglistRecord,
	WarninglistSummary,
} from "./warninglist-records.ts";
import type {
	WatchAlert,
	WatchAlertQuery,
	WatchAlertRecord,
	WatchEntry,
	WebhookAttempt,
	WebhookDelivery,
	WebhookSubscription,
} from "./watch-records.ts";

/** The flag of a version carrying a marking whose definition the store does not hold (see `awaitingMarkings`). */
export const UNKNOWN_MARKING_FLAG = "unknown-marking";
/**
 * The flag the store sets on a version that names an object (any reference but markings and author) it does not
 * hold ready yet: the version is not released until it is complete, so a version's content never changes on the
 * wire as its references arrive (D58).
 */
export const AWAITING_REFERENCES_FLAG = "awaiting-references";

/** Where a version came from: the local organisation it is recorded under and the source it arrived by. */
export interface Provenance {
	/** STIX identity id of the local organisation that owns this copy. */
	organizationId: string;
	/** Free text naming the channel, e.g. `import:enterprise-attack.json`, `taxii:https://…`. */
	source: string;
}

/**
 * A validated STIX 2.1 object version ready to be stored: the object itself, or its encoding
 * (`encodeVersion`) when the caller has already serialised it and let the object go.
 */
export type NewVersion = (
	| { object: StixObject; encoded?: undefined }
	| { encoded: EncodedVersion; object?: undefined }
) & {
	provenance: Provenance;
	/** Conditions the policy engine must see, e.g. `unknown-marking`. Stored with the version. */
	flags?: readonly string[];
	/**
	 * The marking definitions an `unknown-marking` version waits for (D58). The store also makes a version wait
	 * for every object it names that it does not hold ready (flag `awaiting-references`). Once all it waits for is
	 * held ready (already, later in the batch, or in any later write), the store clears the flags in that write's
	 * transaction and re-commits the version: a new dateAdded, so every follower of the commit log (TAXII
	 * `added_after`, federation feeds, watch-lists) sees it as newly added; what waited on it is settled in turn.
	 */
	awaitingMarkings?: readonly string[];
	/** Who may add this version when the id is already held; absent: anyone. See {@link VersionAuthority}. */
	authority?: VersionAuthority;
};

/**
 * Who may add a version to an id the store already holds, judged in the write transaction against the
 * id's first recorded version (lowest date_added; an earlier version of the same batch counts). A version
 * that fails is quarantined with a reason naming the conflict (D30).
 * - `{ versioners }`: only when that first version was recorded under one of these organisations (only
 *   the originator versions or revokes an object; the node's own organisations count as one).
 * - `"immutable"`: only the identical content (a marking definition is never versioned, STIX 2.1 §7.2.1).
 */
export type VersionAuthority = { readonly versioners: readonly string[] } | "immutable";

/**
 * What happened to one version in a batch.
 * - stored: a new (id, version) was written.
 * - duplicate: the same (id, version) with the same content was already there; nothing changed.
 * - quarantined: the same (id, version) exists with different content, or the version's `authority` refuses it;
 *   the newcomer was set aside (listQuarantine), never overwriting.
 */
export type PutOutcome =
	| { status: "stored"; dateAdded: string }
	| { status: "duplicate"; dateAdded: string }
	| {
			status: "quarantined";
			reason: string;
			/** Set when the version's `authority` refused it (D30), rather than for other content under its version. */
			refused?: true;
	  };

/** A stored version as it leaves the store: never a row, always the object plus our metadata. */
export interface StoredVersion {
	object: StixObject;
	id: string;
	type: string;
	/** `modified`, else `created`; for an observable's statement (D31), its first dateAdded. */
	version: string;
	specVersion: string;
	/** Node-assigned, strictly increasing in commit order, RFC 3339 with microseconds: `2026-11-26T22:40:00.123456Z`. */
	dateAdded: string;
	provenance: Provenance;
	flags: readonly string[];
	/**
	 * Whether this was the object's latest version when it was read: true for the `last` selector by
	 * construction, computed by the backend for the others. Absent when a backend does not say; readers
	 * that need to know (the egress gate binds older versions to the latest's markings) then look it up.
	 */
	latest?: boolean;
}

/** Which versions of each object a query returns (TAXII 2.1 §3.4.1 `match[version]`). */
export type VersionSelector = "last" | "first" | "all" | { modified: string };

/** Filters are AND-ed; within a list, values are OR-ed; an empty list matches nothing. */
export interface ObjectQuery {
	ids?: readonly string[];
	types?: readonly string[];
	/** Default `["last"]`; several selectors are OR-ed. Computed over all versions of an object. */
	versions?: readonly VersionSelector[];
	specVersions?: readonly string[];
	/** Only versions whose dateAdded is strictly after this RFC 3339 timestamp; malformed → E_STORE_QUERY_INVALID. */
	addedAfter?: string;
	/** Only versions recorded under these local organisations. */
	organizationIds?: readonly string[];
	/** Opaque position returned as `next` by a previous page of the same query. */
	after?: string;
	/** Page size; backends never return more. */
	limit: number;
}

/** Which page of `latestBodies`: at most `limit`, after the opaque position `after` (a previous page's `next`). */
export interface BodyPageRequest {
	after?: string;
	limit: number;
}

/** One page of `latestBodies`: each body as the JSON text stored, in commit order; `next` when more follow. */
export interface BodyPage {
	bodies: string[];
	next?: string;
}

/** Which versions `latestVersionPages` reads: of these types (all when absent), added after `addedAfter`. */
export interface LatestVersionsRequest {
	upTo: string | undefined;
	pageSize: number;
	types?: readonly string[];
	addedAfter?: string;
}

/** A page in ascending dateAdded order. `next` is present when `more` is true. */
export interface ObjectPage {
	items: StoredVersion[];
	more: boolean;
	next?: string;
}

export interface QuarantinedVersion {
	id: string;
	version: string;
	receivedAt: string;
	reason: string;
	object: StixObject;
	provenance: Provenance;
}

/** One recorded reference: `fromId` names `toId` through `kind` (e.g. `object_refs`, `source_ref:derived-from`). */
export interface Reference {
	fromId: string;
	toId: string;
	kind: string;
}

/** A released copy's new id and the stored object it was derived from (D29). */
export interface DerivedIdPair {
	derivedId: string;
	originalId: string;
}

/** Which page of `referrersOf`: at most `limit` referrers, after the referrer id `after` (exclusive). */
export interface ReferrerPageRequest {
	after?: string;
	limit: number;
}

/** One page of `referrersOf`. */
export interface ReferrerPage {
	/** By fromId, then kind: all of each listed referrer's references to the id, never split across pages. */
	references: Reference[];
	/** More referrers follow the last one listed. */
	more: boolean;
}

export interface StoreStats {
	objects: number;
	versions: number;
	quarantined: number;
	organizations: number;
	byType: Record<string, number>;
}

/** The one async storage interface. Rows never leave a backend: only the records above cross it. */
export interface Store {
	/** Writes a batch in one transaction; durable when the promise resolves. One outcome per input, in order. */
	putVersions(batch: readonly NewVersion[]): Promise<PutOutcome[]>;
	/** Versions of one object per selector (default `["all"]`), ascending by version; [] when unknown or deleted. */
	getVersions(id: string, versions?: readonly VersionSelector[]): Promise<StoredVersion[]>;
	query(query: ObjectQuery): Promise<ObjectPage>;
	count(query: Omit<ObjectQuery, "limit" | "after">): Promise<number>;
	/**
	 * The latest version of every object (each contributor's statement of an observable, D31) as the JSON text
	 * it is stored as, in commit order, a page at a time: what `query({ versions: ["last"] })` reads, without
	 * decoding its metadata, for a derived index that rebuilds itself from every object (intel/, D46).
	 * @throws AppError E_STORE_QUERY_INVALID when `limit` is not a whole number from 1 or `after` is malformed.
	 * @example const page = await store.latestBodies({ limit: 5000, after: previous.next });
	 */
	latestBodies(page: BodyPageRequest): Promise<BodyPage>;
	/**
	 * What a rebuild reads (D60): the bodies `latestBodies` pages through, committed at or before `upTo` (a
	 * `commitHorizon()` read before; undefined: nothing), in commit order, `pageSize` at a time to `onPage` (awaited).
	 * Later commits are left to whoever follows the commit log from `upTo`. A backend may read them faster than the
	 * pages of `latestBodies` (SQLite: one pass over its (id, version) index finds the older versions of objects
	 * stored in several, instead of a probe of that index per row). Resolves with how many bodies it read.
	 * @throws AppError E_STORE_QUERY_INVALID when `pageSize` is not a whole number from 1 or `upTo` is malformed.
	 */
	readLatestBodies(
		request: { upTo: string | undefined; pageSize: number },
		onPage: (bodies: string[]) => void | Promise<void>,
	): Promise<number>;
	/**
	 * What an export reads (D56's speed addendum): the versions `query({ versions: ["last"], types, addedAfter })`
	 * pages through, committed at or before `upTo` (a `commitHorizon()` read before; undefined: nothing), in
	 * commit order, at most `pageSize` a page, each marked `latest`. A version that a commit past `upTo` supersedes
	 * while the pages are read is left out, as `query` would leave it out; later commits are the next export's. A
	 * backend may read them faster than `query`'s pages (SQLite: readLatestBodies' one pass over the version index
	 * instead of a probe per row, and one range of the type index per type). Pages are read as they are pulled.
	 * @throws AppError E_STORE_QUERY_INVALID when `pageSize` is not a whole number from 1, or `upTo` or
	 *   `addedAfter` is malformed; E_STORE_CLOSED when the store closes between pages.
	 */
	latestVersionPages(request: LatestVersionsRequest): AsyncGenerator<StoredVersion[]>;
	/**
	 * The bodies of the versions `latestVersionPages` answers, as the JSON text each is stored as, in the same pages:
	 * for a reader that needs the objects alone and no gate (the operator's own export without `--as`, D56), which
	 * then reads no metadata column and may parse the text where it likes (exports/ hands it to format threads).
	 * @throws AppError as latestVersionPages.
	 */
	latestBodyPages(request: LatestVersionsRequest): AsyncGenerator<string[]>;
	/**
	 * Which of `ids` the store holds a version of (deleted ones it does not). An existence check, cheaper
	 * than `query`: the egress gate asks it per page for every observable the page's indicators name.
	 */
	heldIds(ids: readonly string[]): Promise<Set<string>>;
	/** Which of `types` the store holds at least one object of: one index probe per type. */
	heldTypes(types: readonly string[]): Promise<Set<string>>;
	/**
	 * The latest version of each of `ids` the store holds, in no particular order (each marked `latest`); for an
	 * observable, every contributor's statement (D31):
	 * what the egress gate loads for references and named observables, without `query`'s paging order.
	 */
	latestVersions(ids: readonly string[]): Promise<StoredVersion[]>;
	/**
	 * The stored objects that reference any of `ids` through one of `kinds`: the path of any reference
	 * property but markings and author (stix/references: `object_refs`, `sighting_of_ref`, `src_ref`,
	 * `body_multipart.body_raw_ref`, `extensions.archive-ext.contains_refs`, custom `x_…_ref`), a
	 * relationship end with its type, `source_ref:<relationship_type>` / `target_ref:<relationship_type>`.
	 * Any version counts; a deleted object references nothing. Order: by toId, kind, fromId.
	 */
	referencesTo(ids: readonly string[], kinds: readonly string[]): Promise<Reference[]>;
	/**
	 * The objects that reference `toId` through any kind `referencesTo` knows (relationship ends of every
	 * type included), one page of referrers at a time: every reference of the first `limit` referrers whose
	 * id is above `after` (exclusive), by fromId. Any version counts; a deleted object references nothing.
	 * @throws AppError E_STORE_QUERY_INVALID when `limit` is not a whole number from 1.
	 * @example await store.referrersOf("malware--…", { limit: 100, after: page.references.at(-1)?.fromId })
	 */
	referrersOf(toId: string, page: ReferrerPageRequest): Promise<ReferrerPage>;
	/**
	 * Records that a copy released under `derivedId` was derived from the stored `originalId` (a transformed
	 * observable, D29). Idempotent: a known pair is kept once.
	 * @example await store.recordDerivedIds([{ derivedId: "ipv4-addr--…", originalId: "ipv4-addr--…" }])
	 */
	recordDerivedIds(pairs: readonly DerivedIdPair[]): Promise<void>;
	/** Every original id recorded for `derivedId`, by id; empty when none. Says nothing about who may see them. */
	originalsOf(derivedId: string): Promise<string[]>;
	/**
	 * Appends releases the invariants stopped (D37), in the given order, numbered after every earlier one.
	 * @example await store.recordIncidents([{ at, invariant: "tlp-ceiling", objectId, partyId, userId, purpose, reason }])
	 */
	recordIncidents(incidents: readonly NewIncident[]): Promise<void>;
	/** Recorded incidents, newest first (see IncidentQuery). */
	listIncidents(query: IncidentQuery): Promise<IncidentRecord[]>;
	/** How many incidents each invariant has recorded, by invariant name (absent: none). */
	incidentCounts(): Promise<Map<string, number>>;
	/**
	 * Adds `counts` to the day's activity counters (D67) and, when given, moves a commit-log follower's cursor, in
	 * one transaction: after a crash the counters and the cursor agree, so following again from the cursor counts
	 * each version once. A counter named twice in one batch is added twice.
	 * @example await store.addActivityCounts([{ day: "2026-12-08", flow: "in", party, marking: "TLP:GREEN", rule: "", count: 3 }], { name: "in", position })
	 */
	addActivityCounts(counts: readonly ActivityCount[], cursor?: ActivityCursor): Promise<void>;
	/** Every activity counter of `sinceDay` (`YYYY-MM-DD`) and later, in day order. */
	activityCounts(sinceDay: string): Promise<ActivityCount[]>;
	/** Where the follower `name` stands in the commit log (undefined: it has counted nothing yet). */
	activityCursor(name: string): Promise<string | undefined>;
	/**
	 * Puts a warninglist (D50) by name, in one transaction: a new name is "added", other content under a known name
	 * "replaced", the same content again (version, description, type, matching attributes, entries) "unchanged" and
	 * nothing is written. Every change moves `warninglistRevision`.
	 * @example await store.putWarninglist({ name: "List of RFC 1918 CIDR blocks", version: 5, type: "cidr", … })
	 */
	putWarninglist(list: WarninglistRecord): Promise<WarninglistPut>;
	/** Removes a warninglist by name; false when there was none (and the revision stays). */
	deleteWarninglist(name: string): Promise<boolean>;
	/** Every warninglist without its entries, by name. */
	listWarninglists(): Promise<WarninglistSummary[]>;
	/** Every warninglist with its entries, by name: what a matcher is compiled from. */
	getWarninglists(): Promise<StoredWarninglist[]>;
	/**
	 * A number that moves whenever any process changes a warninglist (0 before any): one cheap read, so a
	 * process recompiles its matcher only when it moved.
	 */
	warninglistRevision(): Promise<number>;
	/**
	 * Removes every version of an object; returns how many were removed. With `contributor`, removes only that
	 * organisation's statement of an observable (D31): other contributors' statements stay, and the deletion
	 * is recorded (and federated) only when none remains.
	 */
	deleteObject(id: string, contributor?: string): Promise<number>;
	/**
	 * Removes the versions of `id` that were added at these instants (a version's `dateAdded` is unique, so it names
	 * one version, an observable's statement included); returns how many were removed. When no version of the id
	 * remains, the object is gone exactly as after `deleteObject` (tombstone, references); otherwise the others
	 * stay untouched and nothing is recorded for federation (TAXII 2.1 §5.7 `match[version]`, D57).
	 */
	deleteVersions(id: string, datesAdded: readonly string[]): Promise<number>;
	/** Quarantined versions, newest first; one entry per distinct conflicting content. */
	listQuarantine(limit: number): Promise<QuarantinedVersion[]>;
	/**
	 * The quarantined versions of `id` recorded under `organizationId` (never another's), by version then
	 * arrival: a poster's own contribution the store set aside, which must still read back to it (D30, D35).
	 */
	quarantinedOf(id: string, organizationId: string): Promise<QuarantinedVersion[]>;
	/**
	 * Holds refused items for review (D65): objects ingest rejected, push items the inbox refused. Each body is cut
	 * to the item limit (`truncated`); the same refusal twice is kept once; each bucket (`organizationId`) keeps at
	 * most its limits, its oldest items dropped first (`QuarantineLimits`).
	 */
	holdItems(items: readonly HeldItem[]): Promise<void>;
	/**
	 * The quarantine's items of every kind, newest first, filtered (kinds, states and source AND-ed).
	 * @throws AppError E_STORE_QUERY_INVALID when `limit` is not from 1 to 1000 or `after` is not a whole number.
	 */
	listQuarantineItems(request: QuarantineListRequest): Promise<QuarantinePage>;
	/** One item with its body and its decisions, or undefined when there is none (or it was evicted). */
	getQuarantineItem(seq: number): Promise<QuarantineDetail | undefined>;
	/**
	 * Records a decision on a held item and moves it to `action.state` in one transaction; a rejected item's body is
	 * dropped (the record stays). Undefined when there is no such item.
	 * @throws AppError E_QUARANTINE_DECIDED when the item is no longer held (accepted or rejected before).
	 */
	decideQuarantineItem(seq: number, action: QuarantineAction): Promise<QuarantineItem | undefined>;
	/**
	 * The organisation that owned `id` when it was deleted (its first recorded version's), as its tombstone
	 * keeps it, or undefined when no owned version of `id` was ever deleted (D30).
	 */
	deletedOwnerOf(id: string): Promise<string | undefined>;

	putOrganization(organization: Organization): Promise<void>;
	getOrganization(id: string): Promise<Organization | undefined>;
	listOrganizations(): Promise<Organization[]>;
	/** Adds a user or replaces it (role, token); its `tokenLastUsedAt` is the store's (kept unless the hash changed). */
	putUser(user: User): Promise<void>;
	/** The user of an unrevoked token with this hash; a revoked token's user is not found. */
	findUserByTokenHash(tokenHash: string): Promise<User | undefined>;
	getUser(id: string): Promise<User | undefined>;
	listUsers(organizationId?: string): Promise<User[]>;
	/**
	 * Records that the token with this hash signed in at `at` (RFC 3339): its user's `tokenLastUsedAt` moves
	 * forward, never back; nothing happens for a token since rotated. The caller throttles (D66).
	 */
	recordTokenUse(tokenHash: string, at: string): Promise<void>;

	/**
	 * Appends one line to the audit trail (D66), stamped with the store's clock. Append-only: the Store has no
	 * way to change or remove a line, and the tables refuse UPDATE and DELETE.
	 */
	appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
	/** Audit lines matching `query`, newest first (by `seq`); page on with `beforeSeq` = the last line's seq. */
	listAudit(query: AuditQuery): Promise<AuditEntry[]>;

	getMeta(key: string): Promise<string | undefined>;
	setMeta(key: string, value: string): Promise<void>;

	/**
	 * Creates or replaces the collection with this id; a new one goes last in listCollections, a
	 * replaced one keeps its place.
	 * @throws AppError E_STORE_CONFLICT when another collection already has this alias.
	 */
	putCollection(collection: CollectionDefinition): Promise<void>;
	/** Every collection, in the order they were first put. */
	listCollections(): Promise<CollectionDefinition[]>;
	/** Removes a collection by id (its objects stay in the store); false when there was none. */
	deleteCollection(id: string): Promise<boolean>;

	/** Creates or replaces the status resource with this id (`record.resource.id`). */
	putStatus(record: StatusRecord): Promise<void>;
	/** The record as put, expired or not (callers judge `expiresAt`); undefined when unknown or swept. */
	getStatus(id: string): Promise<StatusRecord | undefined>;
	/**
	 * Removes statuses whose `expiresAt` is strictly before `instant` (RFC 3339); returns how many.
	 * @throws AppError E_STORE_QUERY_INVALID when `instant` is malformed.
	 */
	deleteStatusesBefore(instant: string): Promise<number>;

	/**
	 * Stores a new policy version, whole or not at all; versions are numbered 1, 2, … in apply order. With
	 * `expectedLatest` (0: none applied yet), stores it only when that is still the latest version, checked in
	 * the same transaction as the insert, so of two operators applying on the same base exactly one wins (D63).
	 * @throws AppError E_POLICY_CONFLICT, `details.current` the latest version's record, when it is not.
	 */
	putPolicy(
		document: PolicyDocument,
		expectedLatest?: number,
	): Promise<{ version: number; appliedAt: string }>;
	/**
	 * A policy version with its file text; the latest when `version` is absent; undefined when there is none.
	 * @throws AppError E_STORE_QUERY_INVALID when `version` is not a whole number from 1.
	 */
	getPolicy(version?: number): Promise<StoredPolicy | undefined>;
	/** Every applied version, oldest first, without content. */
	listPolicyVersions(): Promise<PolicyVersionInfo[]>;
	/** The number of the latest applied version, 0 when none: one cheap read, asked on every gate call. */
	latestPolicyVersion(): Promise<number>;

	/**
	 * Deletions after `after` (exclusive) up to `until` (inclusive, when given), in commit order: with
	 * `query({ addedAfter })` they give the whole commit log a federation feed follows.
	 */
	listDeletions(
		after: string | undefined,
		until: string | undefined,
		limit: number,
	): Promise<DeletionRecord[]>;
	/**
	 * The newest committed position of the commit log (dateAdded/deletedAt), or undefined for an empty
	 * store. Every version and deletion at or before it is already visible to reads that start after.
	 */
	commitHorizon(): Promise<string | undefined>;

	/** Federation peers (see federation-records.ts); put creates or replaces by name. */
	putPeer(peer: PeerRecord): Promise<void>;
	getPeer(name: string): Promise<PeerRecord | undefined>;
	listPeers(): Promise<PeerRecord[]>;
	/** Removes a peer with its outbox, sent-ids and state; false when there was none. */
	deletePeer(name: string): Promise<boolean>;
	putInvitation(invitation: InvitationRecord): Promise<void>;
	/**
	 * Marks an invitation used by `usedBy`, atomically: returns it only when it exists, is unused and
	 * `now` (RFC 3339) is before its expiry; otherwise undefined and nothing changes.
	 */
	takeInvitation(codeHash: string, usedBy: string, now: string): Promise<InvitationRecord | undefined>;
	/**
	 * Appends messages to a peer's outbox and moves its feed cursor from `fromCursor` to `toCursor`, in
	 * one transaction; does nothing and returns false when the cursor is no longer `fromCursor` (another
	 * process moved it, e.g. a backfill). Object messages are remembered as sent (for deletions later).
	 */
	enqueueOutbox(
		peer: string,
		entries: readonly OutboxEntry[],
		fromCursor: string | undefined,
		toCursor: string,
	): Promise<boolean>;
	/**
	 * The oldest `limit` messages of a peer's outbox, in order; after `afterSeq` when given (the next page
	 * while earlier ones are still in flight).
	 */
	readOutbox(peer: string, limit: number, afterSeq?: number): Promise<OutboxMessage[]>;
	/** Removes a peer's messages up to and including `throughSeq` (acknowledged) and saves its state. */
	ackOutbox(peer: string, throughSeq: number, state: PeerState): Promise<void>;
	/** Messages waiting for a peer, and when the oldest was enqueued. */
	outboxDepth(peer: string): Promise<{ count: number; oldestEnqueuedAt: string | undefined }>;
	/** Records the provenance signatures of versions received from a peer (one row per version and peer). */
	putReceivedProvenance(records: readonly ReceivedProvenance[]): Promise<void>;
	/** The provenance signatures this node received for an object's versions, oldest version first. */
	receivedProvenance(objectId: string): Promise<ReceivedProvenance[]>;
	/**
	 * The id a peer was sent for a stored object, if any (the latest), for propagating its deletion. A row
	 * lives while the object does: enqueueing its deletion removes it, so the table holds at most one row
	 * per live object sent, per peer.
	 */
	sentIdOf(peer: string, storedId: string): Promise<{ id: string; origin: string } | undefined>;
	getPeerState(peer: string): Promise<PeerState | undefined>;
	putPeerState(peer: string, state: PeerState): Promise<void>;
	/** Sets a peer's feed cursor (backfill); undefined starts again from the beginning. */
	resetFeedCursor(peer: string, cursor: string | undefined): Promise<void>;

	/**
	 * Adds a watch entry (D51); when the organisation already watches this kind and value, nothing changes and
	 * the existing entry is returned.
	 */
	addWatchEntry(entry: WatchEntry): Promise<WatchEntry>;
	/** One organisation's watch entries, or every organisation's (the matcher), oldest first. */
	listWatchEntries(organizationId?: string): Promise<WatchEntry[]>;
	/** Removes an organisation's entry (never another's); false when it had none of that id. */
	removeWatchEntry(organizationId: string, id: string): Promise<boolean>;
	/** How far the watch-list matcher has read the commit log (a dateAdded), or undefined before its first round. */
	watchCursor(): Promise<string | undefined>;
	/**
	 * Records alerts (an id already recorded is skipped), queues each new one for its organisation's webhook if it
	 * has one, and moves the matcher's cursor from `fromCursor` to `toCursor`, in one transaction; does nothing
	 * and returns false when the cursor is no longer `fromCursor` (another process recorded that round).
	 */
	recordWatchAlerts(
		alerts: readonly WatchAlert[],
		fromCursor: string | undefined,
		toCursor: string,
	): Promise<boolean>;
	/** One organisation's alerts, newest first (see WatchAlertQuery); nothing of another organisation's. */
	listWatchAlerts(query: WatchAlertQuery): Promise<WatchAlertRecord[]>;
	/** Marks an organisation's alert acknowledged (the first acknowledgement stays); false when it has no such alert. */
	acknowledgeWatchAlert(organizationId: string, id: string, by: string, at: string): Promise<boolean>;
	/** Sets (creating or replacing) an organisation's webhook; queued deliveries go to the new URL. */
	putWebhook(subscription: WebhookSubscription): Promise<void>;
	getWebhook(organizationId: string): Promise<WebhookSubscription | undefined>;
	/** Removes an organisation's webhook and its delivery queue and log; false when it had none. */
	removeWebhook(organizationId: string): Promise<boolean>;
	/**
	 * Claims up to `limit` pending deliveries due at `now` (RFC 3339), oldest first, by moving their next attempt to
	 * `leaseUntil`: another process claims them only once that lease has passed (a crashed sender's are retried).
	 */
	claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]>;
	/** Records an attempt: delivered, or failed with the time of the next one. */
	finishWebhookDelivery(seq: number, attempt: WebhookAttempt): Promise<void>;
	/** An organisation's delivery log, newest first: pending and delivered. */
	listWebhookDeliveries(organizationId: string, limit: number): Promise<WebhookDelivery[]>;

	/** Creates or replaces a release webhook (D59) by id. */
	putReleaseSubscription(subscription: ReleaseSubscription): Promise<void>;
	getReleaseSubscription(id: string): Promise<ReleaseSubscription | undefined>;
	/** One organisation's release webhooks, oldest first, or every organisation's. */
	listReleaseSubscriptions(organizationId?: string): Promise<ReleaseSubscription[]>;
	/** Removes a release webhook; false when there was none of that id. */
	removeReleaseSubscription(id: string): Promise<boolean>;
	/**
	 * Claims up to `limit` enabled release webhooks due at `now` (RFC 3339), longest waiting first, by moving their
	 * next attempt to `leaseUntil`: another process claims one only once that lease has passed.
	 */
	claimReleaseSubscriptions(now: string, leaseUntil: string, limit: number): Promise<ReleaseSubscription[]>;
	/** Records what a sender did with a claimed release webhook; false when it was removed meanwhile. */
	recordReleaseProgress(id: string, progress: ReleaseSubscriptionProgress): Promise<boolean>;
	/** Adds a feed (D55) or replaces its definition; its status and items stay. */
	putFeed(feed: FeedDefinition): Promise<void>;
	/** Every feed with its last status, in the order they were added. */
	listFeeds(): Promise<FeedRecord[]>;
	getFeed(id: string): Promise<FeedRecord | undefined>;
	/** Removes a feed with its status, items and lease (the objects it stored stay); false when there was none. */
	removeFeed(id: string): Promise<boolean>;
	/**
	 * Takes the feed's pull lease for `holder` until `until` (RFC 3339) when nobody holds it, it expired at `now`, or
	 * `holder` already holds it; false when another holder's lease runs. One puller per feed across processes.
	 */
	claimFeedLease(id: string, holder: string, now: string, until: string): Promise<boolean>;
	/** Ends `holder`'s lease (another holder's stays). */
	releaseFeedLease(id: string, holder: string): Promise<void>;
	/** Records the outcome of a pull. */
	recordFeedStatus(id: string, status: FeedStatus): Promise<void>;
	/** The values (or events) the feed carried at its last recorded pull, in no particular order. */
	feedItems(id: string): Promise<FeedItem[]>;
	/** Records items put (added or with a new fingerprint; each key once) and keys removed, in one transaction. */
	updateFeedItems(id: string, put: readonly FeedItem[], removed: readonly string[]): Promise<void>;

	stats(): Promise<StoreStats>;
	/**
	 * Calls `listener` after object writes and deletes commit, so followers (the federation outbox, the observable
	 * index, watch-lists, release streams) wake at once instead of on their next poll (D70). SQLite: commits made
	 * through this store object; PostgreSQL: every process's commits on the database (LISTEN/NOTIFY), its own too. A
	 * notice may be missed (a dropped connection): followers keep a slow poll. Answers the listener's removal.
	 */
	watchCommits(listener: () => void): () => void;
	/** Flushes and closes; later calls fail with E_STORE_CLOSED (a second close is a no-op). */
	close(): Promise<void>;
}
