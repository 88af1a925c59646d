// Tests the migration runner: ordering, idempotence, rollback of a failing step, refusal of a newer schema.
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { describe, it } from "node:test";
import { applyMigrations } from "./migrate.ts";
import type { Migration } from "./migrations.ts";
import { MIGRATIONS } from "./migrations.ts";
import { naturalIdKey } from "./object-keys.ts";

const good: Migration[] = [
	{ version: 1, name: "create-a", sql: "CREATE TABLE a (x INTEGER)" },
	{ version: 2, name: "create-b", sql: "CREATE TABLE b (y INTEGER)" },
];
const tables = (db: DatabaseSync): unknown[] =>
	db
		.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
		.all()
		.map((row) => row.name);

describe("applyMigrations", () => {
	it("applies pending migrations once, recording each", () => {
		const db = new DatabaseSync(":memory:");
		assert.deepEqual(applyMigrations(db, good, "t1"), [1, 2]);
		assert.deepEqual(applyMigrations(db, good, "t2"), []);
		assert.deepEqual(
			db
				.prepare("SELECT version, name, applied_at FROM schema_migrations")
				.all()
				.map((row) => ({ ...row })),
			[
				{ version: 1, name: "create-a", applied_at: "t1" },
				{ version: 2, name: "create-b", applied_at: "t1" },
			],
		);
	});

	it("rolls a failing migration back entirely and names it in E_STORE_MIGRATION", () => {
		const db = new DatabaseSync(":memory:");
		const failing: Migration = {
			version: 3,
			name: "half-done",
			sql: "CREATE TABLE c (z INTEGER); INSERT INTO c VALUES (1); INSERT INTO missing VALUES (1);",
		};
		assert.throws(
			() => applyMigrations(db, [...good, failing], "t"),
			(error: unknown) => {
				const e = error as { code?: string; message?: string; details?: Record<string, unknown> };
				return (
					e.code === "E_STORE_MIGRATION" &&
					/3 \(half-done\)/.test(e.message ?? "") &&
					e.details?.version === 3
				);
			},
		);
		assert.deepEqual(tables(db), ["a", "b", "schema_migrations"], "no table c, earlier steps kept");
		assert.deepEqual(
			db
				.prepare("SELECT version FROM schema_migrations")
				.all()
				.map((row) => row.version),
			[1, 2],
		);
		assert.equal(db.isTransaction, false);
	});

	it("refuses a database migrated by a newer build and out-of-order lists", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(db, good, "t");
		assert.throws(() => applyMigrations(db, good.slice(0, 1), "t"), { code: "E_STORE_MIGRATION" });
		const reversed = [...good].reverse();
		assert.throws(() => applyMigrations(new DatabaseSync(":memory:"), reversed, "t"), {
			code: "E_STORE_MIGRATION",
		});
	});

	it("applies the real schema", () => {
		const db = new DatabaseSync(":memory:");
		assert.deepEqual(
			applyMigrations(db, MIGRATIONS, "t"),
			MIGRATIONS.map((m) => m.version),
		);
		assert.ok(tables(db).includes("objects"));
	});
});

describe("migration 2: TAXII collections and statuses", () => {
	it("moves the collections and statuses the first TAXII server kept in meta into their tables", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(db, MIGRATIONS.slice(0, 1), "t");
		const collections = [
			{
				id: "c-1",
				title: "All",
				alias: "all",
				read: { organizations: "local" },
				write: { organizations: "local", roles: ["admin"] },
				filter: {},
			},
			{
				id: "c-2",
				title: "Types",
				read: { organizations: ["identity--a"] },
				write: { organizations: [] },
				filter: { types: ["indicator"] },
			},
		];
		const status = {
			resource: { id: "s-1", status: "complete", total_count: 0 },
			apiRoot: "api",
			organizationId: "identity--a",
			expiresAtMicros: 1_700_000_000_000_000,
		};
		const put = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
		put.run("taxii.collections", JSON.stringify(collections));
		put.run("taxii.status.s-1", JSON.stringify(status));
		put.run("taxii.page-secret", "kept");
		applyMigrations(db, MIGRATIONS, "t");
		const rows = (sql: string): Record<string, unknown>[] =>
			db
				.prepare(sql)
				.all()
				.map((row) => ({ ...row }));
		assert.deepEqual(
			rows(
				"SELECT id, alias, title, description, read_access, write_access, filter FROM collections ORDER BY seq",
			),
			[
				{
					id: "c-1",
					alias: "all",
					title: "All",
					description: null,
					read_access: '{"organizations":"local"}',
					write_access: '{"organizations":"local","roles":["admin"]}',
					filter: "{}",
				},
				{
					id: "c-2",
					alias: null,
					title: "Types",
					description: null,
					read_access: '{"organizations":["identity--a"]}',
					write_access: '{"organizations":[]}',
					filter: '{"types":["indicator"]}',
				},
			],
		);
		assert.deepEqual(rows("SELECT id, api_root, org_id, expires_at, resource FROM taxii_statuses"), [
			{
				id: "s-1",
				api_root: "api",
				org_id: "identity--a",
				expires_at: 1_700_000_000_000_000,
				resource: JSON.stringify(status.resource),
			},
		]);
		assert.deepEqual(rows("SELECT key, value FROM meta ORDER BY key"), [
			{ key: "taxii.collections.seeded", value: "true" },
			{ key: "taxii.page-secret", value: "kept" },
		]);
	});
});

describe("migration 4 (references-and-partner-organizations)", () => {
	it("backfills refs from stored containers, sightings and relationships, and marks existing organisations local", () => {
		const db = new DatabaseSync(":memory:");
		const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);
		applyMigrations(db, upTo(3), "t1");
		const insert = db.prepare(
			`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, body)
			 VALUES (?, ?, '', '', ?, '2.1', 'org', 'test', ?)`,
		);
		const body = (o: Record<string, unknown>) => JSON.stringify(o);
		insert.run(
			1,
			"report--1",
			"report",
			body({ type: "report", object_refs: ["indicator--a", "malware--b"] }),
		);
		insert.run(2, "sighting--1", "sighting", body({ type: "sighting", sighting_of_ref: "indicator--a" }));
		insert.run(
			3,
			"relationship--1",
			"relationship",
			body({
				type: "relationship",
				relationship_type: "derived-from",
				source_ref: "indicator--c",
				target_ref: "indicator--a",
			}),
		);
		db.prepare(
			"INSERT INTO organizations (id, name, sectors, jurisdictions, created_at) VALUES ('identity--x', 'X', '[]', '[]', 't')",
		).run();
		applyMigrations(db, MIGRATIONS, "t2");
		assert.deepEqual(
			db
				.prepare("SELECT to_id, kind, from_id FROM refs ORDER BY to_id, kind, from_id")
				.all()
				.map((row) => ({ ...row })),
			[
				{ to_id: "indicator--a", kind: "object_refs", from_id: "report--1" },
				{ to_id: "indicator--a", kind: "sighting_of_ref", from_id: "sighting--1" },
				{ to_id: "indicator--a", kind: "target_ref:derived-from", from_id: "relationship--1" },
				{ to_id: "indicator--c", kind: "source_ref:derived-from", from_id: "relationship--1" },
				{ to_id: "malware--b", kind: "object_refs", from_id: "report--1" },
			],
		);
		assert.equal(db.prepare("SELECT local FROM organizations").get()?.local, 1);
	});
});

describe("migration 9 (every-reference)", () => {
	it("backfills the references of every stored version by path: SCO references, extensions, custom ones", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(
			db,
			MIGRATIONS.filter((m) => m.version <= 8),
			"t1",
		);
		db.prepare(
			`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, body)
			 VALUES (1, 'network-traffic--1', '', '', 'network-traffic', '2.1', 'org', 'test', ?)`,
		).run(
			JSON.stringify({
				type: "network-traffic",
				src_ref: "ipv4-addr--a",
				extensions: { "http-request-ext": { message_body_data_ref: "artifact--b" } },
				x_seen_ref: "ipv4-addr--c",
				object_marking_refs: ["marking-definition--d"],
			}),
		);
		applyMigrations(db, MIGRATIONS, "t2");
		assert.deepEqual(
			db
				.prepare("SELECT to_id, kind FROM refs WHERE from_id = 'network-traffic--1' ORDER BY to_id")
				.all()
				.map((row) => ({ ...row })),
			[
				{ to_id: "artifact--b", kind: "extensions.http-request-ext.message_body_data_ref" },
				{ to_id: "ipv4-addr--a", kind: "src_ref" },
				{ to_id: "ipv4-addr--c", kind: "x_seen_ref" },
			],
		);
	});
});

describe("migration 17: version waits (D58)", () => {
	it("releases versions flagged before whose definition is already held, and indexes the others", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(
			db,
			MIGRATIONS.filter((m) => m.version <= 14),
			"t1",
		);
		const held = "marking-definition--00000000-0000-4000-8000-0000000000a1";
		const absent = "marking-definition--00000000-0000-4000-8000-0000000000a2";
		const insert = db.prepare(
			`INSERT INTO objects (date_added, id_key, id, version, version_key, type, spec_version, org_id, source, flags, body)
			 VALUES (?1, ?2, ?3, '2024-01-01T00:00:00.000Z', '', ?4, '2.1', 'org', 'test', ?5, ?6)`,
		);
		const flagged = (n: number, ref: string) =>
			insert.run(
				n,
				naturalIdKey(`indicator--00000000-0000-4000-8000-00000000000${n}`),
				`indicator--00000000-0000-4000-8000-00000000000${n}`,
				"indicator",
				'["unknown-marking"]',
				JSON.stringify({ object_marking_refs: [ref] }),
			);
		flagged(1, held);
		flagged(2, absent);
		insert.run(3, naturalIdKey(held), held, "marking-definition", null, "{}");
		applyMigrations(db, MIGRATIONS, "t2");
		const rows = db
			.prepare("SELECT id, flags, date_added > 3 AS moved FROM objects WHERE type = 'indicator' ORDER BY id")
			.all()
			.map((row) => ({ ...row }));
		assert.deepEqual(rows, [
			{ id: "indicator--00000000-0000-4000-8000-000000000001", flags: null, moved: 1 },
			{ id: "indicator--00000000-0000-4000-8000-000000000002", flags: '["unknown-marking"]', moved: 0 },
		]);
		assert.deepEqual(
			db
				.prepare("SELECT ref FROM version_waits")
				.all()
				.map((row) => row.ref),
			[absent],
		);
	});
});

describe("migration 21: the quarantine reviewed (D65)", () => {
	it("classifies the versions quarantined before the review by their writer's words (D65)", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(
			db,
			MIGRATIONS.filter((m) => m.version <= 19),
			"t1",
		);
		const insert = db.prepare(
			`INSERT INTO quarantine (id, version, version_key, received_at, reason, content_hash, org_id, source, body)
			 VALUES (?, 'v', 'v', 1, ?, ?, 'org', 'test', '{"a":1}')`,
		);
		insert.run("indicator--1", "differs from the stored version of indicator--1 at v in: name", "h1");
		insert.run(
			"indicator--2",
			"indicator--2 belongs to identity--a; identity--b may not version it (…)",
			"h2",
		);
		insert.run("marking-definition--3", "marking-definition--3 is already defined; …", "h3");
		insert.run("ipv4-addr--4", "another contributor stated a different value under ipv4-addr--4: …", "h4");
		applyMigrations(db, MIGRATIONS, "t2");
		assert.deepEqual(
			db
				.prepare("SELECT id, kind, state, bytes FROM quarantine ORDER BY id")
				.all()
				.map((row) => ({ ...row })),
			[
				{ id: "indicator--1", kind: "conflict", state: "held", bytes: 7 },
				{ id: "indicator--2", kind: "refused-version", state: "held", bytes: 7 },
				{ id: "ipv4-addr--4", kind: "forged-value", state: "held", bytes: 7 },
				{ id: "marking-definition--3", kind: "refused-marking", state: "held", bytes: 7 },
			],
		);
	});
});
