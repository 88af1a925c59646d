// Backward references (the `refs` table): which stored objects name an id, and through which property.
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Reference } from "../store.ts";

/** Reads `refs` on the reader connection. */
export function createReferenceReader(db: DatabaseSync): {
	referencesTo(ids: readonly string[], kinds: readonly string[]): Reference[];
} {
	// Ids and kinds as two JSON arrays, each pair one probe of the primary key (CROSS JOIN keeps that
	// order): about twice as fast as binding hundreds of parameters, and no chunks for long lists.
	const statement: StatementSync = db.prepare(
		`SELECT r.to_id, r.kind, r.from_id FROM json_each(?) i CROSS JOIN json_each(?) k
		 CROSS JOIN refs r ON r.to_id = i.value AND r.kind = k.value`,
	);
	return {
		referencesTo(ids, kinds) {
			const distinctIds = [...new Set(ids)];
			const distinctKinds = [...new Set(kinds)];
			if (distinctIds.length === 0 || distinctKinds.length === 0) return [];
			const out: Reference[] = [];
			for (const row of statement.all(JSON.stringify(distinctIds), JSON.stringify(distinctKinds)))
				out.push({ toId: String(row.to_id), kind: String(row.kind), fromId: String(row.from_id) });
			const key = (r: Reference): string => `${r.toId}\u0000${r.kind}\u0000${r.fromId}`;
			return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
		},
	};
}
