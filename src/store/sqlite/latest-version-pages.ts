// Store.latestVersionPages on SQLite (D56's speed addendum): the latest versions of some types up to the commit
// horizon, read as ranges of the primary key or of the type index, with no probe of the version index per row.
import type { DatabaseSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { VERSION_COLUMNS } from "../rows.ts";
import type { LatestVersionsRequest, StoredVersion } from "../store.ts";
import { microsFormatter, requireMicros } from "../timestamps.ts";
import { requireLimit, selectedAs } from "./object-query.ts";

/** Store.latestVersionPages over `db`; `closed` is asked before each page. */
export type LatestVersionPages = (
	request: LatestVersionsRequest,
	closed: () => boolean,
) => AsyncGenerator<StoredVersion[]>;

/** Builds the reader over `db` (the reader connection). */
export function createLatestVersionPages(db: DatabaseSync): LatestVersionPages {
	// Older versions, known once before the scan: one pass over the (id_key, version) index finds the ids stored in
	// several versions, one probe each of those alone (an observable's statement is always its own latest, D31).
	const superseded = db.prepare(
		`SELECT o.date_added FROM objects o
		 WHERE o.id_key IN (SELECT id_key FROM objects GROUP BY id_key HAVING count(*) > 1)
		   AND NOT ${selectedAs("DESC")}`,
	);
	// Commits past the horizon (normally none): a primary-key range read again before each page.
	const committedAfter = db.prepare(
		"SELECT o.date_added, o.id_key FROM objects o WHERE o.date_added > ? ORDER BY o.date_added",
	);
	const stillLatest = db.prepare(
		`SELECT 1 AS yes FROM objects o WHERE o.date_added = ? AND ${selectedAs("DESC")}`,
	);
	const between = db.prepare(
		`SELECT ${VERSION_COLUMNS}, o.id_key FROM objects o
		 WHERE o.date_added > ? AND o.date_added <= ? ORDER BY o.date_added LIMIT ?`,
	);
	// Every entry of the type index ends with the rowid (date_added): one ordered range per type, no sort.
	const ofTypeBetween = db.prepare(
		`SELECT ${VERSION_COLUMNS}, o.id_key FROM objects o
		 WHERE o.type = ? AND o.date_added > ? AND o.date_added <= ? ORDER BY o.date_added LIMIT ?`,
	);
	// Rows as arrays: a million rows as objects of ten named properties cost a third more than the arrays.
	between.setReturnArrays(true);
	ofTypeBetween.setReturnArrays(true);

	/** Up to `take` rows after `after`, at or before `upTo`, of `types` (every type when undefined), by date_added. */
	const rowsAfter = (
		types: readonly string[] | undefined,
		after: number,
		upTo: number,
		take: number,
	): VersionRow[] => {
		if (types === undefined) return between.all(after, upTo, take) as unknown as VersionRow[];
		if (types.length === 1)
			return ofTypeBetween.all(types[0] as string, after, upTo, take) as unknown as VersionRow[];
		return types
			.flatMap((type) => ofTypeBetween.all(type, after, upTo, take) as unknown as VersionRow[])
			.sort((a, b) => a[0] - b[0])
			.slice(0, take);
	};

	return async function* latestVersionPages(request, closed) {
		requireLimit(request.pageSize);
		if (request.upTo === undefined) return;
		const upTo = requireMicros(request.upTo, "upTo");
		let after = request.addedAfter === undefined ? 0 : requireMicros(request.addedAfter, "added_after");
		const types = request.types === undefined ? undefined : [...new Set(request.types)];
		if (types?.length === 0) return;
		const replaced = new Set(superseded.all().map((row) => Number(row.date_added)));
		// Objects given a version after the horizon while the pages are read: their rows are probed as query would.
		const lateKeys = new Set<number>();
		let lateSeen = upTo;
		for (;;) {
			if (closed()) throw new AppError("E_STORE_CLOSED", "the store is closed");
			for (const row of committedAfter.all(lateSeen)) {
				lateKeys.add(Number(row.id_key));
				lateSeen = Number(row.date_added);
			}
			const rows = rowsAfter(types, after, upTo, request.pageSize);
			const format = microsFormatter();
			const page: StoredVersion[] = [];
			for (const row of rows) {
				const added = row[0];
				if (replaced.has(added)) continue;
				if (lateKeys.has(row[9]) && stillLatest.get(added) === undefined) continue;
				page.push(versionOf(row, format));
			}
			if (page.length > 0) yield page;
			const last = rows.at(-1);
			if (last === undefined || rows.length < request.pageSize) return;
			after = last[0];
		}
	};
}

/** A row of VERSION_COLUMNS and id_key, as an array (date_added and id_key are integers the store wrote). */
type VersionRow = [number, string, string, string, string, string, string, string | null, string, number];

/** The row as the latest StoredVersion it is (as rows.ts's toStoredVersion maps a row object). */
function versionOf(row: VersionRow, format: (micros: number) => string): StoredVersion {
	return {
		object: JSON.parse(row[8]) as StixObject,
		id: row[1],
		type: row[3],
		version: row[2],
		specVersion: row[4],
		dateAdded: format(row[0]),
		provenance: { organizationId: row[5], source: row[6] },
		flags: row[7] === null ? [] : (JSON.parse(row[7]) as string[]),
		latest: true,
	};
}
