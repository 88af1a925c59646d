// Migration 9's backfill: the `refs` rows of every stored version, as the writer records them now (every reference property).
import type { DatabaseSync } from "node:sqlite";
import type { StixObject } from "../../stix/core.ts";
import { referencesOf } from "../encoded-version.ts";

/** Records the references of every stored version (INSERT OR IGNORE: rows already there stay once). */
export function backfillReferences(db: DatabaseSync): void {
	const insert = db.prepare("INSERT OR IGNORE INTO refs (to_id, kind, from_id) VALUES (?, ?, ?)");
	for (const row of db.prepare("SELECT id, body FROM objects").iterate()) {
		const id = String(row.id);
		for (const [to, kind] of referencesOf(JSON.parse(String(row.body)) as StixObject))
			insert.run(to, kind, id);
	}
}
