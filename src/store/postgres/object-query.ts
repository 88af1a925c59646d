// The PostgreSQL read path for object versions: ObjectQuery filters and version selectors as parameterised SQL.
import { AppError } from "../../errors/index.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { integer, type Row, text, toStoredVersion, VERSION_COLUMNS } from "../rows.ts";
import type {
	BodyPage,
	BodyPageRequest,
	ObjectPage,
	ObjectQuery,
	Reference,
	StoredVersion,
	VersionSelector,
} from "../store.ts";
import { microsFormatter, requireMicros, versionKey } from "../timestamps.ts";
import type { Sql } from "./connection.ts";

/** Filters shared by query and count. */
type ObjectFilter = Omit<ObjectQuery, "limit" | "after">;

/**
 * The version "first" selects: one probe of the (id, version_key) index; an observable's statement (D31) is
 * its own first version. "last" is the `latest` column (true for every statement).
 */
const FIRST_VERSION =
	"(o.statement OR o.version_key = (SELECT min(m.version_key) FROM objects m WHERE m.id = o.id))";

/** Whether every selector is `last`: then every row is its object's latest by construction. */
const onlyLast = (selectors: readonly VersionSelector[]): boolean =>
	selectors.length > 0 && selectors.every((s) => s === "last");

/** The `latest` column for other selectors; nothing for `last` alone. */
const latestColumn = (selectors: readonly VersionSelector[]): string =>
	onlyLast(selectors) ? "" : ", o.latest";

/** Collects positional parameters while a statement is built. */
class Params {
	readonly values: unknown[] = [];
	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** The version selectors as one OR-ed condition over all versions of the object; undefined: every version. */
function selectorCondition(selectors: readonly VersionSelector[], params: Params): string | undefined {
	if (selectors.includes("all")) return undefined;
	const parts: string[] = [];
	if (selectors.includes("last")) parts.push("o.latest");
	if (selectors.includes("first")) parts.push(FIRST_VERSION);
	const exact = selectors.flatMap((s) => (typeof s === "object" ? [versionKey(s.modified)] : []));
	if (exact.length > 0) parts.push(`o.version_key = ANY(${params.add(exact)}::text[])`);
	return parts.length === 0 ? "false" : `(${parts.join(" OR ")})`;
}

/** Filters to a WHERE clause; an empty list matches nothing; `afterMicros` is exclusive. */
function compileFilter(filter: ObjectFilter, afterMicros: number | undefined, params: Params): string {
	const conditions: string[] = [];
	const lists: [string, readonly string[] | undefined][] = [
		["o.id", filter.ids],
		["o.type", filter.types],
		["o.spec_version", filter.specVersions],
		["o.org_id", filter.organizationIds],
	];
	for (const [column, values] of lists) {
		if (values === undefined) continue;
		if (values.length === 0) conditions.push("false");
		else if (values.length === 1) conditions.push(`${column} = ${params.add(values[0])}`);
		else conditions.push(`${column} = ANY(${params.add([...new Set(values)])}::text[])`);
	}
	if (afterMicros !== undefined) conditions.push(`o.date_added > ${params.add(afterMicros)}`);
	const selector = selectorCondition(filter.versions ?? ["last"], params);
	if (selector !== undefined) conditions.push(selector);
	return conditions.length === 0 ? "true" : conditions.join(" AND ");
}

/** Above this many types, one query with an ANY list beats a branch per type. */
const MAX_MERGED_TYPES = 16;

/** Reads object versions and references. */
export interface ObjectReader {
	query(query: ObjectQuery): Promise<ObjectPage>;
	latestBodies(page: BodyPageRequest): Promise<BodyPage>;
	readLatestBodies(
		request: { upTo: string | undefined; pageSize: number },
		onPage: (bodies: string[]) => void | Promise<void>,
	): Promise<number>;
	count(filter: ObjectFilter): Promise<number>;
	getVersions(id: string, versions: readonly VersionSelector[]): Promise<StoredVersion[]>;
	heldIds(ids: readonly string[]): Promise<Set<string>>;
	heldTypes(types: readonly string[]): Promise<Set<string>>;
	latestVersions(ids: readonly string[]): Promise<StoredVersion[]>;
	referencesTo(ids: readonly string[], kinds: readonly string[]): Promise<Reference[]>;
}

/** Builds the read path over `sql` (the pool: each read is one statement, so one snapshot). */
export function createObjectReader(sql: Sql): ObjectReader {
	const mapLatest = (rows: readonly Row[], last: boolean): StoredVersion[] => {
		const format = microsFormatter();
		return rows.map((row) => {
			const version = toStoredVersion(row, format);
			if (last) version.latest = true;
			return version;
		});
	};

	return {
		async query(query) {
			if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
				throw new AppError("E_STORE_QUERY_INVALID", `limit must be a positive integer, got ${query.limit}`);
			}
			const added =
				query.addedAfter === undefined ? undefined : requireMicros(query.addedAfter, "added_after");
			const cursor = query.after === undefined ? undefined : decodeCursor(query.after);
			const after = added === undefined ? cursor : cursor === undefined ? added : Math.max(added, cursor);
			const selectors = query.versions ?? ["last"];
			const params = new Params();
			const take = params.add(query.limit + 1);
			const select = (filter: ObjectFilter): string =>
				`SELECT ${VERSION_COLUMNS}${latestColumn(selectors)} FROM objects o WHERE ${compileFilter(filter, after, params)}
				 ORDER BY o.date_added LIMIT ${take}`;
			// Several types: each is one ordered range of (type, date_added), merged; as one IN list the planner
			// would read and sort every matching row for each page.
			const types = query.types === undefined ? [] : [...new Set(query.types)];
			const merged = types.length >= 2 && types.length <= MAX_MERGED_TYPES;
			const statement = merged
				? `${types.map((type) => `(${select({ ...query, types: [type] })})`).join(" UNION ALL ")}
				   ORDER BY date_added LIMIT ${take}`
				: select(query);
			const rows = await sql(statement, params.values);
			const more = rows.length > query.limit;
			const items = mapLatest(more ? rows.slice(0, query.limit) : rows, onlyLast(selectors));
			const lastRow = more ? rows[query.limit - 1] : undefined;
			if (lastRow === undefined) return { items, more: false };
			return { items, more: true, next: encodeCursor(integer(lastRow, "date_added")) };
		},
		async latestBodies(page) {
			if (!Number.isSafeInteger(page.limit) || page.limit < 1) {
				throw new AppError("E_STORE_QUERY_INVALID", `limit must be a positive integer, got ${page.limit}`);
			}
			const after = page.after === undefined ? undefined : decodeCursor(page.after);
			const params = new Params();
			const take = params.add(page.limit + 1);
			const where = compileFilter({ versions: ["last"] }, after, params);
			const rows = await sql(
				`SELECT o.date_added, o.body FROM objects o WHERE ${where} ORDER BY o.date_added LIMIT ${take}`,
				params.values,
			);
			const more = rows.length > page.limit;
			const bodies = (more ? rows.slice(0, page.limit) : rows).map((row) => text(row, "body"));
			const lastRow = more ? rows[page.limit - 1] : undefined;
			return lastRow === undefined
				? { bodies }
				: { bodies, next: encodeCursor(integer(lastRow, "date_added")) };
		},
		async readLatestBodies(request, onPage) {
			if (!Number.isSafeInteger(request.pageSize) || request.pageSize < 1)
				throw new AppError(
					"E_STORE_QUERY_INVALID",
					`pageSize must be a positive integer, got ${request.pageSize}`,
				);
			if (request.upTo === undefined) return 0;
			const upTo = requireMicros(request.upTo, "upTo");
			// The `latest` column is exact at every read: pages of latestBodies up to upTo, no probe per row to save.
			let read = 0;
			let after: number | undefined;
			for (;;) {
				const params = new Params();
				const take = params.add(request.pageSize);
				const where = compileFilter({ versions: ["last"] }, after, params);
				const rows = await sql(
					`SELECT o.date_added, o.body FROM objects o WHERE ${where} AND o.date_added <= ${params.add(upTo)} ORDER BY o.date_added LIMIT ${take}`,
					params.values,
				);
				if (rows.length > 0) await onPage(rows.map((row) => text(row, "body")));
				read += rows.length;
				const last = rows.at(-1);
				if (last === undefined || rows.length < request.pageSize) return read;
				after = integer(last, "date_added");
			}
		},
		async count(filter) {
			const added =
				filter.addedAfter === undefined ? undefined : requireMicros(filter.addedAfter, "added_after");
			const params = new Params();
			const where = compileFilter(filter, added, params);
			const [row] = await sql(`SELECT count(*) AS n FROM objects o WHERE ${where}`, params.values);
			return row === undefined ? 0 : integer(row, "n");
		},
		async getVersions(id, versions) {
			const params = new Params();
			const where = compileFilter({ ids: [id], versions }, undefined, params);
			const rows = await sql(
				`SELECT ${VERSION_COLUMNS}${latestColumn(versions)} FROM objects o WHERE ${where} ORDER BY o.version_key`,
				params.values,
			);
			return mapLatest(rows, onlyLast(versions));
		},
		async heldIds(ids) {
			if (ids.length === 0) return new Set();
			const rows = await sql("SELECT DISTINCT id FROM objects WHERE id = ANY($1::text[])", [
				[...new Set(ids)],
			]);
			return new Set(rows.map((row) => text(row, "id")));
		},
		async heldTypes(types) {
			if (types.length === 0) return new Set();
			const rows = await sql(
				`SELECT t.type FROM unnest($1::text[]) AS t(type)
				 WHERE EXISTS (SELECT 1 FROM objects o WHERE o.type = t.type)`,
				[[...new Set(types)]],
			);
			return new Set(rows.map((row) => text(row, "type")));
		},
		async latestVersions(ids) {
			if (ids.length === 0) return [];
			const rows = await sql(
				`SELECT ${VERSION_COLUMNS} FROM objects o WHERE o.latest AND o.id = ANY($1::text[])`,
				[[...new Set(ids)]],
			);
			return mapLatest(rows, true);
		},
		async referencesTo(ids, kinds) {
			const distinctIds = [...new Set(ids)];
			const distinctKinds = [...new Set(kinds)];
			if (distinctIds.length === 0 || distinctKinds.length === 0) return [];
			const rows = await sql(
				"SELECT to_id, kind, from_id FROM refs WHERE to_id = ANY($1::text[]) AND kind = ANY($2::text[])",
				[distinctIds, distinctKinds],
			);
			const out = rows.map((row) => ({
				toId: text(row, "to_id"),
				kind: text(row, "kind"),
				fromId: text(row, "from_id"),
			}));
			// The order the contract names (toId, kind, fromId), compared as JavaScript strings like every backend.
			const key = (r: Reference): string => `${r.toId}\u0000${r.kind}\u0000${r.fromId}`;
			return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
		},
	};
}
