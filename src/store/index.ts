// Public face of store/: the Store contract, its records, and the SQLite backend that implements it.

export { type Organization, USER_ROLES, type User, type UserRole } from "./account-records.ts";
export {
	ACTIVITY_FLOWS,
	type ActivityCount,
	type ActivityCursor,
	type ActivityFlow,
} from "./activity-records.ts";
export {
	AUDIT_ACTIONS,
	type AuditAction,
	type AuditActor,
	type AuditEntry,
	type AuditQuery,
	auditActorOf,
	deletedEntry,
	type NewAuditEntry,
	policyActorOf,
	publishedEntry,
} from "./audit-records.ts";
export { auditTimeMicros } from "./audit-rows.ts";
export { authorityProblem } from "./authority.ts";
export {
	dumpPostgresStore,
	findPostgresTool,
	postgresTarget,
	restorePostgresStore,
} from "./backup/postgres-dump.ts";
export { copySqliteStore } from "./backup/sqlite-copy.ts";
export { type CommitListener, withCommitListener } from "./commit-listener.ts";
export { differingProperties } from "./content-diff.ts";
export { type EncodedVersion, encodeVersion } from "./encoded-version.ts";
export type {
	CertificateIdentity,
	DeletionRecord,
	InvitationRecord,
	OutboxEntry,
	OutboxMessage,
	PeerKind,
	PeerRecord,
	PeerState,
	ReceivedProvenance,
} from "./federation-records.ts";
export {
	FEED_FORMATS,
	type FeedCsvColumns,
	type FeedDefinition,
	type FeedFormat,
	type FeedItem,
	type FeedOutcome,
	type FeedRecord,
	type FeedStatus,
} from "./feed-records.ts";
export type { IncidentQuery, IncidentRecord, NewIncident } from "./incident-records.ts";
export { type OpenStoreOptions, openStore, storeLocation } from "./open-store.ts";
export {
	createPendingStore,
	type PendingPut,
	type PendingStore,
	type PendingStoreOptions,
} from "./pending-store.ts";
export {
	type PolicyDocument,
	type PolicyVersionInfo,
	policyConflict,
	type StoredPolicy,
} from "./policy-records.ts";
export {
	type HeldItem,
	QUARANTINE_ACTIONS,
	QUARANTINE_KINDS,
	QUARANTINE_LIMITS,
	QUARANTINE_STATES,
	type QuarantineAction,
	type QuarantineActionName,
	type QuarantineDetail,
	type QuarantineItem,
	type QuarantineKind,
	type QuarantineLimits,
	type QuarantineListRequest,
	type QuarantinePage,
	type QuarantineState,
	stateAfter,
	VERSION_KINDS,
} from "./quarantine-records.ts";
export type {
	ReleaseSubscription,
	ReleaseSubscriptionFilter,
	ReleaseSubscriptionProgress,
} from "./release-subscription-records.ts";
export { openSqliteStore, type SqliteStoreOptions, type Synchronous } from "./sqlite/sqlite-store.ts";
export type {
	BodyPage,
	BodyPageRequest,
	DerivedIdPair,
	LatestVersionsRequest,
	NewVersion,
	ObjectPage,
	ObjectQuery,
	Provenance,
	PutOutcome,
	QuarantinedVersion,
	Reference,
	ReferrerPage,
	ReferrerPageRequest,
	Store,
	StoredVersion,
	StoreStats,
	VersionAuthority,
	VersionSelector,
} from "./store.ts";
export { AWAITING_REFERENCES_FLAG, UNKNOWN_MARKING_FLAG } from "./store.ts";
export type {
	AccessRule,
	CollectionDefinition,
	CollectionFilter,
	StatusDetail,
	StatusRecord,
	StatusResource,
} from "./taxii-records.ts";
export { formatMicros, parseMicros, versionKey } from "./timestamps.ts";
export { isWaiting } from "./waiting-flags.ts";
export {
	type StoredWarninglist,
	WARNINGLIST_TYPES,
	type WarninglistPut,
	type WarninglistRecord,
	type WarninglistSummary,
	type WarninglistType,
} from "./warninglist-records.ts";
export type {
	WatchAlert,
	WatchAlertQuery,
	WatchAlertRecord,
	WatchEntry,
	WebhookAttempt,
	WebhookDelivery,
	WebhookSubscription,
} from "./watch-records.ts";
