// The warninglists table (D50): lists put whole by name, replaced when their content changes, with a revision
// that moves on every change so each process knows when to recompile its matcher.
import type { DatabaseSync } from "node:sqlite";
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

/** Writes on the writer connection (each its own transaction), reads on the reader. */
export function createWarninglists(
	writer: DatabaseSync,
	reader: DatabaseSync,
): {
	putWarninglist(list: WarninglistRecord, loadedAt: string): WarninglistPut;
	deleteWarninglist(name: string): boolean;
	listWarninglists(): WarninglistSummary[];
	getWarninglists(): StoredWarninglist[];
	warninglistRevision(): number;
} {
	const hashOf = writer.prepare("SELECT content_hash FROM warninglists WHERE name = ?");
	const upsert = writer.prepare(
		`INSERT INTO warninglists (name, version, description, type, matching_attributes, entries, entry_count, source,
		   loaded_at, content_hash)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (name) DO UPDATE SET version = excluded.version, description = excluded.description,
		   type = excluded.type, matching_attributes = excluded.matching_attributes, entries = excluded.entries,
		   entry_count = excluded.entry_count, source = excluded.source, loaded_at = excluded.loaded_at,
		   content_hash = excluded.content_hash`,
	);
	const remove = writer.prepare("DELETE FROM warninglists WHERE name = ?");
	const bump = writer.prepare("UPDATE warninglist_revision SET revision = revision + 1");
	const summaries = reader.prepare(`SELECT ${WARNINGLIST_SUMMARY_COLUMNS} FROM warninglists ORDER BY name`);
	const whole = reader.prepare(
		`SELECT ${WARNINGLIST_SUMMARY_COLUMNS}, entries FROM warninglists ORDER BY name`,
	);
	const revision = reader.prepare("SELECT revision FROM warninglist_revision");

	/** Runs `work` in one write transaction: the list and the revision change together or not at all. */
	const inTransaction = <T>(work: () => T): T => {
		writer.exec("BEGIN IMMEDIATE");
		try {
			const result = work();
			writer.exec("COMMIT");
			return result;
		} catch (error) {
			if (writer.isTransaction) writer.exec("ROLLBACK");
			throw error;
		}
	};

	return {
		putWarninglist(list, loadedAt) {
			const hash = warninglistContentHash(list);
			return inTransaction(() => {
				const before = hashOf.get(list.name)?.content_hash;
				if (before === hash) return "unchanged";
				upsert.run(
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
				);
				bump.run();
				return before === undefined ? "added" : "replaced";
			});
		},
		deleteWarninglist(name) {
			return inTransaction(() => {
				const removed = Number(remove.run(name).changes) > 0;
				if (removed) bump.run();
				return removed;
			});
		},
		listWarninglists() {
			return summaries.all().map(toWarninglistSummary);
		},
		getWarninglists() {
			return whole.all().map(toStoredWarninglist);
		},
		warninglistRevision() {
			return Number(revision.get()?.revision ?? 0);
		},
	};
}
