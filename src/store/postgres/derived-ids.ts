// Derived ids (D29): the new id of a transformed released copy → the stored object it was derived from.

import { text } from "../rows.ts";
import type { DerivedIdPair } from "../store.ts";
import type { Sql } from "./connection.ts";

/** Both over `sql` (the pool): each one statement. */
export function createDerivedIds(sql: Sql): {
	recordDerivedIds(pairs: readonly DerivedIdPair[]): Promise<void>;
	originalsOf(derivedId: string): Promise<string[]>;
} {
	return {
		async recordDerivedIds(pairs) {
			if (pairs.length === 0) return;
			// Two parallel arrays, one statement whatever the count; a known pair is skipped (idempotent).
			await sql(
				`INSERT INTO derived_ids (derived_id, original_id)
				 SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
				[pairs.map((p) => p.derivedId), pairs.map((p) => p.originalId)],
			);
		},
		async originalsOf(derivedId) {
			const rows = await sql(
				"SELECT original_id FROM derived_ids WHERE derived_id = $1 ORDER BY original_id",
				[derivedId],
			);
			return rows.map((row) => text(row, "original_id"));
		},
	};
}
