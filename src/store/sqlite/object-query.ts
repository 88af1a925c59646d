// The read path for object versions: compiles ObjectQuery filters and version selectors to indexed SQL.
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { text, toStoredVersion, VERSION_COLUMNS } from "../rows.ts";
import type {
	BodyPage,
	BodyPageRequest,
	ObjectPage,
	ObjectQuery,
	StoredVersion,
	VersionSelector,
} from "../store.ts";
import { microsFormatter, requireMicros, versionKey } from "../timestamps.ts";
import { createKeyResolver } from "./object-keys.ts";

/** Filters shared by query and count. */
export type ObjectFilter = Omit<ObjectQuery, "limit" | "after">;

/** A WHERE clause over `objects o` and its positional parameters. */
export interface CompiledFilter {
	where: string;
	params: SQLInputValue[];
}

/** The version of the same object that "last" (DESC) or "first" (ASC) selects: one index probe. */
const extremeVersion = (order: "DESC" | "ASC"): string =>
	`(o.version_micros, o.version_extra) = (SELECT m.version_micros, m.version_extra FROM objects m
		WHERE m.id_key = o.id_key ORDER BY m.version_micros ${order}, m.version_extra ${order} LIMIT 1)`;

/**
 * "last" or "first": an observable's statement (D31) is its own first and last version, whatever other
 * contributors stated; any other row is compared with its object's extreme version.
 */
export const selectedAs = (order: "DESC" | "ASC"): string => `(o.statement = 1 OR ${extremeVersion(order)})`;

/**
 * Whether each row is its object's latest version: with only the `last` selector every row is, by
 * construction (no extra work on the default read); otherwise a 0/1 `latest` column, one index probe
 * per row (the same probe as the `last` selector).
 */
const latestColumn = (selectors: readonly VersionSelector[]): string =>
	selectors.length > 0 && selectors.every((s) => s === "last") ? "" : `, ${selectedAs("DESC")} AS latest`;
const onlyLast = (selectors: readonly VersionSelector[]): boolean => latestColumn(selectors) === "";

/**
 * Compiles the version selectors to one OR-ed condition, computed over all versions of the object:
 * "last"/"first" compare with the greatest/least version of the same id (one probe of the
 * (id_key, version_micros, version_extra) index; id_key is one-to-one with id). Returns undefined
 * when every version qualifies.
 */
function selectorCondition(
	selectors: readonly VersionSelector[],
	params: SQLInputValue[],
): string | undefined {
	if (selectors.includes("all")) return undefined;
	const parts: string[] = [];
	if (selectors.includes("last")) {
		parts.push(selectedAs("DESC"));
	}
	if (selectors.includes("first")) {
		parts.push(selectedAs("ASC"));
	}
	const exact = selectors.flatMap((s) => (typeof s === "object" ? [versionKey(s.modified)] : []));
	if (exact.length > 0) parts.push(inList("o.version_key", exact, params));
	return parts.length === 0 ? "0" : `(${parts.join(" OR ")})`;
}

/** `column = ?` for one value (so the planner sees an equality), a json_each list otherwise. */
function inList(column: string, values: readonly (string | number)[], params: SQLInputValue[]): string {
	if (values.length === 1) {
		params.push(values[0] as string | number);
		return `${column} = ?`;
	}
	params.push(JSON.stringify(values));
	return `${column} IN (SELECT value FROM json_each(?))`;
}

/**
 * Compiles filters to SQL. An empty list filter matches nothing; `afterMicros` (the later of
 * addedAfter and the page cursor) is exclusive. Ids are found through their keys (`keysOf`, see
 * object-keys.ts) and then compared exactly.
 */
export function compileFilter(
	filter: ObjectFilter,
	afterMicros: number | undefined,
	keysOf: (ids: readonly string[]) => number[],
): CompiledFilter {
	const params: SQLInputValue[] = [];
	const conditions: string[] = [];
	if (filter.ids !== undefined && filter.ids.length > 0) {
		const ids = [...new Set(filter.ids)];
		conditions.push(inList("o.id_key", [...new Set(keysOf(ids))], params));
	}
	const lists: [string, readonly string[] | undefined][] = [
		["o.id", filter.ids],
		["o.type", filter.types],
		["o.spec_version", filter.specVersions],
		["o.org_id", filter.organizationIds],
	];
	for (const [column, values] of lists) {
		if (values === undefined) continue;
		conditions.push(values.length === 0 ? "0" : inList(column, values, params));
	}
	if (afterMicros !== undefined) {
		conditions.push("o.date_added > ?");
		params.push(afterMicros);
	}
	const selector = selectorCondition(filter.versions ?? ["last"], params);
	if (selector !== undefined) conditions.push(selector);
	return { where: conditions.length === 0 ? "1" : conditions.join(" AND "), params };
}

/** Above this many types, one query with an IN list beats one query per type. */
const MAX_MERGED_TYPES = 16;

/** Reads object versions on the reader connection, caching one prepared statement per SQL shape. */
export interface ObjectReader {
	query(query: ObjectQuery): ObjectPage;
	latestBodies(page: BodyPageRequest): BodyPage;
	/** Store.readLatestBodies; `closed` is asked between pages (a store closed mid-read refuses the next). */
	readLatestBodies(
		request: { upTo: string | undefined; pageSize: number },
		onPage: (bodies: string[]) => void | Promise<void>,
		closed: () => boolean,
	): Promise<number>;
	count(filter: ObjectFilter): number;
	getVersions(id: string, versions: readonly VersionSelector[]): StoredVersion[];
	heldIds(ids: readonly string[]): Set<string>;
	heldTypes(types: readonly string[]): Set<string>;
	latestVersions(ids: readonly string[]): StoredVersion[];
}

/** Builds the read path over `db`. */
export function createObjectReader(db: DatabaseSync): ObjectReader {
	const { keysOf } = createKeyResolver(db);
	const statements = new Map<string, StatementSync>();
	const anyOfType = db.prepare("SELECT 1 FROM objects WHERE type = ? LIMIT 1");
	// One primary-key probe per key, the latest version picked by the same probe "last" uses; no sort.
	const latestAtKeys = db.prepare(
		`SELECT ${VERSION_COLUMNS} FROM json_each(?) k CROSS JOIN objects o ON o.id_key = k.value
		 WHERE ${selectedAs("DESC")}`,
	);
	// Keys first (an integer index probe each; a miss reads no row), then the ids exactly.
	const idsAtKeys = db.prepare(
		"SELECT o.id FROM objects o WHERE o.id_key IN (SELECT value FROM json_each(?))",
	);
	// Ids stored in several versions, by one pass over the (id_key, version) index (grouping needs no sort there);
	// then, for those alone, the versions that are not their object's latest (an observable's statement always is).
	const superseded = db.prepare(
		`SELECT o.date_added FROM objects o
		 WHERE o.id_key IN (SELECT id_key FROM objects GROUP BY id_key HAVING count(*) > 1)
		   AND NOT ${selectedAs("DESC")}`,
	);
	const bodiesBetween = db.prepare(
		"SELECT o.date_added, o.body FROM objects o WHERE o.date_added > ? AND o.date_added <= ? ORDER BY o.date_added LIMIT ?",
	);
	const prepared = (sql: string): StatementSync => {
		let statement = statements.get(sql);
		if (statement === undefined) {
			statement = db.prepare(sql);
			statements.set(sql, statement);
		}
		return statement;
	};

	/** Up to `take` rows after `after` in date_added order; date_added is unique, so it is a total order. */
	const fetchRows = (filter: ObjectFilter, after: number | undefined, take: number) => {
		const { where, params } = compileFilter(filter, after, keysOf);
		const latest = latestColumn(filter.versions ?? ["last"]);
		const sql = `SELECT ${VERSION_COLUMNS}${latest} FROM objects o WHERE ${where} ORDER BY o.date_added LIMIT ?`;
		return prepared(sql).all(...params, take);
	};

	/**
	 * SQLite cannot merge several ranges of the type index in rowid order: it would sort every
	 * matching row (or scan the table). A few types are read as one indexed range each and merged here.
	 */
	const pageRows = (filter: ObjectFilter, after: number | undefined, take: number) => {
		const types = filter.types === undefined ? [] : [...new Set(filter.types)];
		if (types.length < 2 || types.length > MAX_MERGED_TYPES) return fetchRows(filter, after, take);
		return types
			.flatMap((type) => fetchRows({ ...filter, types: [type] }, after, take))
			.sort((a, b) => Number(a.date_added) - Number(b.date_added))
			.slice(0, take);
	};

	return {
		query(query) {
			requireLimit(query.limit);
			const added =
				query.addedAfter === undefined ? undefined : requireMicros(query.addedAfter, "added_after");
			const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
			const after = added === undefined ? cursor : cursor === undefined ? added : Math.max(added, cursor);
			const rows = pageRows(query, after, query.limit + 1);
			const more = rows.length > query.limit;
			const format = microsFormatter();
			const last = onlyLast(query.versions ?? ["last"]);
			const page = (more ? rows.slice(0, query.limit) : rows).map((row) => {
				const version = toStoredVersion(row, format);
				if (last) version.latest = true;
				return version;
			});
			const lastRow = more ? rows[query.limit - 1] : undefined;
			if (lastRow === undefined) return { items: page, more: false };
			return { items: page, more: true, next: encodeCursor(Number(lastRow.date_added)) };
		},
		latestBodies(page) {
			requireLimit(page.limit);
			const after = page.after === undefined ? undefined : decodeCursor(page.after);
			const { where, params } = compileFilter({ versions: ["last"] }, after, keysOf);
			const rows = prepared(
				`SELECT o.date_added, o.body FROM objects o WHERE ${where} ORDER BY o.date_added LIMIT ?`,
			).all(...params, page.limit + 1);
			const more = rows.length > page.limit;
			const bodies = (more ? rows.slice(0, page.limit) : rows).map((row) => text(row, "body"));
			const lastRow = more ? rows[page.limit - 1] : undefined;
			return lastRow === undefined ? { bodies } : { bodies, next: encodeCursor(Number(lastRow.date_added)) };
		},
		async readLatestBodies(request, onPage, closed) {
			requireLimit(request.pageSize);
			if (request.upTo === undefined) return 0;
			const upTo = requireMicros(request.upTo, "upTo");
			// Known once, before the scan: a version committed later is past upTo, left to the commit log's follower.
			const replaced = new Set(superseded.all().map((row) => Number(row.date_added)));
			let after = 0;
			let read = 0;
			for (;;) {
				if (closed()) throw new AppError("E_STORE_CLOSED", "the store is closed");
				const rows = bodiesBetween.all(after, upTo, request.pageSize);
				const bodies: string[] = [];
				for (const row of rows) if (!replaced.has(Number(row.date_added))) bodies.push(text(row, "body"));
				if (bodies.length > 0) await onPage(bodies);
				read += bodies.length;
				const last = rows.at(-1);
				if (last === undefined || rows.length < request.pageSize) return read;
				after = Number(last.date_added);
			}
		},
		count(filter) {
			const added =
				filter.addedAfter === undefined ? undefined : requireMicros(filter.addedAfter, "added_after");
			const { where, params } = compileFilter(filter, added, keysOf);
			const row = prepared(`SELECT count(*) AS n FROM objects o WHERE ${where}`).get(...params);
			return Number(row?.n ?? 0);
		},
		heldIds(ids) {
			const held = new Set<string>();
			if (ids.length === 0) return held;
			const wanted = new Set(ids);
			for (const row of idsAtKeys.all(JSON.stringify(keysOf([...wanted])))) {
				const id = String(row.id);
				if (wanted.has(id)) held.add(id);
			}
			return held;
		},
		latestVersions(ids) {
			if (ids.length === 0) return [];
			const wanted = new Set(ids);
			const format = microsFormatter();
			const out: StoredVersion[] = [];
			for (const row of latestAtKeys.all(JSON.stringify([...new Set(keysOf([...wanted]))]))) {
				if (!wanted.has(String(row.id))) continue;
				const version = toStoredVersion(row, format);
				version.latest = true;
				out.push(version);
			}
			return out;
		},
		heldTypes(types) {
			return new Set(types.filter((type) => anyOfType.get(type) !== undefined));
		},
		getVersions(id, versions) {
			const { where, params } = compileFilter({ ids: [id], versions }, undefined, keysOf);
			const sql = `SELECT ${VERSION_COLUMNS}${latestColumn(versions)} FROM objects o WHERE ${where} ORDER BY o.version_micros, o.version_extra`;
			const format = microsFormatter();
			const last = onlyLast(versions);
			return prepared(sql)
				.all(...params)
				.map((row) => {
					const version = toStoredVersion(row, format);
					if (last) version.latest = true;
					return version;
				});
		},
	};
}

export function requireLimit(limit: number): void {
	if (!Number.isSafeInteger(limit) || limit < 1) {
		throw new AppError("E_STORE_QUERY_INVALID", `limit must be a positive integer, got ${limit}`);
	}
}
