// Backward references by referrer: the objects that name an id, a page of referrers at a time (`refs` table).
import { referrerPage, referrersToRead } from "../referrer-page.ts";
import { text } from "../rows.ts";
import type { ReferrerPage, ReferrerPageRequest } from "../store.ts";
import type { Sql } from "./connection.ts";

/** Reads `referrersOf` over `sql` (the pool: one statement, so one snapshot). */
export function createReferrerReader(sql: Sql): {
	referrersOf(toId: string, request: ReferrerPageRequest): Promise<ReferrerPage>;
} {
	return {
		async referrersOf(toId, request) {
			const take = referrersToRead(request);
			// The key is (to_id, kind, from_id): both halves read one range of to_id. Columns are COLLATE "C",
			// so `>` and the order are byte order, as in SQLite.
			const rows = await sql(
				`SELECT from_id, kind FROM refs
				 WHERE to_id = $1 AND from_id IN (
					SELECT DISTINCT from_id FROM refs WHERE to_id = $1 AND from_id > $2 ORDER BY from_id LIMIT $3)
				 ORDER BY from_id, kind`,
				[toId, request.after ?? "", take],
			);
			const references = rows.map((row) => ({ toId, kind: text(row, "kind"), fromId: text(row, "from_id") }));
			return referrerPage(references, request.limit);
		},
	};
}
