// Applies pending schema migrations on open: each in its own transaction, recorded in schema_migrations.
import type { DatabaseSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import type { Migration } from "./migrations.ts";

/**
 * Brings the database up to the last migration. A failing migration is rolled back and raised as
 * E_STORE_MIGRATION naming it; a database already past the newest known migration is refused.
 * Safe against a second process migrating at the same time (each step re-checks under the write lock).
 * @returns the versions applied now, in order.
 */
export function applyMigrations(
	db: DatabaseSync,
	migrations: readonly Migration[],
	appliedAt: string,
): number[] {
	migrations.forEach((migration, index) => {
		const previous = migrations[index - 1];
		if (previous !== undefined && migration.version <= previous.version) {
			throw new AppError(
				"E_STORE_MIGRATION",
				`migration ${migration.version} (${migration.name}) is out of order`,
			);
		}
	});
	db.exec(
		"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
	);
	const newest = db.prepare("SELECT max(version) AS version FROM schema_migrations").get()?.version;
	const known = migrations.at(-1)?.version ?? 0;
	if (typeof newest === "number" && newest > known) {
		throw new AppError(
			"E_STORE_MIGRATION",
			`the database schema is at version ${newest}, newer than this build knows (${known}); upgrade Entente`,
			{ details: { version: newest, known } },
		);
	}
	const isApplied = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
	const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
	const applied: number[] = [];
	for (const migration of migrations) {
		if (isApplied.get(migration.version) !== undefined) continue;
		try {
			db.exec("BEGIN IMMEDIATE");
			if (isApplied.get(migration.version) === undefined) {
				db.exec(migration.sql);
				migration.run?.(db);
				record.run(migration.version, migration.name, appliedAt);
				applied.push(migration.version);
			}
			db.exec("COMMIT");
		} catch (error) {
			if (db.isTransaction) db.exec("ROLLBACK");
			const reason = error instanceof Error ? error.message : String(error);
			throw new AppError(
				"E_STORE_MIGRATION",
				`migration ${migration.version} (${migration.name}) failed and was rolled back: ${reason}`,
				{ cause: error, details: { version: migration.version, name: migration.name } },
			);
		}
	}
	return applied;
}
