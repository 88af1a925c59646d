// The audit trail is append-only below the Store too (D66): on both backends the table refuses UPDATE and DELETE
// (and PostgreSQL TRUNCATE) from any session, so a bug or a hand-written statement cannot rewrite who did what.
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";
import { escapeIdentifier, Pool } from "pg";
import { openPostgresStore } from "../src/store/postgres/postgres-store.ts";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { scratch } from "./support/cli.ts";
import { testSchemas } from "./support/postgres-schemas.ts";

const LINE = {
	actor: { name: "alice", channel: "api" },
	action: "user.create",
	target: "user--bob",
	summary: "created bob",
} as const;

describe("audit_log refuses change on SQLite", () => {
	const { dir, remove } = scratch("audit-append-only");
	after(remove);

	it("refuses UPDATE and DELETE from another connection, keeping the line", async () => {
		const path = join(dir, "entente.db");
		const store = await openSqliteStore({ path });
		await store.appendAudit(LINE);
		await store.close();
		const db = new DatabaseSync(path);
		try {
			assert.throws(() => db.exec("UPDATE audit_log SET actor = 'mallory'"), /append-only/);
			assert.throws(() => db.exec("DELETE FROM audit_log"), /append-only/);
			assert.deepEqual(
				db
					.prepare("SELECT actor FROM audit_log")
					.all()
					.map((row) => row.actor),
				["alice"],
			);
		} finally {
			db.close();
		}
	});
});

const url = process.env.ENTENTE_TEST_POSTGRES_URL;
describe("audit_log refuses change on PostgreSQL", {
	skip: url === undefined || url === "" ? "ENTENTE_TEST_POSTGRES_URL is not set" : false,
}, () => {
	it("refuses UPDATE, DELETE and TRUNCATE from another session, keeping the line", async () => {
		const schemas = testSchemas(url ?? "");
		const schema = schemas.fresh();
		const store = await openPostgresStore({ url: url ?? "", schema });
		const pool = new Pool({ connectionString: url, max: 1 });
		try {
			await store.appendAudit(LINE);
			const session = await pool.connect();
			try {
				await session.query(`SET search_path TO ${escapeIdentifier(schema)}`);
				for (const statement of [
					"UPDATE audit_log SET actor = 'mallory'",
					"DELETE FROM audit_log",
					"TRUNCATE audit_log",
				]) {
					await assert.rejects(session.query(statement), /append-only/, statement);
				}
				const { rows } = await session.query("SELECT actor FROM audit_log");
				assert.deepEqual(rows, [{ actor: "alice" }]);
			} finally {
				session.release();
			}
		} finally {
			await store.close();
			await pool.end();
			await schemas.end();
		}
	});
});
