// Applies pending PostgreSQL migrations on open: each in its own transaction, recorded in schema_migrations,
// with every process that opens the same schema at once waiting on one advisory lock.
import { escapeIdentifier } from "pg";
import { AppError } from "../../errors/index.ts";
import type { Connection } from "./connection.ts";
import type { Migration } from "./migrations.ts";

/** First key of the session advisory lock that serialises migrations; the second is the schema's hash. */
const MIGRATION_LOCK = 0x456e7465; // "Ente"

/**
 * Brings the schema up to the last migration. A failing migration is rolled back and raised as
 * E_STORE_MIGRATION naming it; a schema already past the newest known migration is refused.
 * @returns the versions applied now, in order.
 */
export async function applyMigrations(
	connection: Connection,
	migrations: readonly Migration[],
	appliedAt: string,
): Promise<number[]> {
	migrations.forEach((migration, index) => {
		const previous = migrations[index - 1];
		if (previous !== undefined && migration.version <= previous.version) {
			throw new AppError(
				"E_STORE_MIGRATION",
				`migration ${migration.version} (${migration.name}) is out of order`,
			);
		}
	});
	const client = await connection.pool.connect();
	const lockKey = [MIGRATION_LOCK, connection.schema ?? ""];
	try {
		// A session lock (not a transaction's): it spans the schema's creation and every migration's own transaction.
		await client.query("SELECT pg_advisory_lock($1, hashtext($2))", lockKey);
		if (connection.schema !== undefined) {
			await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(connection.schema)}`);
		}
		await client.query(
			"CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
		);
		const done = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
		const applied = new Set(done.rows.map((row) => row.version));
		const newest = Math.max(0, ...applied);
		const known = migrations.at(-1)?.version ?? 0;
		if (newest > known) {
			throw new AppError(
				"E_STORE_MIGRATION",
				`the database schema is at version ${newest}, newer than this build knows (${known}); upgrade Entente`,
				{ details: { version: newest, known } },
			);
		}
		const now: number[] = [];
		for (const migration of migrations) {
			if (applied.has(migration.version)) continue;
			try {
				await client.query("BEGIN");
				await client.query(migration.sql);
				await migration.run?.(client);
				await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
					migration.version,
					migration.name,
					appliedAt,
				]);
				await client.query("COMMIT");
				now.push(migration.version);
			} catch (error) {
				await client.query("ROLLBACK").catch(() => {});
				const reason = error instanceof Error ? error.message : String(error);
				throw new AppError(
					"E_STORE_MIGRATION",
					`migration ${migration.version} (${migration.name}) failed and was rolled back: ${reason}`,
					{ cause: error, details: { version: migration.version, name: migration.name } },
				);
			}
		}
		return now;
	} finally {
		await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", lockKey).catch(() => {});
		client.release();
	}
}
