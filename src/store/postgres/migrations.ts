// The PostgreSQL schema as an ordered list of migrations; append new ones, never edit an applied one.
// The same tables as the SQLite store (sqlite/migrations.ts), written for PostgreSQL from the start: no
// history to replay, so the numbering is this backend's own. Text that is compared or ordered is
// COLLATE "C" (byte order, as SQLite compares), whatever the database's locale.
import type { StixObject } from "../../stix/core.ts";
import { referencesOf } from "../encoded-version.ts";
import { CLASSIFY_HELD_VERSIONS } from "../quarantine-records.ts";
import { backfillVersionWaits } from "./version-wait-backfill.ts";

/** One schema step, applied once in its own transaction and recorded in `schema_migrations`. */
export interface Migration {
	/** Strictly increasing; never reused. */
	version: number;
	name: string;
	sql: string;
	/** A step SQL cannot express, run after `sql` in the same transaction (e.g. a backfill in TypeScript). */
	run?: (client: MigrationClient) => Promise<void>;
}

/** What a migration's `run` may do: queries on the migrating transaction's connection. */
export interface MigrationClient {
	query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Migration 7's backfill: the `refs` rows of every stored version, as the writer records them now. */
async function backfillReferences(client: MigrationClient): Promise<void> {
	let after = -1n;
	for (;;) {
		const { rows } = await client.query(
			"SELECT date_added, id, body FROM objects WHERE date_added > $1 ORDER BY date_added LIMIT 1000",
			[after.toString()],
		);
		const last = rows.at(-1);
		if (last === undefined) return;
		after = BigInt(String(last.date_added));
		const refs = rows.flatMap((row) =>
			referencesOf(JSON.parse(String(row.body)) as StixObject).map(([to, kind]) => [
				to,
				kind,
				String(row.id),
			]),
		);
		if (refs.length > 0)
			await client.query(
				`INSERT INTO refs (to_id, kind, from_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
				 ON CONFLICT DO NOTHING`,
				[refs.map((r) => r[0]), refs.map((r) => r[1]), refs.map((r) => r[2])],
			);
	}
}

/** Every migration of the PostgreSQL store, in order. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: "objects-and-commit-clock",
		sql: `
-- date_added: the node clock in microseconds, strictly increasing in commit order across every process
-- writing this schema (the clock row below is locked from its read until the commit, object-writer.ts),
-- so paging in date_added order is a primary-key range scan that never skips a later commit.
CREATE TABLE objects (
	date_added bigint PRIMARY KEY,
	id text COLLATE "C" NOT NULL,
	version text NOT NULL,
	-- versionKey(version): sorts as the instant it names (fraction digits of any length), equal for equal instants.
	version_key text COLLATE "C" NOT NULL,
	type text COLLATE "C" NOT NULL,
	spec_version text COLLATE "C" NOT NULL,
	org_id text COLLATE "C" NOT NULL,
	source text NOT NULL,
	flags text,
	revoked boolean NOT NULL DEFAULT false,
	-- Whether this is its object's greatest version_key, kept by the writer under the commit-order lock: the
	-- "last" selector is then a column filter, which the planner estimates well (a per-row max() subquery
	-- looked selective to it, so it sorted whole tables instead of walking date_added).
	latest boolean NOT NULL,
	-- JSON.stringify(object), kept as text: the exact bytes come back, and a repeat is compared byte for byte first.
	body text NOT NULL,
	CONSTRAINT objects_id_version UNIQUE (id, version_key)
);
CREATE INDEX objects_by_type ON objects (type, date_added);
CREATE INDEX objects_by_org ON objects (org_id, date_added);

CREATE TABLE tombstones (
	id text COLLATE "C" PRIMARY KEY,
	deleted_at bigint NOT NULL
);
CREATE INDEX tombstones_by_time ON tombstones (deleted_at);

CREATE TABLE quarantine (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id text COLLATE "C" NOT NULL,
	version text NOT NULL,
	version_key text COLLATE "C" NOT NULL,
	received_at bigint NOT NULL,
	reason text NOT NULL,
	content_hash text NOT NULL,
	org_id text NOT NULL,
	source text NOT NULL,
	body text NOT NULL,
	CONSTRAINT quarantine_once UNIQUE (id, version_key, content_hash)
);

-- Who references whom (one row per distinct reference across versions), for the egress gate:
-- kind is object_refs | where_sighted_refs | observed_data_refs | sighting_of_ref | source_ref:<type> | target_ref:<type>.
CREATE TABLE refs (
	to_id text COLLATE "C" NOT NULL,
	kind text COLLATE "C" NOT NULL,
	from_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (to_id, kind, from_id)
);
CREATE INDEX refs_by_from ON refs (from_id);

-- The durable high-water mark of the node clock. Its one row is also the commit-order lock: a write locks it
-- (SELECT … FOR UPDATE) before assigning positions and keeps it until COMMIT.
CREATE TABLE clock (
	singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	last_micros bigint NOT NULL
);
INSERT INTO clock (singleton, last_micros) VALUES (true, 0);
`,
	},
	{
		version: 2,
		name: "directory",
		sql: `
-- local: hosted by this node; false for a partner party whose users may sign in here.
CREATE TABLE organizations (
	id text COLLATE "C" PRIMARY KEY,
	name text COLLATE "C" NOT NULL,
	sectors text NOT NULL,
	jurisdictions text NOT NULL,
	created_at text NOT NULL,
	local boolean NOT NULL DEFAULT true
);

CREATE TABLE users (
	id text COLLATE "C" PRIMARY KEY,
	org_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
	name text COLLATE "C" NOT NULL,
	role text NOT NULL CHECK (role IN ('admin', 'analyst', 'reader')),
	token_hash text NOT NULL UNIQUE,
	created_at text NOT NULL
);
CREATE INDEX users_by_org ON users (org_id);

CREATE TABLE meta (
	key text COLLATE "C" PRIMARY KEY,
	value text NOT NULL
);
`,
	},
	{
		version: 3,
		name: "taxii-collections-and-statuses",
		sql: `
-- seq keeps the order collections were first defined; an update keeps it.
CREATE TABLE collections (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id text COLLATE "C" NOT NULL UNIQUE,
	alias text COLLATE "C" UNIQUE,
	title text NOT NULL,
	description text,
	read_access text NOT NULL,
	write_access text NOT NULL,
	filter text NOT NULL
);

CREATE TABLE taxii_statuses (
	id text COLLATE "C" PRIMARY KEY,
	api_root text NOT NULL,
	org_id text NOT NULL,
	expires_at bigint NOT NULL,
	resource text NOT NULL
);
CREATE INDEX taxii_statuses_by_expiry ON taxii_statuses (expires_at);
`,
	},
	{
		version: 4,
		name: "policy-versions",
		sql: `
-- Every applied sharing policy, never changed: the file as written (text) and the parsed policy (json).
CREATE TABLE policy_versions (
	version integer PRIMARY KEY,
	applied_at text NOT NULL,
	applied_by text NOT NULL,
	text text NOT NULL,
	json text NOT NULL
);
`,
	},
	{
		version: 5,
		name: "federation",
		sql: `
-- Partner nodes, one-time invitations (hashed codes only), a durable outbox per peer in delivery order, the
-- ids each peer was sent, each peer's feed/delivery state, and received provenance signatures (D15, D19).
CREATE TABLE federation_peers (
	name text COLLATE "C" PRIMARY KEY,
	record text NOT NULL
);

CREATE TABLE federation_invitations (
	code_hash text COLLATE "C" PRIMARY KEY,
	expires_at bigint NOT NULL,
	used_at bigint,
	record text NOT NULL
);

CREATE TABLE federation_outbox (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	peer text COLLATE "C" NOT NULL,
	kind text NOT NULL CHECK (kind IN ('object', 'delete')),
	object_id text NOT NULL,
	stored_id text NOT NULL,
	version text NOT NULL,
	origin text NOT NULL,
	enqueued_at bigint NOT NULL,
	payload text NOT NULL
);
CREATE INDEX federation_outbox_by_peer ON federation_outbox (peer, seq);

CREATE TABLE federation_sent (
	peer text COLLATE "C" NOT NULL,
	stored_id text COLLATE "C" NOT NULL,
	sent_id text NOT NULL,
	origin text NOT NULL,
	PRIMARY KEY (peer, stored_id)
);

-- The feed cursor row is also the per-peer lock of enqueueOutbox's compare-and-set.
CREATE TABLE federation_peer_state (
	peer text COLLATE "C" PRIMARY KEY,
	feed_cursor bigint,
	state text NOT NULL
);

CREATE TABLE federation_provenance (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	object_id text COLLATE "C" NOT NULL,
	version text COLLATE "C" NOT NULL,
	peer text COLLATE "C" NOT NULL,
	origin text NOT NULL,
	key_id text NOT NULL,
	protected text NOT NULL,
	signature text NOT NULL,
	received_at bigint NOT NULL,
	CONSTRAINT federation_provenance_once UNIQUE (object_id, version, peer)
);
`,
	},
	{
		version: 6,
		name: "derived-ids",
		sql: `
-- Which stored object a released copy's new id was derived from (a transformed observable, D29). Several
-- originals may map to one derived id (a /24 generalisation): the key is the pair, read by derived id.
CREATE TABLE derived_ids (
	derived_id text COLLATE "C" NOT NULL,
	original_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (derived_id, original_id)
);
`,
	},
	{
		version: 7,
		name: "every-reference",
		sql: `
-- refs records every reference property at any depth (stix/references: SCO refs, extensions, MIME parts,
-- custom x_…_ref), the kind being its path (src_ref, extensions.archive-ext.contains_refs); the backfill
-- (run) adds the rows of versions stored before.
SELECT 1;
`,
		run: backfillReferences,
	},
	{
		version: 8,
		name: "incidents",
		sql: `
-- Releases the invariants stopped (D37): which invariant, which object, for whom, why. Appended in the
-- order they were recorded (seq); listed newest first and counted per invariant for /metrics.
CREATE TABLE incidents (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at text NOT NULL,
	invariant text COLLATE "C" NOT NULL,
	object_id text COLLATE "C" NOT NULL,
	object_version text,
	party_id text COLLATE "C" NOT NULL,
	user_id text NOT NULL,
	purpose text NOT NULL,
	reason text NOT NULL
);
`,
	},
	{
		version: 9,
		name: "observable-statements",
		sql: `
-- An unversioned object (an SCO) is stored as one statement per contributor (D31): its version is the
-- commit position of that contributor's statement, and every statement is its own first and latest version.
ALTER TABLE objects ADD COLUMN statement boolean NOT NULL DEFAULT false;
UPDATE objects SET statement = true, latest = true,
	version = to_char(timestamp '1970-01-01' + date_added * interval '1 microsecond', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
	version_key = to_char(timestamp '1970-01-01' + date_added * interval '1 microsecond', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '000'
	WHERE version = '';
`,
	},
	{
		version: 10,
		name: "tombstone-owner",
		sql: `
-- A tombstone keeps the owner of the deleted id (D30): the organisation of its first recorded version, so
-- only that owner (or its house) records the id again. Tombstones written before have none (anyone may).
ALTER TABLE tombstones ADD COLUMN org_id text COLLATE "C";
`,
	},
	{
		version: 11,
		name: "warninglists",
		sql: `
-- Warninglists (D50): lists of values known not to be threats, in MISP's format, matched in memory by
-- intel/warninglists. One row per list, its entries as one JSON array (read whole to compile the matcher, never
-- searched in SQL); content_hash says whether a list put again changed. The revision moves with every change, so
-- each process recompiles its matcher when it sees a new one.
CREATE TABLE warninglists (
	name text COLLATE "C" PRIMARY KEY,
	version bigint NOT NULL,
	description text NOT NULL,
	type text NOT NULL,
	matching_attributes text NOT NULL,
	entries text NOT NULL,
	entry_count integer NOT NULL,
	source text NOT NULL,
	loaded_at text NOT NULL,
	content_hash text NOT NULL
);
CREATE TABLE warninglist_revision (
	singleton integer PRIMARY KEY CHECK (singleton = 1),
	revision bigint NOT NULL
);
INSERT INTO warninglist_revision (singleton, revision) VALUES (1, 0);
`,
	},
	{
		version: 12,
		name: "watch-lists",
		sql: `
-- Watch-lists (D51): the values an organisation watches, the alerts raised when an arriving object names one
-- (ids made from organisation, object, version, entry and value, so a repeated round adds none twice), the
-- matcher's cursor in the commit log (its row is the lock of the round's compare-and-set), and each
-- organisation's webhook with its delivery queue, whose rows are the delivery log.
CREATE TABLE watch_entries (
	seq bigint GENERATED ALWAYS AS IDENTITY,
	id text COLLATE "C" PRIMARY KEY,
	org_id text COLLATE "C" NOT NULL,
	kind text COLLATE "C" NOT NULL,
	value text COLLATE "C" NOT NULL,
	label text NOT NULL,
	created_at text NOT NULL,
	created_by text NOT NULL,
	UNIQUE (org_id, kind, value)
);
CREATE TABLE watch_alerts (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id text COLLATE "C" NOT NULL UNIQUE,
	org_id text COLLATE "C" NOT NULL,
	object_id text COLLATE "C" NOT NULL,
	object_version text NOT NULL,
	entry_id text NOT NULL,
	entry_kind text NOT NULL,
	entry_value text NOT NULL,
	kind text NOT NULL,
	value text NOT NULL,
	path text NOT NULL,
	at text NOT NULL,
	acknowledged_at text,
	acknowledged_by text
);
CREATE INDEX watch_alerts_by_org ON watch_alerts (org_id, seq);
CREATE TABLE watch_cursor (
	singleton integer PRIMARY KEY CHECK (singleton = 1),
	cursor text COLLATE "C"
);
INSERT INTO watch_cursor (singleton, cursor) VALUES (1, NULL);
CREATE TABLE webhooks (
	org_id text COLLATE "C" PRIMARY KEY,
	url text NOT NULL,
	secret text NOT NULL,
	created_at text NOT NULL,
	created_by text NOT NULL
);
CREATE TABLE webhook_deliveries (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	alert_id text COLLATE "C" NOT NULL UNIQUE,
	org_id text COLLATE "C" NOT NULL,
	state text NOT NULL,
	attempts integer NOT NULL,
	next_attempt_at text COLLATE "C" NOT NULL,
	created_at text NOT NULL,
	last_attempt_at text,
	last_status integer,
	last_error text,
	delivered_at text
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_by_org ON webhook_deliveries (org_id, seq);
`,
	},
	{
		version: 13,
		name: "feeds",
		sql: `
-- Feed subscriptions (D55): each feed's definition and last status as JSON (read whole, never queried by field),
-- the values or MISP events it carried at its last pull with a fingerprint of what was stored (so a re-pull
-- writes only what changed and revokes what left), and the lease that lets one process at a time pull a feed.
CREATE TABLE feeds (
	seq bigint GENERATED ALWAYS AS IDENTITY,
	id text COLLATE "C" PRIMARY KEY,
	definition text NOT NULL,
	status text
);
CREATE TABLE feed_items (
	feed_id text COLLATE "C" NOT NULL,
	key text COLLATE "C" NOT NULL,
	fingerprint text NOT NULL,
	PRIMARY KEY (feed_id, key)
);
CREATE TABLE feed_leases (
	feed_id text COLLATE "C" PRIMARY KEY,
	holder text NOT NULL,
	until text COLLATE "C" NOT NULL
);
`,
	},
	{
		version: 15,
		name: "version-waits",
		sql: `
-- Versions that wait for what they name (D58): a marking definition (flag unknown-marking) or an object
-- (flag awaiting-references) the store does not hold ready. Storing an id looks up only the versions waiting
-- on it (ref first); a version's last wait is found by its position (date_added). A version is released, and
-- re-committed, when no row names it any more.
CREATE TABLE version_waits (
	ref text COLLATE "C" NOT NULL,
	date_added bigint NOT NULL,
	PRIMARY KEY (ref, date_added)
);
CREATE INDEX version_waits_by_version ON version_waits (date_added);
`,
		run: backfillVersionWaits,
	},
	{
		// 13–15 are other parts' of issue 13 (feeds, TAXII, arrival order): numbers given out in advance (D59).
		version: 16,
		name: "release-subscriptions",
		sql: `
CREATE TABLE release_subscriptions (
	id text COLLATE "C" PRIMARY KEY,
	org_id text COLLATE "C" NOT NULL,
	next_attempt_at text COLLATE "C" NOT NULL,
	disabled_at text,
	body text NOT NULL,
	seq bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX release_subscriptions_due ON release_subscriptions (next_attempt_at) WHERE disabled_at IS NULL;
CREATE INDEX release_subscriptions_by_org ON release_subscriptions (org_id, seq);
`,
	},
	{
		// 17 is another part's of issue 16 (numbers given out in advance, as D59's).
		version: 18,
		name: "quarantine-review",
		sql: `
-- The quarantine as an operator reviews it (D65): what kind of item, its state, its body's size for the caps,
-- and every decision taken on it. Rows already held are classified by the words their writer used.
ALTER TABLE quarantine ADD COLUMN kind text NOT NULL DEFAULT 'conflict';
ALTER TABLE quarantine ADD COLUMN state text NOT NULL DEFAULT 'held';
ALTER TABLE quarantine ADD COLUMN bytes bigint NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN truncated boolean NOT NULL DEFAULT false;
${CLASSIFY_HELD_VERSIONS.replace("length(CAST(body AS BLOB))", "octet_length(body)")}
CREATE INDEX quarantine_by_bucket ON quarantine (org_id, seq);
CREATE INDEX quarantine_by_state ON quarantine (state, seq);
CREATE TABLE quarantine_actions (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	item bigint NOT NULL,
	action text NOT NULL,
	actor text NOT NULL,
	at text NOT NULL,
	note text NOT NULL,
	state text NOT NULL
);
CREATE INDEX quarantine_actions_by_item ON quarantine_actions (item, seq);
`,
	},
	{
		// 17 and 20 are other parts' of issue 16: numbers given out in advance.
		version: 19,
		name: "token-use-and-audit-trail",
		sql: `
-- D66: a token's prefix, age, revocation and last use (to the minute), and the audit trail: one line per
-- command, appended and never changed (the trigger refuses UPDATE, DELETE and TRUNCATE whoever asks).
ALTER TABLE users ADD COLUMN token_prefix text;
ALTER TABLE users ADD COLUMN token_created_at text;
ALTER TABLE users ADD COLUMN token_revoked_at text;
ALTER TABLE users ADD COLUMN token_last_used_at text COLLATE "C";
CREATE TABLE audit_log (
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at_micros bigint NOT NULL,
	actor text COLLATE "C" NOT NULL,
	actor_id text COLLATE "C",
	org_id text COLLATE "C",
	channel text COLLATE "C" NOT NULL,
	action text COLLATE "C" NOT NULL,
	target text COLLATE "C" NOT NULL,
	summary text COLLATE "C" NOT NULL,
	details text
);
CREATE INDEX audit_log_by_time ON audit_log (at_micros);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_actor_id ON audit_log (actor_id, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_target ON audit_log (target, seq);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
	},
	{
		// 17 is unused (given out in advance for issue 16).
		version: 20,
		name: "activity-counts",
		sql: `
-- The node's activity per day for the dashboard (D67): see the SQLite migration 23.
CREATE TABLE activity_counts (
	day text COLLATE "C" NOT NULL,
	flow text COLLATE "C" NOT NULL,
	party text COLLATE "C" NOT NULL,
	marking text COLLATE "C" NOT NULL,
	rule text COLLATE "C" NOT NULL,
	count bigint NOT NULL,
	PRIMARY KEY (day, flow, party, marking, rule)
);
CREATE TABLE activity_cursors (name text COLLATE "C" PRIMARY KEY, position text NOT NULL);
`,
	},
];
