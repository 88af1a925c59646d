// Opens the SQLite connections of one store: the single writer and a read-only reader, with their pragmas.
import { DatabaseSync } from "node:sqlite";

/**
 * How durable a commit is. WAL + NORMAL survives an application crash (kill -9) but may lose the
 * last commits on power loss or an OS crash; FULL fsyncs the WAL on every commit and survives both.
 */
export type Synchronous = "NORMAL" | "FULL";

/** How long a connection waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Page cache per connection (negative = KiB). The writer's is larger because every insert touches a
 * random page of the (id, version) index (~90 MiB at a million objects). Measured at 1M inserts:
 * 256 MiB was no faster than 32 MiB; the cost there is WAL and checkpoint I/O, not cache misses.
 */
const WRITER_CACHE_KIB = 64 * 1024;
const READER_CACHE_KIB = 32 * 1024;

/**
 * Pages the WAL may hold before an automatic checkpoint (~160 MiB at 4 KiB pages; SQLite's default is
 * 1000). Random STIX ids scatter inserts over the (id, version) index, so each batch dirties many pages
 * (at 1M objects, most of the ~90 MiB index per 20k-object batch); checkpointing less often writes a
 * page rewritten by several batches back to the database once. 10k → 40k pages: 1M-indicator ingest
 * went from 5.3× to 3.8× its floor.
 */
const WAL_AUTOCHECKPOINT_PAGES = 40_000;

/** Opens the writer: WAL journal, foreign keys enforced, the chosen synchronous level. */
export function openWriter(path: string, synchronous: Synchronous): DatabaseSync {
	const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
	db.exec(`
		PRAGMA journal_mode = WAL;
		PRAGMA synchronous = ${synchronous};
		PRAGMA cache_size = -${WRITER_CACHE_KIB};
		PRAGMA temp_store = MEMORY;
		PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES};
		PRAGMA journal_size_limit = ${64 * 1024 * 1024};
	`);
	return db;
}

/**
 * Opens a read-only connection beside the writer, so reads never queue behind a write transaction.
 * An in-memory database exists only inside its one connection, so there the writer also reads.
 */
export function openReader(path: string, writer: DatabaseSync): DatabaseSync {
	if (isMemoryPath(path)) return writer;
	const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, readOnly: true });
	db.exec(`PRAGMA cache_size = -${READER_CACHE_KIB}; PRAGMA temp_store = MEMORY;`);
	return db;
}

/** True for SQLite's private in-memory database names. */
export function isMemoryPath(path: string): boolean {
	return path === ":memory:" || path === "";
}
