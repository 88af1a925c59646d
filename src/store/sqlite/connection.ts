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
 * Page size of a new database file (an existing one keeps its own; changing it needs a VACUUM). With
 * 16 KiB pages a typical object body shares a page with others instead of half-filling one, the file is
 * ~8% smaller, and a bulk ingest commits fewer, larger pages: 1M-row writer-only inserts went from
 * ~82k to ~97k rows/s against 4 KiB (issue 2).
 */
const NEW_PAGE_SIZE = 16 * 1024;

/**
 * Page cache per connection (negative = KiB). The writer's holds the whole (id, version) key index
 * (~30 MiB at a million objects) that every insert probes at a random place. Measured at 1M inserts:
 * 128 MiB was no faster than 64 MiB; the cost there is WAL and checkpoint I/O, not cache misses.
 */
const WRITER_CACHE_KIB = 64 * 1024;
const READER_CACHE_KIB = 32 * 1024;

/**
 * WAL size before an automatic checkpoint (SQLite's default is 1000 pages). Random STIX ids scatter
 * inserts over the (id, version) index, so each batch dirties most of it; checkpointing less often
 * writes a page rewritten by several batches back to the database once. 40 → 160 MiB: 1M-indicator
 * ingest went from 5.3× to 3.8× its floor (with the old ~90 MiB text index).
 */
const WAL_AUTOCHECKPOINT_BYTES = 160 * 1024 * 1024;

/** Opens the writer: WAL journal, foreign keys enforced, the chosen synchronous level. */
export function openWriter(path: string, synchronous: Synchronous, maxBytes?: number): DatabaseSync {
	const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
	// Only takes effect while the file is still empty (before WAL mode writes its first page).
	db.exec(`PRAGMA page_size = ${NEW_PAGE_SIZE};`);
	const pageSize = Number(db.prepare("PRAGMA page_size").get()?.page_size ?? 4096);
	db.exec(`
		PRAGMA journal_mode = WAL;
		PRAGMA synchronous = ${synchronous};
		PRAGMA cache_size = -${WRITER_CACHE_KIB};
		PRAGMA temp_store = MEMORY;
		PRAGMA wal_autocheckpoint = ${Math.ceil(WAL_AUTOCHECKPOINT_BYTES / pageSize)};
		PRAGMA journal_size_limit = ${64 * 1024 * 1024};
	`);
	// A quota below the file's size leaves it at its size: nothing more is written, nothing is lost.
	if (maxBytes !== undefined)
		db.exec(`PRAGMA max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))};`);
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
