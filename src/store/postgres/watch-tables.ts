// The watch-list tables (D51, migration 12): entries, alerts with the matcher's cursor, webhooks and their queue.
// Every process of a deployment may run the matcher and the sender: the cursor row is the compare-and-set's lock,
// and deliveries are claimed with SKIP LOCKED under a lease, so no alert is recorded or sent twice by a race.
import type { Store } from "../store.ts";
import {
	ALERT_COLUMNS,
	DELIVERY_COLUMNS,
	toWatchAlert,
	toWatchEntry,
	toWebhook,
	toWebhookDelivery,
} from "../watch-rows.ts";
import type { Connection } from "./connection.ts";

export type WatchTables = Pick<
	Store,
	| "addWatchEntry"
	| "listWatchEntries"
	| "removeWatchEntry"
	| "watchCursor"
	| "recordWatchAlerts"
	| "listWatchAlerts"
	| "acknowledgeWatchAlert"
	| "putWebhook"
	| "getWebhook"
	| "removeWebhook"
	| "claimWebhookDeliveries"
	| "finishWebhookDelivery"
	| "listWebhookDeliveries"
>;

const DELIVERY_FROM = `${ALERT_COLUMNS}, ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN watch_alerts a ON a.id = d.alert_id`;

/** Ends recordWatchAlerts' transaction when the cursor moved; never leaves this module. */
class StaleCursor extends Error {}

/** The watch tables over the store's connection. */
export function createWatchTables({ sql, transaction }: Connection): WatchTables {
	return {
		async addWatchEntry(entry) {
			await sql(
				`INSERT INTO watch_entries (id, org_id, kind, value, label, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
				 ON CONFLICT (org_id, kind, value) DO NOTHING`,
				[
					entry.id,
					entry.organizationId,
					entry.kind,
					entry.value,
					entry.label,
					entry.createdAt,
					entry.createdBy,
				],
			);
			const [row] = await sql("SELECT * FROM watch_entries WHERE org_id = $1 AND kind = $2 AND value = $3", [
				entry.organizationId,
				entry.kind,
				entry.value,
			]);
			return row === undefined ? entry : toWatchEntry(row);
		},
		async listWatchEntries(organizationId) {
			const rows =
				organizationId === undefined
					? await sql("SELECT * FROM watch_entries ORDER BY seq")
					: await sql("SELECT * FROM watch_entries WHERE org_id = $1 ORDER BY seq", [organizationId]);
			return rows.map(toWatchEntry);
		},
		async removeWatchEntry(organizationId, id) {
			const rows = await sql("DELETE FROM watch_entries WHERE org_id = $1 AND id = $2 RETURNING id", [
				organizationId,
				id,
			]);
			return rows.length > 0;
		},
		async watchCursor() {
			const [row] = await sql("SELECT cursor FROM watch_cursor WHERE singleton = 1");
			return row?.cursor === null || row?.cursor === undefined ? undefined : String(row.cursor);
		},
		recordWatchAlerts(alerts, fromCursor, toCursor) {
			return transaction(async (tx) => {
				// The cursor row (made by the migration) is locked until COMMIT: of two processes recording the same
				// round, the second waits, then sees the moved cursor and records nothing.
				const [current] = await tx("SELECT cursor FROM watch_cursor WHERE singleton = 1 FOR UPDATE");
				const cursor =
					current?.cursor === null || current?.cursor === undefined ? undefined : String(current.cursor);
				if (cursor !== fromCursor) throw new StaleCursor();
				if (alerts.length > 0) {
					const column = (pick: (alert: (typeof alerts)[number]) => string) => alerts.map(pick);
					const added = await tx(
						`INSERT INTO watch_alerts (id, org_id, object_id, object_version, entry_id, entry_kind, entry_value, kind, value, path, at)
						 SELECT i, o, ob, v, e, ek, ev, k, va, p, at FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
						                      $8::text[], $9::text[], $10::text[], $11::text[]) WITH ORDINALITY AS t(i, o, ob, v, e, ek, ev, k, va, p, at, n)
						 ORDER BY n
						 ON CONFLICT (id) DO NOTHING RETURNING id`,
						[
							column((a) => a.id),
							column((a) => a.organizationId),
							column((a) => a.objectId),
							column((a) => a.objectVersion),
							column((a) => a.entryId),
							column((a) => a.entryKind),
							column((a) => a.entryValue),
							column((a) => a.kind),
							column((a) => a.value),
							column((a) => a.path),
							column((a) => a.at),
						],
					);
					if (added.length > 0) {
						await tx(
							`INSERT INTO webhook_deliveries (alert_id, org_id, state, attempts, next_attempt_at, created_at)
							 SELECT a.id, a.org_id, 'pending', 0, a.at, a.at FROM watch_alerts a JOIN webhooks w ON w.org_id = a.org_id
							 WHERE a.id = ANY($1::text[]) ORDER BY a.seq ON CONFLICT (alert_id) DO NOTHING`,
							[added.map((row) => String(row.id))],
						);
					}
				}
				await tx("UPDATE watch_cursor SET cursor = $1 WHERE singleton = 1", [toCursor]);
				return true;
			}).catch((error: unknown) => {
				if (error instanceof StaleCursor) return false;
				throw error;
			});
		},
		async listWatchAlerts(query) {
			const rows = await sql(
				`SELECT ${ALERT_COLUMNS} FROM watch_alerts a WHERE a.org_id = $1 AND a.seq < $2 ORDER BY a.seq DESC LIMIT $3`,
				[query.organizationId, query.beforeSeq ?? Number.MAX_SAFE_INTEGER, query.limit],
			);
			return rows.map(toWatchAlert);
		},
		async acknowledgeWatchAlert(organizationId, id, by, at) {
			const rows = await sql(
				`UPDATE watch_alerts SET acknowledged_at = coalesce(acknowledged_at, $1), acknowledged_by = coalesce(acknowledged_by, $2)
				 WHERE org_id = $3 AND id = $4 RETURNING id`,
				[at, by, organizationId, id],
			);
			return rows.length > 0;
		},
		async putWebhook(subscription) {
			await sql(
				`INSERT INTO webhooks (org_id, url, secret, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (org_id) DO UPDATE SET url = excluded.url, secret = excluded.secret,
				 created_at = excluded.created_at, created_by = excluded.created_by`,
				[
					subscription.organizationId,
					subscription.url,
					subscription.secret,
					subscription.createdAt,
					subscription.createdBy,
				],
			);
		},
		async getWebhook(organizationId) {
			const [row] = await sql("SELECT * FROM webhooks WHERE org_id = $1", [organizationId]);
			return row === undefined ? undefined : toWebhook(row);
		},
		removeWebhook(organizationId) {
			return transaction(async (tx) => {
				await tx("DELETE FROM webhook_deliveries WHERE org_id = $1", [organizationId]);
				const rows = await tx("DELETE FROM webhooks WHERE org_id = $1 RETURNING org_id", [organizationId]);
				return rows.length > 0;
			});
		},
		async claimWebhookDeliveries(now, leaseUntil, limit) {
			// One statement: SKIP LOCKED lets two processes claim disjoint rows at once.
			const claimed = await sql(
				`UPDATE webhook_deliveries SET next_attempt_at = $1
				 WHERE seq IN (SELECT seq FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= $2
				               ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED)
				 RETURNING seq`,
				[leaseUntil, now, limit],
			);
			if (claimed.length === 0) return [];
			const rows = await sql(`SELECT ${DELIVERY_FROM} WHERE d.seq = ANY($1::bigint[]) ORDER BY d.seq`, [
				claimed.map((row) => String(row.seq)),
			]);
			return rows.map(toWebhookDelivery);
		},
		async finishWebhookDelivery(seq, attempt) {
			if (attempt.outcome === "delivered") {
				await sql(
					`UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_attempt_at = $1,
					 last_status = $2, last_error = NULL, delivered_at = $1 WHERE seq = $3`,
					[attempt.at, attempt.status, seq],
				);
			} else if (attempt.outcome === "failed") {
				await sql(
					`UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $1, last_status = $2,
					 last_error = $3, next_attempt_at = $4 WHERE seq = $5 AND state = 'pending'`,
					[attempt.at, attempt.status ?? null, attempt.error, attempt.retryAt, seq],
				);
			} else if (attempt.outcome === "postponed") {
				await sql("UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE seq = $2 AND state = 'pending'", [
					attempt.retryAt,
					seq,
				]);
			} else {
				await sql("DELETE FROM webhook_deliveries WHERE seq = $1 AND state = 'pending'", [seq]);
			}
		},
		async listWebhookDeliveries(organizationId, limit) {
			const rows = await sql(`SELECT ${DELIVERY_FROM} WHERE d.org_id = $1 ORDER BY d.seq DESC LIMIT $2`, [
				organizationId,
				limit,
			]);
			return rows.map(toWebhookDelivery);
		},
	};
}
