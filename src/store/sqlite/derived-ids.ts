// Derived ids (D29): the new id of a transformed released copy → the stored object it was derived from.
import type { DatabaseSync } from "node:sqlite";
import type { DerivedIdPair } from "../store.ts";

/** Writes on the writer connection, reads on the reader. */
export function createDerivedIds(
	writer: DatabaseSync,
	reader: DatabaseSync,
): {
	recordDerivedIds(pairs: readonly DerivedIdPair[]): void;
	originalsOf(derivedId: string): string[];
} {
	// Pairs as one JSON array: one statement whatever the count; a known pair is skipped (idempotent).
	const insert = writer.prepare(
		`INSERT OR IGNORE INTO derived_ids (derived_id, original_id)
		 SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`,
	);
	const select = reader.prepare(
		"SELECT original_id FROM derived_ids WHERE derived_id = ? ORDER BY original_id",
	);
	return {
		recordDerivedIds(pairs) {
			if (pairs.length === 0) return;
			insert.run(JSON.stringify(pairs.map((p) => [p.derivedId, p.originalId])));
		},
		originalsOf(derivedId) {
			return select.all(derivedId).map((row) => String(row.original_id));
		},
	};
}
