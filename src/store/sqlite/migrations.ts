// The SQLite schema as an ordered list of migrations; append new ones, never edit an applied one.
import type { DatabaseSync } from "node:sqlite";
import { CLASSIFY_HELD_VERSIONS } from "../quarantine-records.ts";
import { microsFormatter, versionKey } from "../timestamps.ts";
import { backfillObjectKeys, rekeyObjects } from "./object-keys.ts";
import { backfillReferences } from "./reference-backfill.ts";
import { backfillVersionWaits } from "./version-wait-backfill.ts";

/** One schema step, applied once in its own transaction and recorded in `schema_migrations`. */
export interface Migration {
	/** Strictly increasing; never reused. */
	version: number;
	name: string;
	sql: string;
	/** A step SQL cannot express, run after `sql` in the same transaction (e.g. a backfill in TypeScript). */
	run?: (db: DatabaseSync) => void;
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
	{
		version: 2,
		name: "taxii-collections-and-statuses",
		sql: `
-- Operator-defined TAXII collections. seq keeps the order they were first defined; an update keeps it.
CREATE TABLE collections (
	seq INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	alias TEXT UNIQUE,
	title TEXT NOT NULL,
	description TEXT,
	read_access TEXT NOT NULL,
	write_access TEXT NOT NULL,
	filter TEXT NOT NULL
) STRICT;

-- Add Objects status resources, kept until expires_at (microseconds) and then swept.
CREATE TABLE taxii_statuses (
	id TEXT PRIMARY KEY,
	api_root TEXT NOT NULL,
	org_id TEXT NOT NULL,
	expires_at INTEGER NOT NULL,
	resource TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX taxii_statuses_by_expiry ON taxii_statuses (expires_at);

-- Move what the first TAXII server kept in meta: the collection list (and that it was seeded) and statuses.
INSERT INTO collections (id, alias, title, description, read_access, write_access, filter)
SELECT json_extract(c.value, '$.id'), json_extract(c.value, '$.alias'), json_extract(c.value, '$.title'),
	json_extract(c.value, '$.description'), json(json_extract(c.value, '$.read')),
	json(json_extract(c.value, '$.write')), json(coalesce(json_extract(c.value, '$.filter'), '{}'))
FROM meta, json_each(meta.value) AS c WHERE meta.key = 'taxii.collections' ORDER BY c.key;
INSERT OR REPLACE INTO meta (key, value) SELECT 'taxii.collections.seeded', 'true' FROM meta WHERE key = 'taxii.collections';
DELETE FROM meta WHERE key = 'taxii.collections';
INSERT OR IGNORE INTO taxii_statuses (id, api_root, org_id, expires_at, resource)
SELECT substr(key, 14), json_extract(value, '$.apiRoot'), json_extract(value, '$.organizationId'),
	json_extract(value, '$.expiresAtMicros'), json(json_extract(value, '$.resource'))
FROM meta WHERE key LIKE 'taxii.status.%';
DELETE FROM meta WHERE key LIKE 'taxii.status.%';
`,
	},
	{
		version: 3,
		name: "policy-versions",
		sql: `
-- Every applied sharing policy, never changed: the file as written (text) and the parsed policy (json).
CREATE TABLE policy_versions (
	version INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL,
	applied_by TEXT NOT NULL,
	text TEXT NOT NULL,
	json TEXT NOT NULL CHECK (json_valid(json))
) STRICT;
`,
	},
	{
		version: 4,
		name: "references-and-partner-organizations",
		sql: `
-- Who references whom, filled on every object write (one row per distinct reference across versions):
-- the egress gate asks "which containers reference X" and "which derived-from relationships start at X".
-- kind: object_refs | where_sighted_refs | observed_data_refs | sighting_of_ref |
--       source_ref:<relationship_type> | target_ref:<relationship_type>.
CREATE TABLE refs (
	to_id TEXT NOT NULL,
	kind TEXT NOT NULL,
	from_id TEXT NOT NULL,
	PRIMARY KEY (to_id, kind, from_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX refs_by_from ON refs (from_id);
INSERT OR IGNORE INTO refs (to_id, kind, from_id)
SELECT r.value, l.kind, o.id
FROM objects o, (SELECT 'object_refs' AS kind UNION ALL SELECT 'where_sighted_refs' UNION ALL SELECT 'observed_data_refs') l,
	json_each(o.body, '$.' || l.kind) r
WHERE json_type(o.body, '$.' || l.kind) = 'array' AND r.type = 'text';
INSERT OR IGNORE INTO refs (to_id, kind, from_id)
SELECT json_extract(body, '$.sighting_of_ref'), 'sighting_of_ref', id FROM objects
WHERE json_type(body, '$.sighting_of_ref') = 'text';
INSERT OR IGNORE INTO refs (to_id, kind, from_id)
SELECT json_extract(body, '$.' || e.side), e.side || ':' || json_extract(body, '$.relationship_type'), id
FROM objects, (SELECT 'source_ref' AS side UNION ALL SELECT 'target_ref') e
WHERE type = 'relationship' AND json_type(body, '$.' || e.side) = 'text'
	AND json_type(body, '$.relationship_type') = 'text';

-- Partner parties become organisations too (so that their users can exist); local = hosted by this node.
ALTER TABLE organizations ADD COLUMN local INTEGER NOT NULL DEFAULT 1;
`,
	},
	{
		version: 5,
		name: "federation-peers-and-outbox",
		sql: `
-- Federation (src/federation, src/store/sqlite/federation-tables.ts): partner nodes, one-time
-- invitations (hashed codes only), a durable outbox per peer in delivery order, the ids each peer was
-- sent (so a deletion reaches only peers that received the object), and each peer's feed/delivery state.
CREATE TABLE federation_peers (
	name TEXT PRIMARY KEY,
	record TEXT NOT NULL CHECK (json_valid(record))
) STRICT, WITHOUT ROWID;

CREATE TABLE federation_invitations (
	code_hash TEXT PRIMARY KEY,
	expires_at INTEGER NOT NULL,
	used_at INTEGER,
	record TEXT NOT NULL CHECK (json_valid(record))
) STRICT, WITHOUT ROWID;

CREATE TABLE federation_outbox (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	peer TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('object', 'delete')),
	object_id TEXT NOT NULL,
	stored_id TEXT NOT NULL,
	version TEXT NOT NULL,
	origin TEXT NOT NULL,
	enqueued_at INTEGER NOT NULL,
	payload TEXT NOT NULL
);
CREATE INDEX federation_outbox_by_peer ON federation_outbox (peer, seq);

CREATE TABLE federation_sent (
	peer TEXT NOT NULL,
	stored_id TEXT NOT NULL,
	sent_id TEXT NOT NULL,
	origin TEXT NOT NULL,
	PRIMARY KEY (peer, stored_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE federation_peer_state (
	peer TEXT PRIMARY KEY,
	feed_cursor INTEGER,
	state TEXT NOT NULL CHECK (json_valid(state))
) STRICT, WITHOUT ROWID;
`,
	},
	{
		version: 6,
		name: "compact-object-keys",
		sql: `
-- (id, version) is unique through a compact integer index (~30 bytes an entry instead of ~90 for the
-- text pair): id_key is 47 bits of the id's UUID, one-to-one with ids (object-keys.ts); a version is its
-- microseconds (bigint sentinels for "" and non-timestamps) and the fraction digits beyond the sixth.
-- Random UUIDs scatter inserts over this index, so its size is what a bulk ingest rewrites per commit.
-- The backfill (run) fills existing rows, then swaps objects_by_id_version for objects_by_id_key.
ALTER TABLE objects ADD COLUMN id_key INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objects ADD COLUMN version_micros INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objects ADD COLUMN version_extra TEXT NOT NULL DEFAULT '';
-- Ids that could not have their natural key (another id held it); almost always empty.
CREATE TABLE object_keys (
	id TEXT PRIMARY KEY,
	id_key INTEGER NOT NULL UNIQUE
) STRICT, WITHOUT ROWID;
`,
		run: backfillObjectKeys,
	},
	{
		version: 7,
		name: "federation-received-provenance",
		sql: `
-- The provenance signature each received version came with (a flattened detached JWS over the version's
-- canonical JSON, D12), so this node can later prove which peer's key vouched for what it holds. Rows are
-- appended in arrival order (rowid) with a small index by object id: a keyed table over random UUIDs
-- cost a random B-tree insert of the whole row per received version. One row per (object, version,
-- peer): the insert checks the index first.
CREATE TABLE federation_provenance (
	seq INTEGER PRIMARY KEY,
	object_id TEXT NOT NULL,
	version TEXT NOT NULL,
	peer TEXT NOT NULL,
	origin TEXT NOT NULL,
	key_id TEXT NOT NULL,
	protected TEXT NOT NULL,
	signature TEXT NOT NULL,
	received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX federation_provenance_by_object ON federation_provenance (object_id);
`,
	},
	{
		version: 8,
		name: "derived-ids",
		sql: `
-- Which stored object a released copy's new id was derived from (a transformed observable, D29), so the
-- node can answer that copy when a recipient asks for it by the id it received. Several originals may
-- map to one derived id (a /24 generalisation): the key is the pair, read by derived id.
CREATE TABLE derived_ids (
	derived_id TEXT NOT NULL,
	original_id TEXT NOT NULL,
	PRIMARY KEY (derived_id, original_id)
) STRICT, WITHOUT ROWID;
`,
	},
	{
		version: 9,
		name: "every-reference",
		sql: `
-- refs records every reference property at any depth (stix/references: SCO refs, extensions, MIME parts,
-- custom x_…_ref), the kind being its path (src_ref, extensions.archive-ext.contains_refs); the backfill
-- (run) adds the rows of versions stored before.
`,
		run: backfillReferences,
	},
	{
		version: 10,
		name: "incidents",
		sql: `
-- Releases the invariants stopped (D37): which invariant, which object, for whom, why. Appended in the
-- order they were recorded (seq); listed newest first and counted per invariant for /metrics.
CREATE TABLE incidents (
	seq INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	invariant TEXT NOT NULL,
	object_id TEXT NOT NULL,
	object_version TEXT,
	party_id TEXT NOT NULL,
	user_id TEXT NOT NULL,
	purpose TEXT NOT NULL,
	reason TEXT NOT NULL
) STRICT;
`,
	},
	{
		version: 11,
		name: "observable-statements",
		sql: `
-- An unversioned object (an SCO) is stored as one statement per contributor (D31): its version is the
-- commit position of that contributor's statement, and every statement is its own first and last version.
ALTER TABLE objects ADD COLUMN statement INTEGER NOT NULL DEFAULT 0;
`,
		run: versionStatements,
	},
	{
		version: 12,
		name: "tombstone-owner",
		sql: `
-- A tombstone keeps the owner of the deleted id (D30): the organisation of its first recorded version, so
-- only that owner (or its house) records the id again. Tombstones written before have none (anyone may).
ALTER TABLE tombstones ADD COLUMN org_id TEXT;
`,
	},
	{
		version: 13,
		name: "warninglists",
		sql: `
-- Warninglists (D50): lists of values known not to be threats, in MISP's format, matched in memory by
-- intel/warninglists. One row per list, its entries as one JSON array (read whole to compile the matcher, never
-- searched in SQL); content_hash says whether a list put again changed. The revision moves with every change, so
-- each process recompiles its matcher when it sees a new one.
CREATE TABLE warninglists (
	name TEXT PRIMARY KEY,
	version INTEGER NOT NULL,
	description TEXT NOT NULL,
	type TEXT NOT NULL,
	matching_attributes TEXT NOT NULL,
	entries TEXT NOT NULL,
	entry_count INTEGER NOT NULL,
	source TEXT NOT NULL,
	loaded_at TEXT NOT NULL,
	content_hash TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE warninglist_revision (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	revision INTEGER NOT NULL
) STRICT;
INSERT INTO warninglist_revision (singleton, revision) VALUES (1, 0);
`,
	},
	{
		version: 14,
		name: "watch-lists",
		sql: `
-- Watch-lists (D51): the values an organisation watches, the alerts raised when an arriving object names one
-- (ids made from organisation, object, version, entry and value, so a repeated round adds none twice), the
-- matcher's cursor in the commit log (moved in the transaction that records a round's alerts), and each
-- organisation's webhook with its delivery queue, whose rows are the delivery log.
CREATE TABLE watch_entries (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL,
	kind TEXT NOT NULL,
	value TEXT NOT NULL,
	label TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (org_id, kind, value)
) STRICT;
CREATE TABLE watch_alerts (
	seq INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	org_id TEXT NOT NULL,
	object_id TEXT NOT NULL,
	object_version TEXT NOT NULL,
	entry_id TEXT NOT NULL,
	entry_kind TEXT NOT NULL,
	entry_value TEXT NOT NULL,
	kind TEXT NOT NULL,
	value TEXT NOT NULL,
	path TEXT NOT NULL,
	at TEXT NOT NULL,
	acknowledged_at TEXT,
	acknowledged_by TEXT
) STRICT;
CREATE INDEX watch_alerts_by_org ON watch_alerts (org_id, seq);
CREATE TABLE watch_cursor (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	cursor TEXT NOT NULL
) STRICT;
CREATE TABLE webhooks (
	org_id TEXT PRIMARY KEY,
	url TEXT NOT NULL,
	secret TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by TEXT NOT NULL
) STRICT;
CREATE TABLE webhook_deliveries (
	seq INTEGER PRIMARY KEY,
	alert_id TEXT NOT NULL UNIQUE,
	org_id TEXT NOT NULL,
	state TEXT NOT NULL,
	attempts INTEGER NOT NULL,
	next_attempt_at TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_attempt_at TEXT,
	last_status INTEGER,
	last_error TEXT,
	delivered_at TEXT
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_by_org ON webhook_deliveries (org_id, seq);
`,
	},
	{
		version: 15,
		name: "feeds",
		sql: `
-- Feed subscriptions (D55): each feed's definition and last status as JSON (read whole, never queried by field),
-- the values or MISP events it carried at its last pull with a fingerprint of what was stored (so a re-pull
-- writes only what changed and revokes what left), and the lease that lets one process at a time pull a feed.
CREATE TABLE feeds (
	seq INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	definition TEXT NOT NULL,
	status TEXT
) STRICT;
CREATE TABLE feed_items (
	feed_id TEXT NOT NULL,
	key TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	PRIMARY KEY (feed_id, key)
) STRICT, WITHOUT ROWID;
CREATE TABLE feed_leases (
	feed_id TEXT PRIMARY KEY,
	holder TEXT NOT NULL,
	until TEXT NOT NULL
) STRICT;
`,
	},
	{
		version: 17,
		name: "version-waits",
		sql: `
-- Versions that wait for what they name (D58): a marking definition (flag unknown-marking) or an object
-- (flag awaiting-references) the store does not hold ready. Storing an id looks up only the versions waiting
-- on it (ref first); a version's last wait is found by its position (date_added). A version is released, and
-- re-committed, when no row names it any more.
CREATE TABLE version_waits (
	ref TEXT NOT NULL,
	date_added INTEGER NOT NULL,
	PRIMARY KEY (ref, date_added)
) STRICT, WITHOUT ROWID;
CREATE INDEX version_waits_by_version ON version_waits (date_added);
`,
		run: backfillVersionWaits,
	},
	{
		// 15–17 are other parts' of issue 13 (feeds, TAXII, arrival order): numbers given out in advance (D59).
		version: 18,
		name: "release-subscriptions",
		sql: `
CREATE TABLE release_subscriptions (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL,
	next_attempt_at TEXT NOT NULL,
	disabled_at TEXT,
	body TEXT NOT NULL
) STRICT;
CREATE INDEX release_subscriptions_due ON release_subscriptions (next_attempt_at) WHERE disabled_at IS NULL;
CREATE INDEX release_subscriptions_by_org ON release_subscriptions (org_id);
`,
	},
	{
		version: 19,
		name: "object-keys-by-type",
		sql: `
-- An id's key now mixes its type into its UUID's tail (object-keys.ts naturalIdKey, D53): MISP's ids share
-- one UUID across an attribute's observed-data, indicator and observable, and every shared key had been
-- displaced into object_keys, costing the writer a lookup per version. Every id is keyed again (run).
DROP INDEX objects_by_id_key;
DELETE FROM object_keys;
`,
		run: rekeyObjects,
	},
	{
		// 20 is another part's of issue 16 (numbers given out in advance, as D59's).
		version: 21,
		name: "quarantine-review",
		sql: `
-- The quarantine as an operator reviews it (D65): what kind of item, its state, its body's size for the caps,
-- and every decision taken on it. Rows already held are classified by the words their writer used.
ALTER TABLE quarantine ADD COLUMN kind TEXT NOT NULL DEFAULT 'conflict';
ALTER TABLE quarantine ADD COLUMN state TEXT NOT NULL DEFAULT 'held';
ALTER TABLE quarantine ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
${CLASSIFY_HELD_VERSIONS}
CREATE INDEX quarantine_by_bucket ON quarantine (org_id, seq);
CREATE INDEX quarantine_by_state ON quarantine (state, seq);
CREATE TABLE quarantine_actions (
	seq INTEGER PRIMARY KEY,
	item INTEGER NOT NULL,
	action TEXT NOT NULL,
	actor TEXT NOT NULL,
	at TEXT NOT NULL,
	note TEXT NOT NULL,
	state TEXT NOT NULL
) STRICT;
CREATE INDEX quarantine_actions_by_item ON quarantine_actions (item, seq);
`,
	},
	{
		// 20 and 23 are other parts' of issue 16: numbers given out in advance.
		version: 22,
		name: "token-use-and-audit-trail",
		sql: `
-- D66: a token's prefix, age, revocation and last use (to the minute), and the audit trail: one line per
-- command, appended and never changed (the triggers refuse UPDATE and DELETE whoever asks).
ALTER TABLE users ADD COLUMN token_prefix TEXT;
ALTER TABLE users ADD COLUMN token_created_at TEXT;
ALTER TABLE users ADD COLUMN token_revoked_at TEXT;
ALTER TABLE users ADD COLUMN token_last_used_at TEXT;
CREATE TABLE audit_log (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	at_micros INTEGER NOT NULL,
	actor TEXT NOT NULL,
	actor_id TEXT,
	org_id TEXT,
	channel TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	summary TEXT NOT NULL,
	details TEXT
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log (at_micros);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_actor_id ON audit_log (actor_id, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_target ON audit_log (target, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`,
	},
	{
		// 20 is unused (given out in advance for issue 16).
		version: 23,
		name: "activity-counts",
		sql: `
-- The node's activity per day for the dashboard (D67): versions committed by source and marking (flow 'in',
-- counted by a follower of the commit log whose cursor moves in the same transaction), and what the gate
-- released and withheld by recipient party, marking and deciding rule.
CREATE TABLE activity_counts (
	day TEXT NOT NULL,
	flow TEXT NOT NULL,
	party TEXT NOT NULL,
	marking TEXT NOT NULL,
	rule TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (day, flow, party, marking, rule)
) STRICT, WITHOUT ROWID;
CREATE TABLE activity_cursors (name TEXT PRIMARY KEY, position TEXT NOT NULL) STRICT;
`,
	},
];

/** Gives every stored unversioned row (until now one per id) the version its commit position names. */
function versionStatements(db: DatabaseSync): void {
	const format = microsFormatter();
	const rows = db.prepare("SELECT date_added FROM objects WHERE version = ''").all();
	const update = db.prepare(
		`UPDATE objects SET statement = 1, version = ?, version_key = ?, version_micros = date_added, version_extra = ''
		 WHERE date_added = ?`,
	);
	for (const row of rows) {
		const dateAdded = Number(row.date_added);
		const version = format(dateAdded);
		update.run(version, versionKey(version), dateAdded);
	}
}
