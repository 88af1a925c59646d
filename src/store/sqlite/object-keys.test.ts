// Compact keys: versions order like their text keys, and colliding ids stay distinct objects.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { versionKey } from "../timestamps.ts";
import { applyMigrations } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { naturalIdKey, versionOrder } from "./object-keys.ts";
import { openSqliteStore } from "./sqlite-store.ts";

const provenance = { organizationId: "identity--00000000-0000-4000-8000-000000000000", source: "test" };

/** Two ids of one type whose UUIDs end alike, so they share a natural key. */
const A = "indicator--11111111-2222-4333-8444-555555555555";
const B = "indicator--99999999-2222-4333-8444-555555555555";

function indicator(id: string, modified: string, name = "x"): StixObject {
	return { type: "indicator", spec_version: "2.1", id, created: modified, modified, name } as StixObject;
}

function compare(a: readonly [number | bigint, string], b: readonly [number | bigint, string]): number {
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

describe("versionOrder", () => {
	const versions = [
		"",
		"0001-01-01T00:00:00Z",
		"1969-12-31T23:59:59.999999999Z",
		"1970-01-01T00:00:00Z",
		"2020-01-01T00:00:00Z",
		"2020-01-01T00:00:00.000Z",
		"2020-01-01T00:00:00.0000001Z",
		"2020-01-01T00:00:00.000001Z",
		"2020-01-01T00:00:00.0000010Z",
		"2020-01-01T00:00:00.00000105Z",
		"2020-01-01T00:00:00.0000011Z",
		"2020-01-01T00:00:00.1Z",
		"2020-01-01T00:00:00.123456789123Z",
		"2020-02-29T12:00:00.5Z",
		"9999-12-31T23:59:59.999999Z",
	];
	it("sorts and equates exactly like versionKey", () => {
		for (const a of versions) {
			for (const b of versions) {
				const byKey = versionKey(a) < versionKey(b) ? -1 : versionKey(a) > versionKey(b) ? 1 : 0;
				assert.equal(compare(versionOrder(a), versionOrder(b)), byKey, `${a} vs ${b}`);
			}
		}
	});
	it("keeps impossible dates apart from the instants they would roll over to", () => {
		assert.notDeepEqual(versionOrder("2021-02-29T00:00:00Z"), versionOrder("2021-03-01T00:00:00Z"));
		assert.notDeepEqual(versionOrder("2021-03-01T24:00:00Z"), versionOrder("2021-03-02T00:00:00Z"));
	});
});

describe("id keys", () => {
	it("gives ids that share a natural key different keys, and keeps them apart", async () => {
		assert.equal(naturalIdKey(A), naturalIdKey(B));
		const store = await openSqliteStore({ path: ":memory:" });
		const first = await store.putVersions([{ object: indicator(A, "2020-01-01T00:00:00.000Z"), provenance }]);
		const second = await store.putVersions([
			{ object: { ...indicator(B, "2020-01-01T00:00:00.000Z"), type: "malware" }, provenance },
			{ object: indicator(A, "2020-01-01T00:00:00.000Z"), provenance },
			{ object: indicator(A, "2020-01-01T00:00:00.000Z", "changed"), provenance },
		]);
		assert.equal(first[0]?.status, "stored");
		assert.deepEqual(
			second.map((outcome) => outcome.status),
			["stored", "duplicate", "quarantined"],
		);
		assert.deepEqual(
			(await store.getVersions(A)).map((v) => v.id),
			[A],
		);
		assert.deepEqual(
			(await store.getVersions(B)).map((v) => v.type),
			["malware"],
		);
		assert.equal((await store.query({ ids: [A, B], limit: 10 })).items.length, 2);
		assert.equal(await store.deleteObject(B), 1);
		assert.deepEqual(await store.getVersions(B), []);
		assert.equal((await store.getVersions(A)).length, 1);
		await store.close();
	});

	it("gives ids of different types that share a UUID different keys, none displaced (MISP's ids, D53)", async () => {
		const uuid = "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
		const types = ["indicator", "observed-data", "domain-name", "report", "grouping", "x-misp-attribute"];
		const keys = new Set(types.map((type) => naturalIdKey(`${type}--${uuid}`)));
		assert.equal(keys.size, types.length);
		for (const key of keys) assert.ok(Number.isSafeInteger(key) && key >= 0 && key < 2 ** 47);
		const dir = mkdtempSync(join(tmpdir(), "entente-keys-"));
		try {
			const path = join(dir, "keys.db");
			const store = await openSqliteStore({ path });
			const v = "2020-01-01T00:00:00.000Z";
			const outcomes = await store.putVersions(
				types.map((type) => ({ object: { ...indicator(`${type}--${uuid}`, v), type }, provenance })),
			);
			assert.deepEqual(
				outcomes.map((outcome) => outcome.status),
				types.map(() => "stored"),
			);
			await store.close();
			const db = new DatabaseSync(path);
			assert.equal(db.prepare("SELECT count(*) AS n FROM object_keys").get()?.n, 0);
			db.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("migration 19 keys every stored id again by type and forgets displaced keys", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(
			db,
			MIGRATIONS.filter((m) => m.version < 19),
			"t1",
		);
		const insert = db.prepare(
			`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, body,
				id_key, version_micros, version_extra)
			 VALUES (?, ?, ?, ?, ?, '2.1', 'org', 'test', '{}', ?, ?, '')`,
		);
		const v = "2020-01-01T00:00:00.000Z";
		const uuid = "11111111-2222-4333-8444-555555555555";
		// As the old keys had it: the UUID's tail, the second type displaced to the next key and recorded.
		const tail = 0x555555555555;
		insert.run(1, `indicator--${uuid}`, v, versionKey(v), "indicator", tail, 1);
		insert.run(2, `observed-data--${uuid}`, v, versionKey(v), "observed-data", tail + 1, 1);
		insert.run(3, A, "2020-01-02T00:00:00.000Z", "k", "indicator", tail, 2);
		insert.run(4, B, v, versionKey(v), "indicator", tail + 2, 1);
		db.prepare("INSERT INTO object_keys (id, id_key) VALUES (?, ?), (?, ?)").run(
			`observed-data--${uuid}`,
			tail + 1,
			B,
			tail + 2,
		);
		applyMigrations(db, MIGRATIONS, "t2");
		const rows = db.prepare("SELECT id, id_key FROM objects ORDER BY date_added").all();
		assert.equal(rows[0]?.id_key, naturalIdKey(`indicator--${uuid}`));
		assert.equal(rows[1]?.id_key, naturalIdKey(`observed-data--${uuid}`));
		assert.equal(rows[2]?.id_key, rows[0]?.id_key);
		// A and B still share their natural key: one of them is displaced and recorded again.
		assert.notEqual(rows[3]?.id_key, rows[0]?.id_key);
		assert.deepEqual(
			db
				.prepare("SELECT id, id_key FROM object_keys")
				.all()
				.map((row) => [row.id, row.id_key]),
			[[B, rows[3]?.id_key]],
		);
		assert.ok(
			db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'objects_by_id_key'").get(),
		);
	});

	it("a batch that repeats a new id still finds its own earlier rows (no lookup is skipped wrongly)", async () => {
		const dir = mkdtempSync(join(tmpdir(), "entente-keys-"));
		try {
			for (const path of [":memory:", join(dir, "keys.db")]) {
				const store = await openSqliteStore({ path });
				const v1 = "2020-01-01T00:00:00.000Z";
				const outcomes = await store.putVersions([
					{ object: indicator(A, v1), provenance },
					{ object: indicator(A, v1), provenance },
					{ object: indicator(A, v1, "changed"), provenance },
					{ object: indicator(A, "2020-01-02T00:00:00.000Z"), provenance },
					{ object: { ...indicator(B, v1), type: "malware" }, provenance },
				]);
				assert.deepEqual(
					outcomes.map((outcome) => outcome.status),
					["stored", "duplicate", "quarantined", "stored", "stored"],
					path,
				);
				assert.equal((await store.getVersions(A)).length, 2);
				assert.deepEqual(
					(await store.getVersions(B)).map((v) => v.type),
					["malware"],
				);
				await store.close();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("the migration backfills keys and displaces colliding ids", () => {
		const db = new DatabaseSync(":memory:");
		applyMigrations(
			db,
			MIGRATIONS.filter((m) => m.version < 6),
			"t1",
		);
		const insert = db.prepare(
			`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, body)
			 VALUES (?, ?, ?, ?, 'indicator', '2.1', 'org', 'test', '{}')`,
		);
		const v = "2020-01-01T00:00:00.000Z";
		insert.run(1, A, v, versionKey(v));
		insert.run(2, B, v, versionKey(v));
		insert.run(3, A, "", "");
		applyMigrations(db, MIGRATIONS, "t2");
		const keys = db.prepare("SELECT DISTINCT id, id_key FROM objects ORDER BY id").all();
		assert.equal(keys.length, 2);
		assert.notEqual(keys[0]?.id_key, keys[1]?.id_key);
		assert.equal(db.prepare("SELECT count(*) AS n FROM object_keys").get()?.n, 1);
		const indexes = db.prepare(
			"SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'objects'",
		);
		assert.deepEqual(
			indexes
				.all()
				.map((row) => row.name)
				.sort(),
			["objects_by_id_key", "objects_by_org", "objects_by_type"],
		);
	});
});
