// The warninglists table on PostgreSQL (D50): lists put whole by name, replaced when their content changes, with a
// revision that moves on every change so each process (on any machine) knows when to recompile its matcher.
import { integer } from "../rows.ts";
import type {
	StoredWarninglist,
	WarninglistPut,
	WarninglistRecord,
	WarninglistSummary,
} from "../warninglist-records.ts";
import {
	toStoredWarninglist,
	toWarninglistSummary,
	WARNINGLIST_SUMMARY_COLUMNS,
	warninglistContentHash,
} from "../warninglist-rows.ts";
import type { Connection } from "./connection.ts";

/** Writes each in one transaction; reads one statement each. */
export function createWarninglists({ sql, transaction }: Connection): {
	putWarninglist(list: WarninglistRecord, loadedAt: string): Promise<WarninglistPut>;
	deleteWarninglist(name: string): Promise<boolean>;
	listWarninglists(): Promise<WarninglistSummary[]>;
	getWarninglists(): Promise<StoredWarninglist[]>;
	warninglistRevision(): Promise<number>;
} {
	return {
		putWarninglist(list, loadedAt) {
			const hash = warninglistContentHash(list);
			return transaction(async (tx) => {
				// The revision row's lock orders two processes putting at once; the second then sees the first's hash.
				await tx("SELECT revision FROM warninglist_revision FOR UPDATE");
				const [before] = await tx("SELECT content_hash FROM warninglists WHERE name = $1", [list.name]);
				if (before?.content_hash === hash) return "unchanged";
				await tx(
					`INSERT INTO warninglists (name, version, description, type, matching_attributes, entries, entry_count,
					   source, loaded_at, content_hash)
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
					 ON CONFLICT (name) DO UPDATE SET version = excluded.version, description = excluded.description,
					   type = excluded.type, matching_attributes = excluded.matching_attributes, entries = excluded.entries,
					   entry_count = excluded.entry_count, source = excluded.source, loaded_at = excluded.loaded_at,
					   content_hash = excluded.content_hash`,
					[
						list.name,
						list.version,
						list.description,
						list.type,
						JSON.stringify(list.matchingAttributes),
						JSON.stringify(list.entries),
						list.entries.length,
						list.source,
						loadedAt,
						hash,
					],
				);
				await tx("UPDATE warninglist_revision SET revision = revision + 1");
				return before === undefined ? "added" : "replaced";
			});
		},
		deleteWarninglist(name) {
			return transaction(async (tx) => {
				await tx("SELECT revision FROM warninglist_revision FOR UPDATE");
				const removed = await tx("DELETE FROM warninglists WHERE name = $1 RETURNING name", [name]);
				if (removed.length > 0) await tx("UPDATE warninglist_revision SET revision = revision + 1");
				return removed.length > 0;
			});
		},
		async listWarninglists() {
			return (await sql(`SELECT ${WARNINGLIST_SUMMARY_COLUMNS} FROM warninglists ORDER BY name`)).map(
				toWarninglistSummary,
			);
		},
		async getWarninglists() {
			return (
				await sql(`SELECT ${WARNINGLIST_SUMMARY_COLUMNS}, entries FROM warninglists ORDER BY name`)
			).map(toStoredWarninglist);
		},
		async warninglistRevision() {
			const [row] = await sql("SELECT revision FROM warninglist_revision");
			return row === undefined ? 0 : integer(row, "revision");
		},
	};
}
