// Public face of store/: the Store contract, its records, and the SQLite backend that implements it.
export { openSqliteStore, type SqliteStoreOptions, type Synchronous } from "./sqlite/sqlite-store.ts";
export type {
	NewVersion,
	ObjectPage,
	ObjectQuery,
	Organization,
	Provenance,
	PutOutcome,
	QuarantinedVersion,
	Store,
	StoredVersion,
	StoreStats,
	User,
	UserRole,
	VersionSelector,
} from "./store.ts";
export { formatMicros, parseMicros } from "./timestamps.ts";
