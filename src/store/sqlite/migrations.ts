// The SQLite schema as an ordered list of migrations; append new ones, never edit an applied one.

/** One schema step, applied once in its own transaction and recorded in `schema_migrations`. */
export interface Migration {
	/** Strictly increasing; never reused. */
	version: number;
	name: string;
	sql: string;
}

/** Every migration of the SQLite store, in order. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: "initial-schema",
		sql: `
-- date_added is the node clock in microseconds, strictly increasing in commit order, so it is also the
-- commit sequence: as the rowid it gives paging by date_added a plain range scan and appends at the end.
CREATE TABLE objects (
	date_added INTEGER PRIMARY KEY,
	id TEXT NOT NULL,
	version TEXT NOT NULL,
	version_key TEXT NOT NULL,
	type TEXT NOT NULL,
	spec_version TEXT NOT NULL,
	org_id TEXT NOT NULL,
	source TEXT NOT NULL,
	flags TEXT,
	revoked INTEGER NOT NULL DEFAULT 0,
	body TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX objects_by_id_version ON objects (id, version_key);
-- Every index entry ends with the rowid (date_added), so these also serve "by type/org in date_added order".
CREATE INDEX objects_by_type ON objects (type);
CREATE INDEX objects_by_org ON objects (org_id);

CREATE TABLE tombstones (
	id TEXT PRIMARY KEY,
	deleted_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE quarantine (
	seq INTEGER PRIMARY KEY,
	id TEXT NOT NULL,
	version TEXT NOT NULL,
	version_key TEXT NOT NULL,
	received_at INTEGER NOT NULL,
	reason TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	org_id TEXT NOT NULL,
	source TEXT NOT NULL,
	body TEXT NOT NULL,
	UNIQUE (id, version_key, content_hash)
) STRICT;

CREATE TABLE organizations (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	sectors TEXT NOT NULL,
	jurisdictions TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES organizations (id),
	name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'reader')),
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX users_by_org ON users (org_id);

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- The durable high-water mark of the node clock: survives deleting the newest rows and restarts,
-- and is read under the write lock so a second process writing the same file stays in order.
CREATE TABLE clock (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	last_micros INTEGER NOT NULL
) STRICT;
INSERT INTO clock (singleton, last_micros) VALUES (1, 0);
`,
	},
];
