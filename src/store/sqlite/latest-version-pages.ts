// Store.latestVersionPages and latestBodyPages on SQLite (D56's speed addenda): the latest versions of some types up
// to the commit horizon, read as ranges of the primary key or of the type index, with no probe of the version
// index per row; as version records, or as the bodies alone (the JSON text stored, no metadata column read).
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { VERSION_COLUMNS } from "../rows.ts";
import type { LatestVersionsRequest, StoredVersion } from "../store.ts";
import { microsFormatter, requireMicros } from "../timestamps.ts";
import { requireLimit, selectedAs } from "./object-query.ts";

/** Pages of the latest versions as `T`; `closed` is asked before each page. */
export type LatestPages<T> = (request: LatestVersionsRequest, closed: () => boolean) => AsyncGenerator<T[]>;

/** Store.latestVersionPages and Store.latestBodyPages over `db`. */
export interface LatestReads {
	versions: LatestPages<StoredVersion>;
	bodies: LatestPages<string>;
}

/** A row read as an array: date_added first, id_key last (integers the store wrote). */
type Row = readonly (string | number | null)[];

/** Builds both readers over `db` (the reader connection). */
export function createLatestReads(db: DatabaseSync): LatestReads {
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
	const guard: Guard = { superseded, committedAfter, stillLatest };
	const versionRows = rangeReader(db, `${VERSION_COLUMNS}, o.id_key`);
	const bodyRows = rangeReader(db, "o.date_added, o.body, o.id_key");
	return {
		versions: (request, closed) =>
			latestPages(guard, versionRows, request, closed, (row, format) => versionOf(row as VersionRow, format)),
		bodies: (request, closed) => latestPages(guard, bodyRows, request, closed, (row) => row[1] as string),
	};
}

/** The statements that leave out versions the latest pages must not hold. */
interface Guard {
	superseded: StatementSync;
	committedAfter: StatementSync;
	stillLatest: StatementSync;
}

/** Up to `take` rows after `after`, at or before `upTo`, of `types` (every type when undefined), by date_added. */
type RangeReader = (types: readonly string[] | undefined, after: number, upTo: number, take: number) => Row[];

function rangeReader(db: DatabaseSync, columns: string): RangeReader {
	const between = db.prepare(
		`SELECT ${columns} FROM objects o WHERE o.date_added > ? AND o.date_added <= ? ORDER BY o.date_added LIMIT ?`,
	);
	// Every entry of the type index ends with the rowid (date_added): one ordered range per type, no sort.
	const ofTypeBetween = db.prepare(
		`SELECT ${columns} FROM objects o
		 WHERE o.type = ? AND o.date_added > ? AND o.date_added <= ? ORDER BY o.date_added LIMIT ?`,
	);
	// Rows as arrays: a million rows as objects of ten named properties cost a third more than the arrays.
	between.setReturnArrays(true);
	ofTypeBetween.setReturnArrays(true);
	return (types, after, upTo, take) => {
		if (types === undefined) return between.all(after, upTo, take) as unknown as Row[];
		if (types.length === 1)
			return ofTypeBetween.all(types[0] as string, after, upTo, take) as unknown as Row[];
		return types
			.flatMap((type) => ofTypeBetween.all(type, after, upTo, take) as unknown as Row[])
			.sort((a, b) => (a[0] as number) - (b[0] as number))
			.slice(0, take);
	};
}

async function* latestPages<T>(
	guard: Guard,
	rowsAfter: RangeReader,
	request: LatestVersionsRequest,
	closed: () => boolean,
	itemOf: (row: Row, format: (micros: number) => string) => T,
): AsyncGenerator<T[]> {
	requireLimit(request.pageSize);
	if (request.upTo === undefined) return;
	const upTo = requireMicros(request.upTo, "upTo");
	let after = request.addedAfter === undefined ? 0 : requireMicros(request.addedAfter, "added_after");
	const types = request.types === undefined ? undefined : [...new Set(request.types)];
	if (types?.length === 0) return;
	const replaced = new Set(guard.superseded.all().map((row) => Number(row.date_added)));
	// Objects given a version after the horizon while the pages are read: their rows are probed as query would.
	const lateKeys = new Set<number>();
	let lateSeen = upTo;
	for (;;) {
		if (closed()) throw new AppError("E_STORE_CLOSED", "the store is closed");
		for (const row of guard.committedAfter.all(lateSeen)) {
			lateKeys.add(Number(row.id_key));
			lateSeen = Number(row.date_added);
		}
		const rows = rowsAfter(types, after, upTo, request.pageSize);
		const format = microsFormatter();
		const page: T[] = [];
		for (const row of rows) {
			const added = row[0] as number;
			if (replaced.has(added)) continue;
			if (lateKeys.has(row[row.length - 1] as number) && guard.stillLatest.get(added) === undefined) continue;
			page.push(itemOf(row, format));
		}
		if (page.length > 0) yield page;
		const last = rows.at(-1);
		if (last === undefined || rows.length < request.pageSize) return;
		after = last[0] as number;
	}
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
