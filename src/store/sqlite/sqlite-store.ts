// The embedded Store: SQLite through node:sqlite, one writer connection and one reader.
import type { DatabaseSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import { CommitWatchers } from "../commit-watchers.ts";
import { QUARANTINE_LIMITS, type QuarantineLimits, quarantinedBuckets } from "../quarantine-records.ts";
import { namingStorageFull } from "../storage-full.ts";
import type { Store } from "../store.ts";
import { formatMicros, requireMicros, wallClockMicros } from "../timestamps.ts";
import { createActivityCounts } from "./activity-counts.ts";
import { createAuditLog } from "./audit-log.ts";
import { isMemoryPath, openReader, openWriter, type Synchronous } from "./connection.ts";
import { createDerivedIds } from "./derived-ids.ts";
import { createDirectory } from "./directory.ts";
import { createFederationTables } from "./federation-tables.ts";
import { createFeedTables } from "./feed-tables.ts";
import { createIncidents } from "./incidents.ts";
import { createLatestReads } from "./latest-version-pages.ts";
import { applyMigrations } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { createObjectReader } from "./object-query.ts";
import { createObjectWriter } from "./object-writer.ts";
import { createPolicyVersions } from "./policy-versions.ts";
import { createQuarantineTables } from "./quarantine-tables.ts";
import { createReferenceReader } from "./references.ts";
import { createReleaseSubscriptionTables } from "./release-subscription-tables.ts";
import { packVersions } from "./row-batch.ts";
import { createTaxiiTables } from "./taxii-tables.ts";
import { createWarninglists } from "./warninglists.ts";
import { createWatchTables } from "./watch-tables.ts";
import { startWriterThread, type WriterThread } from "./writer-thread.ts";

export type { Synchronous } from "./connection.ts";

/** How to open a SQLite store. */
export interface SqliteStoreOptions {
	/** Database file; `:memory:` gives a private in-memory store (tests). */
	path: string;
	/**
	 * Default NORMAL: with WAL, a commit survives an application crash (kill -9) and the write rate
	 * stays high; only a power loss or OS crash can lose the last commits. Choose FULL where an
	 * acknowledged write must also survive power loss (an fsync per commit).
	 */
	synchronous?: Synchronous;
	/** Microseconds since the epoch; injectable for tests. Default: the wall clock. */
	now?: () => bigint;
	/**
	 * Default true for a file database: object puts run on a worker thread with its own writer
	 * connection, so SQLite's write and checkpoint I/O overlaps the caller's parsing and validation
	 * (1M-indicator ingest: 27 s without, 18 s with, on two cores; D16). Ignored for `:memory:`.
	 */
	writerThread?: boolean;
	/**
	 * A quota: the database file grows to at most this many bytes (SQLite's max_page_count); past it, writes answer
	 * E_STORE_FULL as on a full disk. Absent: the disk is the limit.
	 */
	maxBytes?: number;
	/** What the quarantine keeps (D65); default QUARANTINE_LIMITS. */
	quarantineLimits?: QuarantineLimits;
}

/**
 * Opens (creating if needed) a SQLite store and applies pending migrations.
 * All writes run synchronously inside one call on the single writer connection, so they are
 * serialised without a queue; reads use a separate read-only connection (WAL lets them run
 * beside a writer in another process).
 * @throws AppError E_STORE_MIGRATION when the schema cannot be brought up to date.
 * @example const store = await openSqliteStore({ path: "data/entente.db" });
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
	const now = options.now ?? wallClockMicros;
	const nowMicros = (): number => Number(now());
	const writer = openWriter(options.path, options.synchronous ?? "NORMAL", options.maxBytes);
	let reader: DatabaseSync | undefined;
	try {
		applyMigrations(writer, MIGRATIONS, formatMicros(nowMicros()));
		reader = openReader(options.path, writer);
		const thread =
			options.writerThread !== false && !isMemoryPath(options.path)
				? startWriterThread({
						path: options.path,
						synchronous: options.synchronous ?? "NORMAL",
						...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
					})
				: undefined;
		return createSqliteStore(
			writer,
			reader,
			nowMicros,
			thread,
			options.quarantineLimits ?? QUARANTINE_LIMITS,
		);
	} catch (error) {
		if (reader !== undefined && reader !== writer) reader.close();
		writer.close();
		throw error;
	}
}

function createSqliteStore(
	writer: DatabaseSync,
	reader: DatabaseSync,
	nowMicros: () => number,
	thread: WriterThread | undefined,
	quarantineLimits: QuarantineLimits,
): Store {
	const objects = createObjectWriter(writer);
	const reads = createObjectReader(reader);
	const latest = createLatestReads(reader);
	const directory = createDirectory(writer, reader);
	const taxii = createTaxiiTables(writer, reader);
	const policies = createPolicyVersions(writer, reader);
	const references = createReferenceReader(reader);
	const federation = createFederationTables(writer, reader);
	const derived = createDerivedIds(writer, reader);
	const incidents = createIncidents(writer, reader);
	const activity = createActivityCounts(writer, reader);
	const watch = createWatchTables(writer, reader);
	const releases = createReleaseSubscriptionTables(writer, reader);
	const feeds = createFeedTables(writer, reader);
	const warninglists = createWarninglists(writer, reader);
	const watchers = new CommitWatchers();
	const quarantine = createQuarantineTables(writer, reader, quarantineLimits);
	const audit = createAuditLog(writer, reader);
	let closed = false;

	/** Every method goes through here: refuses after close, and turns a sync throw into a rejection. */
	const open = async <T>(work: () => T | Promise<T>): Promise<T> => {
		if (closed) throw new AppError("E_STORE_CLOSED", "the store is closed");
		return namingStorageFull(work);
	};
	/** Other writes wait for the writer thread's queue, so writes apply in the order they were called. */
	const write = async <T>(work: () => T | Promise<T>): Promise<T> => {
		if (thread !== undefined) await thread.idle();
		return open(work);
	};

	return {
		async putVersions(batch) {
			const outcomes = await (thread === undefined
				? open(() => objects.putVersions(batch, nowMicros()))
				: open(() => thread.putBatch(packVersions(batch), nowMicros())));
			const buckets = quarantinedBuckets(batch, outcomes);
			if (buckets.length > 0) await write(() => quarantine.evict(buckets));
			return watchers.afterPut(outcomes);
		},
		getVersions: (id, versions = ["all"]) => open(() => reads.getVersions(id, versions)),
		query: (query) => open(() => reads.query(query)),
		latestBodies: (page) => open(() => reads.latestBodies(page)),
		readLatestBodies: (request, onPage) => open(() => reads.readLatestBodies(request, onPage, () => closed)),
		latestVersionPages: (request) => latest.versions(request, () => closed),
		latestBodyPages: (request) => latest.bodies(request, () => closed),
		count: (filter) => open(() => reads.count(filter)),
		heldIds: (ids) => open(() => reads.heldIds(ids)),
		heldTypes: (types) => open(() => reads.heldTypes(types)),
		latestVersions: (ids) => open(() => reads.latestVersions(ids)),
		referencesTo: (ids, kinds) => open(() => references.referencesTo(ids, kinds)),
		referrersOf: (toId, page) => open(() => references.referrersOf(toId, page)),
		recordDerivedIds: (pairs) => write(() => derived.recordDerivedIds(pairs)),
		originalsOf: (derivedId) => open(() => derived.originalsOf(derivedId)),
		recordIncidents: (records) => write(() => incidents.recordIncidents(records)),
		listIncidents: (query) => open(() => incidents.listIncidents(query)),
		incidentCounts: () => open(() => incidents.incidentCounts()),
		addActivityCounts: (counts, cursor) => write(() => activity.addActivityCounts(counts, cursor)),
		activityCounts: (sinceDay) => open(() => activity.activityCounts(sinceDay)),
		activityCursor: (name) => open(() => activity.activityCursor(name)),
		putWarninglist: (list) => write(() => warninglists.putWarninglist(list, formatMicros(nowMicros()))),
		deleteWarninglist: (name) => write(() => warninglists.deleteWarninglist(name)),
		listWarninglists: () => open(() => warninglists.listWarninglists()),
		getWarninglists: () => open(() => warninglists.getWarninglists()),
		warninglistRevision: () => open(() => warninglists.warninglistRevision()),
		deleteObject: (id, contributor) =>
			write(() => objects.deleteObject(id, nowMicros(), contributor)).then((n) => watchers.afterDelete(n)),
		deleteVersions: (id, datesAdded) =>
			write(() =>
				objects.deleteVersions(
					id,
					datesAdded.map((at) => requireMicros(at, "dateAdded")),
					nowMicros(),
				),
			).then((n) => watchers.afterDelete(n)),
		listQuarantine: (limit) => open(() => directory.listQuarantine(limit)),
		quarantinedOf: (id, organizationId) => open(() => directory.quarantinedOf(id, organizationId)),
		deletedOwnerOf: (id) => open(() => directory.deletedOwnerOf(id)),
		holdItems: (items) => write(() => quarantine.holdItems(items, nowMicros())),
		listQuarantineItems: (request) => open(() => quarantine.list(request)),
		getQuarantineItem: (seq) => open(() => quarantine.detail(seq)),
		decideQuarantineItem: (seq, action) => write(() => quarantine.decide(seq, action)),
		putOrganization: (organization) => write(() => directory.putOrganization(organization)),
		getOrganization: (id) => open(() => directory.getOrganization(id)),
		listOrganizations: () => open(() => directory.listOrganizations()),
		putUser: (user) => write(() => directory.putUser(user)),
		findUserByTokenHash: (tokenHash) => open(() => directory.findUserByTokenHash(tokenHash)),
		getUser: (id) => open(() => directory.getUser(id)),
		listUsers: (organizationId) => open(() => directory.listUsers(organizationId)),
		recordTokenUse: (tokenHash, at) => write(() => directory.recordTokenUse(tokenHash, at)),
		appendAudit: (entry) => write(() => audit.append(entry, nowMicros())),
		listAudit: (query) => open(() => audit.list(query)),
		getMeta: (key) => open(() => directory.getMeta(key)),
		setMeta: (key, value) => write(() => directory.setMeta(key, value)),
		putCollection: (collection) => write(() => taxii.putCollection(collection)),
		listCollections: () => open(() => taxii.listCollections()),
		deleteCollection: (id) => write(() => taxii.deleteCollection(id)),
		putStatus: (record) => write(() => taxii.putStatus(record)),
		getStatus: (id) => open(() => taxii.getStatus(id)),
		deleteStatusesBefore: (instant) => write(() => taxii.deleteStatusesBefore(instant)),
		putPolicy: (document, expectedLatest) =>
			write(() => policies.put(document, formatMicros(nowMicros()), expectedLatest)),
		getPolicy: (version) => open(() => policies.get(version)),
		listPolicyVersions: () => open(() => policies.list()),
		latestPolicyVersion: () => open(() => policies.latest()),
		listDeletions: (after, until, limit) => open(() => federation.listDeletions(after, until, limit)),
		commitHorizon: () => open(() => federation.commitHorizon()),
		putPeer: (peer) => write(() => federation.putPeer(peer)),
		getPeer: (name) => open(() => federation.getPeer(name)),
		listPeers: () => open(() => federation.listPeers()),
		deletePeer: (name) => write(() => federation.deletePeer(name)),
		putInvitation: (invitation) => write(() => federation.putInvitation(invitation)),
		takeInvitation: (codeHash, usedBy, now) => write(() => federation.takeInvitation(codeHash, usedBy, now)),
		enqueueOutbox: (peer, entries, fromCursor, toCursor) =>
			write(() => federation.enqueueOutbox(peer, entries, fromCursor, toCursor, nowMicros())),
		readOutbox: (peer, limit, afterSeq) => open(() => federation.readOutbox(peer, limit, afterSeq)),
		ackOutbox: (peer, throughSeq, state) => write(() => federation.ackOutbox(peer, throughSeq, state)),
		outboxDepth: (peer) => open(() => federation.outboxDepth(peer)),
		sentIdOf: (peer, storedId) => open(() => federation.sentIdOf(peer, storedId)),
		putReceivedProvenance: (records) => write(() => federation.putReceivedProvenance(records)),
		receivedProvenance: (objectId) => open(() => federation.receivedProvenance(objectId)),
		getPeerState: (peer) => open(() => federation.getPeerState(peer)),
		putPeerState: (peer, state) => write(() => federation.putPeerState(peer, state)),
		resetFeedCursor: (peer, cursor) => write(() => federation.resetFeedCursor(peer, cursor)),
		addWatchEntry: (entry) => write(() => watch.addWatchEntry(entry)),
		listWatchEntries: (organizationId) => open(() => watch.listWatchEntries(organizationId)),
		removeWatchEntry: (organizationId, id) => write(() => watch.removeWatchEntry(organizationId, id)),
		watchCursor: () => open(() => watch.watchCursor()),
		recordWatchAlerts: (alerts, fromCursor, toCursor) =>
			write(() => watch.recordWatchAlerts(alerts, fromCursor, toCursor)),
		listWatchAlerts: (query) => open(() => watch.listWatchAlerts(query)),
		acknowledgeWatchAlert: (organizationId, id, by, at) =>
			write(() => watch.acknowledgeWatchAlert(organizationId, id, by, at)),
		putWebhook: (subscription) => write(() => watch.putWebhook(subscription)),
		getWebhook: (organizationId) => open(() => watch.getWebhook(organizationId)),
		removeWebhook: (organizationId) => write(() => watch.removeWebhook(organizationId)),
		claimWebhookDeliveries: (now, leaseUntil, limit) =>
			write(() => watch.claimWebhookDeliveries(now, leaseUntil, limit)),
		finishWebhookDelivery: (seq, attempt) => write(() => watch.finishWebhookDelivery(seq, attempt)),
		putReleaseSubscription: (subscription) => write(() => releases.putReleaseSubscription(subscription)),
		getReleaseSubscription: (id) => open(() => releases.getReleaseSubscription(id)),
		listReleaseSubscriptions: (organizationId) =>
			open(() => releases.listReleaseSubscriptions(organizationId)),
		removeReleaseSubscription: (id) => write(() => releases.removeReleaseSubscription(id)),
		claimReleaseSubscriptions: (now, leaseUntil, limit) =>
			write(() => releases.claimReleaseSubscriptions(now, leaseUntil, limit)),
		recordReleaseProgress: (id, progress) => write(() => releases.recordReleaseProgress(id, progress)),
		listWebhookDeliveries: (organizationId, limit) =>
			open(() => watch.listWebhookDeliveries(organizationId, limit)),
		putFeed: (feed) => write(() => feeds.putFeed(feed)),
		listFeeds: () => open(() => feeds.listFeeds()),
		getFeed: (id) => open(() => feeds.getFeed(id)),
		removeFeed: (id) => write(() => feeds.removeFeed(id)),
		claimFeedLease: (id, holder, now, until) => write(() => feeds.claimFeedLease(id, holder, now, until)),
		releaseFeedLease: (id, holder) => write(() => feeds.releaseFeedLease(id, holder)),
		recordFeedStatus: (id, status) => write(() => feeds.recordFeedStatus(id, status)),
		feedItems: (id) => open(() => feeds.feedItems(id)),
		updateFeedItems: (id, put, removed) => write(() => feeds.updateFeedItems(id, put, removed)),
		stats: () => open(() => directory.stats()),
		watchCommits: (listener) => watchers.add(listener),
		async close() {
			if (closed) return; // closing twice is harmless; every other call after close fails
			closed = true;
			await thread?.close();
			if (reader !== writer) reader.close();
			// Fold the WAL back into the database so the file is complete on its own.
			writer.exec("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);");
			writer.close();
		},
	};
}
