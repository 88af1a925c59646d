// The quarantine as reviewed (D65) on PostgreSQL: refusals held beside the set-aside versions, pages, decisions, caps.
import { AppError } from "../../errors/index.ts";
import { fitBody, heldItemHash } from "../quarantine-bodies.ts";
import { listRequestProblem, type QuarantineLimits } from "../quarantine-records.ts";
import { toQuarantineAction, toQuarantineItem } from "../rows.ts";
import type { Store } from "../store.ts";
import type { Connection, Sql } from "./connection.ts";

export type QuarantineTables = Pick<
	Store,
	"holdItems" | "listQuarantineItems" | "getQuarantineItem" | "decideQuarantineItem"
> & {
	/** Drops each bucket's oldest items beyond the limits. */
	evict(buckets: readonly string[]): Promise<void>;
};

const ITEM_COLUMNS = "seq, kind, state, id, version, received_at, reason, org_id, source, bytes, truncated";

/**
 * Every row of a bucket older than the newest ones that fit: the running count and bytes from the newest down
 * pass a limit at the cut, and stay past it below. A transaction-scoped advisory lock per bucket keeps two
 * processes from cutting one bucket at once.
 */
async function evictBucket(sql: Sql, bucket: string, limits: QuarantineLimits): Promise<void> {
	await sql("SELECT pg_advisory_xact_lock(hashtext('quarantine:' || $1))", [bucket]);
	await sql(
		`DELETE FROM quarantine WHERE org_id = $1 AND seq <= (
			SELECT max(seq) FROM (
				SELECT seq, count(*) OVER newest AS kept, sum(bytes) OVER newest AS kept_bytes
				FROM quarantine WHERE org_id = $1
				WINDOW newest AS (ORDER BY seq DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
			) running WHERE kept > $2 OR kept_bytes > $3)`,
		[bucket, limits.bucketItems, limits.bucketBytes],
	);
}

export function createQuarantineTables(
	{ sql, transaction }: Connection,
	limits: QuarantineLimits,
	nowMicros: () => number,
): QuarantineTables {
	return {
		holdItems: (items) =>
			items.length === 0
				? Promise.resolve()
				: transaction(async (tx) => {
						const fitted = items.map((item) => ({ item, ...fitBody(item.body, limits.itemBytes) }));
						await tx(
							`INSERT INTO quarantine (id, version, version_key, received_at, reason, content_hash, org_id,
								source, body, kind, bytes, truncated)
							 SELECT q.id, '', '', $1, q.reason, q.hash, q.org_id, q.source, q.body, q.kind, q.bytes, q.truncated
							 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
								$9::bigint[], $10::boolean[]) AS q (id, reason, hash, org_id, source, body, kind, bytes, truncated)
							 ON CONFLICT (id, version_key, content_hash) DO NOTHING`,
							[
								nowMicros(),
								fitted.map(({ item }) => item.objectId ?? ""),
								fitted.map(({ item }) => item.reason),
								fitted.map(({ item, body }) => heldItemHash(item, body)),
								fitted.map(({ item }) => item.organizationId),
								fitted.map(({ item }) => item.source),
								fitted.map(({ body }) => body),
								fitted.map(({ item }) => item.kind),
								fitted.map(({ bytes }) => bytes),
								fitted.map(({ truncated }) => truncated),
							],
						);
						for (const bucket of new Set(items.map((item) => item.organizationId)))
							await evictBucket(tx, bucket, limits);
					}),
		async listQuarantineItems(request) {
			const problem = listRequestProblem(request);
			if (problem !== undefined) throw new AppError("E_STORE_QUERY_INVALID", problem);
			const where: string[] = [];
			const values: unknown[] = [];
			const parameter = (value: unknown): string => {
				values.push(value);
				return `$${values.length}`;
			};
			if (request.kinds !== undefined) where.push(`kind = ANY(${parameter(request.kinds)}::text[])`);
			if (request.states !== undefined) where.push(`state = ANY(${parameter(request.states)}::text[])`);
			if (request.source !== undefined) {
				const source = parameter(request.source);
				where.push(`(org_id = ${source} OR source = ${source})`);
			}
			if (request.after !== undefined) where.push(`seq < ${parameter(request.after)}`);
			const rows = await sql(
				`SELECT ${ITEM_COLUMNS} FROM quarantine ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
				 ORDER BY seq DESC LIMIT ${parameter(request.limit + 1)}`,
				values,
			);
			const items = rows.slice(0, request.limit).map(toQuarantineItem);
			const last = items.at(-1);
			return rows.length > request.limit && last !== undefined ? { items, next: last.seq } : { items };
		},
		async getQuarantineItem(seq) {
			const [row] = await sql("SELECT * FROM quarantine WHERE seq = $1", [seq]);
			if (row === undefined) return undefined;
			const actions = await sql("SELECT * FROM quarantine_actions WHERE item = $1 ORDER BY seq", [seq]);
			return {
				item: toQuarantineItem(row),
				body: String(row.body),
				actions: actions.map(toQuarantineAction),
			};
		},
		decideQuarantineItem: (seq, action) =>
			transaction(async (tx) => {
				const [held] = await tx("SELECT state FROM quarantine WHERE seq = $1 FOR UPDATE", [seq]);
				if (held === undefined) return undefined;
				if (held.state !== "held") {
					throw new AppError(
						"E_QUARANTINE_DECIDED",
						`quarantine item ${seq} was already ${String(held.state)}`,
						{ details: { state: held.state } },
					);
				}
				const [row] = await tx(
					`UPDATE quarantine SET state = $2,
						body = CASE WHEN $2 = 'rejected' THEN '' ELSE body END,
						bytes = CASE WHEN $2 = 'rejected' THEN 0 ELSE bytes END
					 WHERE seq = $1 RETURNING ${ITEM_COLUMNS}`,
					[seq, action.state],
				);
				await tx(
					"INSERT INTO quarantine_actions (item, action, actor, at, note, state) VALUES ($1, $2, $3, $4, $5, $6)",
					[seq, action.action, action.by, action.at, action.note, action.state],
				);
				return row === undefined ? undefined : toQuarantineItem(row);
			}),
		evict: (buckets) =>
			buckets.length === 0
				? Promise.resolve()
				: transaction(async (tx) => {
						for (const bucket of [...new Set(buckets)].sort()) await evictBucket(tx, bucket, limits);
					}),
	};
}
