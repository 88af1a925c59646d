// Backward references (the `refs` table): which stored objects name an id, and through which property.
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Reference } from "../store.ts";

/** Ids and kinds per statement, well under SQLite's parameter limit. */
const CHUNK = 400;

/** Reads `refs` on the reader connection; statements are cached per shape. */
export function createReferenceReader(db: DatabaseSync): {
	referencesTo(ids: readonly string[], kinds: readonly string[]): Reference[];
} {
	const statements = new Map<string, StatementSync>();
	const prepared = (ids: number, kinds: number): StatementSync => {
		const key = `${ids}/${kinds}`;
		let statement = statements.get(key);
		if (statement === undefined) {
			statement = db.prepare(
				`SELECT to_id, kind, from_id FROM refs WHERE to_id IN (${"?,".repeat(ids).slice(0, -1)})
				 AND kind IN (${"?,".repeat(kinds).slice(0, -1)}) ORDER BY to_id, kind, from_id`,
			);
			statements.set(key, statement);
		}
		return statement;
	};
	return {
		referencesTo(ids, kinds) {
			const distinctIds = [...new Set(ids)];
			const distinctKinds = [...new Set(kinds)].slice(0, CHUNK);
			if (distinctIds.length === 0 || distinctKinds.length === 0) return [];
			const out: Reference[] = [];
			for (let start = 0; start < distinctIds.length; start += CHUNK) {
				const chunk = distinctIds.slice(start, start + CHUNK);
				for (const row of prepared(chunk.length, distinctKinds.length).all(...chunk, ...distinctKinds))
					out.push({ toId: String(row.to_id), kind: String(row.kind), fromId: String(row.from_id) });
			}
			const key = (r: Reference): string => `${r.toId}\u0000${r.kind}\u0000${r.fromId}`;
			return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
		},
	};
}
