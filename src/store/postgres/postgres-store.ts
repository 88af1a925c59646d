// The scale Store: PostgreSQL through `pg`, safe for several node processes on one database (D27).
import { AppError } from "../../errors/index.ts";
import { QUARANTINE_LIMITS, type QuarantineLimits, quarantinedBuckets } from "../quarantine-records.ts";
import { namingStorageFull } from "../storage-full.ts";
import type { Store } from "../store.ts";
import { formatMicros, requireMicros, wallClockMicros } from "../timestamps.ts";
import { createActivityCounts } from "./activity-counts.ts";
import { createAuditLog } from "./audit-log.ts";
import { commitNotices } from "./commit-notices.ts";
import { openFailure, openPool } from "./connection.ts";
import { createDerivedIds } from "./derived-ids.ts";
import { createDirectory } from "./directory.ts";
import { createFederationTables } from "./federation-tables.ts";
import { createFeedTables } from "./feed-tables.ts";
import { createIncidents } from "./incidents.ts";
import { latestBodyPagesOf, latestVersionPagesOf } from "./latest-version-pages.ts";
import { applyMigrations } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { createObjectReader } from "./object-query.ts";
import { createObjectWriter } from "./object-writer.ts";
import { createPolicyVersions } from "./policy-versions.ts";
import { createQuarantineTables } from "./quarantine-tables.ts";
import { createReferrerReader } from "./references.ts";
import { createReleaseSubscriptionTables } from "./release-subscription-tables.ts";
import { createTaxiiTables } from "./taxii-tables.ts";
import { createWarninglists } from "./warninglists.ts";
import { createWatchTables } from "./watch-tables.ts";

/** How to open a PostgreSQL store. */
export interface PostgresStoreOptions {
	/**
	 * `postgres://user:password@host:port/database`, with any libpq-style parameters `pg` understands
	 * (`sslmode`, `host=/run/postgresql` for a socket…) and, ours, `schema=NAME`: the store's tables live in
	 * that schema (created if missing) instead of the search_path's first one.
	 */
	url: string;
	/** Overrides the URL's `schema`. */
	schema?: string;
	/** Connections in this process's pool (default 8). */
	poolSize?: number;
	/** Microseconds since the epoch; injectable for tests. Default: the wall clock. */
	now?: () => bigint;
	/** What the quarantine keeps (D65); default QUARANTINE_LIMITS. */
	quarantineLimits?: QuarantineLimits;
}

/**
 * Opens a PostgreSQL store and applies pending migrations (several processes may open one at once).
 * Every write is one transaction; object writes and deletes take the clock row's lock so `date_added` is
 * strictly increasing in commit order across every process on the database. Writes made through one store
 * apply in the order they were called, like the SQLite store's.
 * @throws AppError E_STORE_MIGRATION when the database cannot be reached or its schema brought up to date.
 * @example const store = await openPostgresStore({ url: "postgres://entente@db.internal/entente" });
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
	const now = options.now ?? wallClockMicros;
	const nowMicros = (): number => Number(now());
	const connection = openPool({
		url: options.url,
		...(options.schema === undefined ? {} : { schema: options.schema }),
		...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
	});
	try {
		await applyMigrations(connection, MIGRATIONS, formatMicros(nowMicros()));
	} catch (error) {
		await connection.pool.end().catch(() => {});
		throw openFailure(connection.where, error);
	}
	const objects = createObjectWriter(connection);
	const reads = createObjectReader(connection.sql);
	const referrers = createReferrerReader(connection.sql);
	const derived = createDerivedIds(connection.sql);
	const incidents = createIncidents(connection.sql);
	const activity = createActivityCounts(connection);
	const warninglists = createWarninglists(connection);
	const directory = createDirectory(connection);
	const audit = createAuditLog(connection);
	const taxii = createTaxiiTables(connection);
	const policies = createPolicyVersions(connection);
	const federation = createFederationTables(connection);
	const watch = createWatchTables(connection);
	const releases = createReleaseSubscriptionTables(connection);
	const feeds = createFeedTables(connection);
	const notices = commitNotices(connection.connectionString, connection.schema ?? "public");
	const quarantine = createQuarantineTables(
		connection,
		options.quarantineLimits ?? QUARANTINE_LIMITS,
		nowMicros,
	);
	let closed = false;
	/** The last write called: each write starts after it settles, so writes apply in call order. */
	let writes: Promise<unknown> = Promise.resolve();

	const refuseClosed = (): AppError => new AppError("E_STORE_CLOSED", "the store is closed");
	const open = async <T>(work: () => Promise<T>): Promise<T> => {
		if (closed) throw refuseClosed();
		return namingStorageFull(work);
	};
	/** Writes run one after another in call order; one called before close still completes. */
	const write = <T>(work: () => Promise<T>): Promise<T> => {
		if (closed) return Promise.reject(refuseClosed());
		const result = writes.then(() => namingStorageFull(work));
		writes = result.catch(() => {});
		return result;
	};

	return {
		putVersions: (batch) =>
			write(async () => {
				const outcomes = await objects.putVersions(batch, nowMicros());
				await quarantine.evict(quarantinedBuckets(batch, outcomes));
				return outcomes;
			}),
		getVersions: (id, versions = ["all"]) => open(() => reads.getVersions(id, versions)),
		query: (query) => open(() => reads.query(query)),
		latestBodies: (page) => open(() => reads.latestBodies(page)),
		readLatestBodies: (request, onPage) => open(() => reads.readLatestBodies(request, onPage)),
		latestVersionPages: (request) =>
			latestVersionPagesOf(
				(query) => reads.query(query),
				request,
				() => closed,
			),
		latestBodyPages: (request) =>
			latestBodyPagesOf(
				(query) => reads.query(query),
				request,
				() => closed,
			),
		count: (filter) => open(() => reads.count(filter)),
		heldIds: (ids) => open(() => reads.heldIds(ids)),
		heldTypes: (types) => open(() => reads.heldTypes(types)),
		latestVersions: (ids) => open(() => reads.latestVersions(ids)),
		referencesTo: (ids, kinds) => open(() => reads.referencesTo(ids, kinds)),
		referrersOf: (toId, page) => open(() => referrers.referrersOf(toId, page)),
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
		deleteObject: (id, contributor) => write(() => objects.deleteObject(id, nowMicros(), contributor)),
		deleteVersions: (id, datesAdded) =>
			write(() =>
				objects.deleteVersions(
					id,
					datesAdded.map((at) => requireMicros(at, "dateAdded")),
					nowMicros(),
				),
			),
		listQuarantine: (limit) => open(() => directory.listQuarantine(limit)),
		quarantinedOf: (id, organizationId) => open(() => directory.quarantinedOf(id, organizationId)),
		deletedOwnerOf: (id) => open(() => directory.deletedOwnerOf(id)),
		holdItems: (items) => write(() => quarantine.holdItems(items)),
		listQuarantineItems: (request) => open(() => quarantine.listQuarantineItems(request)),
		getQuarantineItem: (seq) => open(() => quarantine.getQuarantineItem(seq)),
		decideQuarantineItem: (seq, action) => write(() => quarantine.decideQuarantineItem(seq, action)),
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
		takeInvitation: (codeHash, usedBy, at) => write(() => federation.takeInvitation(codeHash, usedBy, at)),
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
		watchCommits: (listener) => notices.watch(listener),
		async close() {
			if (closed) return; // closing twice is harmless; every other call after close fails
			closed = true;
			await writes; // writes called before close finish first
			await notices.close();
			await connection.pool.end();
		},
	};
}
