// The quarantine as reviewed (D65) on SQLite: refusals held beside the set-aside versions, pages, decisions, caps.
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import { fitBody, heldItemHash } from "../quarantine-bodies.ts";
import {
	type HeldItem,
	listRequestProblem,
	type QuarantineAction,
	type QuarantineDetail,
	type QuarantineItem,
	type QuarantineLimits,
	type QuarantineListRequest,
	type QuarantinePage,
} from "../quarantine-records.ts";
import { toQuarantineAction, toQuarantineItem } from "../rows.ts";

export interface QuarantineTables {
	holdItems(items: readonly HeldItem[], nowMicros: number): void;
	list(request: QuarantineListRequest): QuarantinePage;
	detail(seq: number): QuarantineDetail | undefined;
	decide(seq: number, action: QuarantineAction): QuarantineItem | undefined;
	/** Drops each bucket's oldest items beyond the limits. */
	evict(buckets: Iterable<string>): void;
}

const ITEM_COLUMNS = "seq, kind, state, id, version, received_at, reason, org_id, source, bytes, truncated";

export function createQuarantineTables(
	writer: DatabaseSync,
	reader: DatabaseSync,
	limits: QuarantineLimits,
): QuarantineTables {
	const insert = writer.prepare(
		`INSERT INTO quarantine (id, version, version_key, received_at, reason, content_hash, org_id, source, body,
			kind, bytes, truncated)
		 VALUES (?, '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, version_key, content_hash) DO NOTHING`,
	);
	const totals = writer.prepare(
		"SELECT count(*) AS n, coalesce(sum(bytes), 0) AS b FROM quarantine WHERE org_id = ?",
	);
	const oldest = writer.prepare("SELECT seq, bytes FROM quarantine WHERE org_id = ? ORDER BY seq");
	const dropThrough = writer.prepare("DELETE FROM quarantine WHERE org_id = ? AND seq <= ?");
	const selectDetail = reader.prepare("SELECT * FROM quarantine WHERE seq = ?");
	const selectActions = reader.prepare("SELECT * FROM quarantine_actions WHERE item = ? ORDER BY seq");
	const stateOf = writer.prepare("SELECT state FROM quarantine WHERE seq = ?");
	const setState = writer.prepare(
		`UPDATE quarantine SET state = ?2,
			body = CASE WHEN ?2 = 'rejected' THEN '' ELSE body END,
			bytes = CASE WHEN ?2 = 'rejected' THEN 0 ELSE bytes END
		 WHERE seq = ?1`,
	);
	const insertAction = writer.prepare(
		"INSERT INTO quarantine_actions (item, action, actor, at, note, state) VALUES (?, ?, ?, ?, ?, ?)",
	);
	const selectItem = writer.prepare(`SELECT ${ITEM_COLUMNS} FROM quarantine WHERE seq = ?`);

	const inTransaction = <T>(work: () => T): T => {
		writer.exec("BEGIN IMMEDIATE");
		try {
			const result = work();
			writer.exec("COMMIT");
			return result;
		} catch (error) {
			if (writer.isTransaction) writer.exec("ROLLBACK");
			throw error;
		}
	};

	const evictBucket = (bucket: string): void => {
		const total = totals.get(bucket);
		let count = Number(total?.n ?? 0);
		let bytes = Number(total?.b ?? 0);
		if (count <= limits.bucketItems && bytes <= limits.bucketBytes) return;
		let through: number | undefined;
		for (const row of oldest.iterate(bucket)) {
			if (count <= limits.bucketItems && bytes <= limits.bucketBytes) break;
			through = Number(row.seq);
			count -= 1;
			bytes -= Number(row.bytes);
		}
		if (through !== undefined) dropThrough.run(bucket, through);
	};

	return {
		holdItems(items, nowMicros) {
			if (items.length === 0) return;
			inTransaction(() => {
				for (const item of items) {
					const fitted = fitBody(item.body, limits.itemBytes);
					insert.run(
						item.objectId ?? "",
						nowMicros,
						item.reason,
						heldItemHash(item, fitted.body),
						item.organizationId,
						item.source,
						fitted.body,
						item.kind,
						fitted.bytes,
						fitted.truncated ? 1 : 0,
					);
				}
				for (const bucket of new Set(items.map((item) => item.organizationId))) evictBucket(bucket);
			});
		},
		list(request) {
			const problem = listRequestProblem(request);
			if (problem !== undefined) throw new AppError("E_STORE_QUERY_INVALID", problem);
			const where: string[] = [];
			const values: SQLInputValue[] = [];
			if (request.kinds !== undefined) {
				where.push(`kind IN (${request.kinds.map(() => "?").join(", ") || "NULL"})`);
				values.push(...request.kinds);
			}
			if (request.states !== undefined) {
				where.push(`state IN (${request.states.map(() => "?").join(", ") || "NULL"})`);
				values.push(...request.states);
			}
			if (request.source !== undefined) {
				where.push("(org_id = ? OR source = ?)");
				values.push(request.source, request.source);
			}
			if (request.after !== undefined) {
				where.push("seq < ?");
				values.push(request.after);
			}
			const rows = reader
				.prepare(
					`SELECT ${ITEM_COLUMNS} FROM quarantine ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
					 ORDER BY seq DESC LIMIT ?`,
				)
				.all(...values, request.limit + 1);
			const items = rows.slice(0, request.limit).map(toQuarantineItem);
			const last = items.at(-1);
			return rows.length > request.limit && last !== undefined ? { items, next: last.seq } : { items };
		},
		detail(seq) {
			const row = selectDetail.get(seq);
			if (row === undefined) return undefined;
			return {
				item: toQuarantineItem(row),
				body: String(row.body),
				actions: selectActions.all(seq).map(toQuarantineAction),
			};
		},
		decide(seq, action) {
			return inTransaction(() => {
				const state = stateOf.get(seq)?.state;
				if (state === undefined) return undefined;
				if (state !== "held") {
					throw new AppError("E_QUARANTINE_DECIDED", `quarantine item ${seq} was already ${String(state)}`, {
						details: { state },
					});
				}
				setState.run(seq, action.state);
				insertAction.run(seq, action.action, action.by, action.at, action.note, action.state);
				const row = selectItem.get(seq);
				return row === undefined ? undefined : toQuarantineItem(row);
			});
		},
		evict(buckets) {
			inTransaction(() => {
				for (const bucket of new Set(buckets)) evictBucket(bucket);
			});
		},
	};
}
