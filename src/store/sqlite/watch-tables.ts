// The watch-list tables (D51, migration 14): entries, alerts with the matcher's cursor, webhooks and their queue.
import type { DatabaseSync } from "node:sqlite";
import type { Store } from "../store.ts";
import {
	ALERT_COLUMNS,
	DELIVERY_COLUMNS,
	toWatchAlert,
	toWatchEntry,
	toWebhook,
	toWebhookDelivery,
} from "../watch-rows.ts";

type Sync<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
type WatchMethods = Pick<
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
/** The watch methods of the Store, synchronous (the SQLite store wraps them). */
export type WatchTables = { [K in keyof WatchMethods]: Sync<WatchMethods[K]> };

/** Writes on the writer connection, reads on the reader; the cursor's compare-and-set reads on the writer. */
export function createWatchTables(writer: DatabaseSync, reader: DatabaseSync): WatchTables {
	const insertEntry = writer.prepare(
		`INSERT INTO watch_entries (id, org_id, kind, value, label, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (org_id, kind, value) DO NOTHING`,
	);
	const entryOf = writer.prepare("SELECT * FROM watch_entries WHERE org_id = ? AND kind = ? AND value = ?");
	const entriesOf = reader.prepare("SELECT * FROM watch_entries WHERE org_id = ? ORDER BY rowid");
	const allEntries = reader.prepare("SELECT * FROM watch_entries ORDER BY rowid");
	const deleteEntry = writer.prepare("DELETE FROM watch_entries WHERE org_id = ? AND id = ?");
	const readCursor = writer.prepare("SELECT cursor FROM watch_cursor WHERE singleton = 1");
	const writeCursor = writer.prepare(
		"INSERT INTO watch_cursor (singleton, cursor) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET cursor = excluded.cursor",
	);
	const insertAlert = writer.prepare(
		`INSERT INTO watch_alerts (id, org_id, object_id, object_version, entry_id, entry_kind, entry_value, kind, value, path, at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
	);
	const queueDelivery = writer.prepare(
		`INSERT INTO webhook_deliveries (alert_id, org_id, state, attempts, next_attempt_at, created_at)
		 SELECT ?, org_id, 'pending', 0, ?, ? FROM webhooks WHERE org_id = ? ON CONFLICT (alert_id) DO NOTHING`,
	);
	const alertsOf = reader.prepare(
		`SELECT ${ALERT_COLUMNS} FROM watch_alerts a WHERE a.org_id = ? AND a.seq < ? ORDER BY a.seq DESC LIMIT ?`,
	);
	const acknowledge = writer.prepare(
		`UPDATE watch_alerts SET acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by = coalesce(acknowledged_by, ?)
		 WHERE org_id = ? AND id = ? RETURNING id`,
	);
	const upsertWebhook = writer.prepare(
		`INSERT INTO webhooks (org_id, url, secret, created_at, created_by) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (org_id) DO UPDATE SET url = excluded.url, secret = excluded.secret,
		 created_at = excluded.created_at, created_by = excluded.created_by`,
	);
	const webhookOf = reader.prepare("SELECT * FROM webhooks WHERE org_id = ?");
	const deleteWebhook = writer.prepare("DELETE FROM webhooks WHERE org_id = ? RETURNING org_id");
	const deleteDeliveries = writer.prepare("DELETE FROM webhook_deliveries WHERE org_id = ?");
	const claim = writer.prepare(
		`UPDATE webhook_deliveries SET next_attempt_at = ?
		 WHERE seq IN (SELECT seq FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?)
		 RETURNING seq`,
	);
	const deliveryColumns = `${ALERT_COLUMNS}, ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN watch_alerts a ON a.id = d.alert_id`;
	const claimedDelivery = writer.prepare(`SELECT ${deliveryColumns} WHERE d.seq = ?`);
	const delivered = writer.prepare(
		`UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_attempt_at = ?, last_status = ?,
		 last_error = NULL, delivered_at = ? WHERE seq = ?`,
	);
	const failed = writer.prepare(
		`UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?,
		 next_attempt_at = ? WHERE seq = ? AND state = 'pending'`,
	);
	const postpone = writer.prepare(
		"UPDATE webhook_deliveries SET next_attempt_at = ? WHERE seq = ? AND state = 'pending'",
	);
	const withhold = writer.prepare("DELETE FROM webhook_deliveries WHERE seq = ? AND state = 'pending'");
	const deliveriesOf = reader.prepare(
		`SELECT ${deliveryColumns} WHERE d.org_id = ? ORDER BY d.seq DESC LIMIT ?`,
	);

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

	return {
		addWatchEntry(entry) {
			insertEntry.run(
				entry.id,
				entry.organizationId,
				entry.kind,
				entry.value,
				entry.label,
				entry.createdAt,
				entry.createdBy,
			);
			const row = entryOf.get(entry.organizationId, entry.kind, entry.value);
			return row === undefined ? entry : toWatchEntry(row);
		},
		listWatchEntries(organizationId) {
			return (organizationId === undefined ? allEntries.all() : entriesOf.all(organizationId)).map(
				toWatchEntry,
			);
		},
		removeWatchEntry(organizationId, id) {
			return Number(deleteEntry.run(organizationId, id).changes) > 0;
		},
		watchCursor() {
			const cursor = readCursor.get()?.cursor;
			return cursor === undefined ? undefined : String(cursor);
		},
		recordWatchAlerts(alerts, fromCursor, toCursor) {
			return inTransaction(() => {
				const current = readCursor.get()?.cursor;
				if ((current === undefined ? undefined : String(current)) !== fromCursor) return false;
				for (const alert of alerts) {
					const added = insertAlert.get(
						alert.id,
						alert.organizationId,
						alert.objectId,
						alert.objectVersion,
						alert.entryId,
						alert.entryKind,
						alert.entryValue,
						alert.kind,
						alert.value,
						alert.path,
						alert.at,
					);
					if (added !== undefined) queueDelivery.run(alert.id, alert.at, alert.at, alert.organizationId);
				}
				writeCursor.run(toCursor);
				return true;
			});
		},
		listWatchAlerts(query) {
			return alertsOf
				.all(query.organizationId, query.beforeSeq ?? Number.MAX_SAFE_INTEGER, query.limit)
				.map(toWatchAlert);
		},
		acknowledgeWatchAlert(organizationId, id, by, at) {
			return acknowledge.get(at, by, organizationId, id) !== undefined;
		},
		putWebhook(subscription) {
			upsertWebhook.run(
				subscription.organizationId,
				subscription.url,
				subscription.secret,
				subscription.createdAt,
				subscription.createdBy,
			);
		},
		getWebhook(organizationId) {
			const row = webhookOf.get(organizationId);
			return row === undefined ? undefined : toWebhook(row);
		},
		removeWebhook(organizationId) {
			return inTransaction(() => {
				deleteDeliveries.run(organizationId);
				return deleteWebhook.get(organizationId) !== undefined;
			});
		},
		claimWebhookDeliveries(now, leaseUntil, limit) {
			return inTransaction(() =>
				claim
					.all(leaseUntil, now, limit)
					.map((row) => claimedDelivery.get(Number(row.seq)))
					.filter((row) => row !== undefined)
					.map(toWebhookDelivery)
					.sort((a, b) => a.seq - b.seq),
			);
		},
		finishWebhookDelivery(seq, attempt) {
			if (attempt.outcome === "delivered") delivered.run(attempt.at, attempt.status, attempt.at, seq);
			else if (attempt.outcome === "failed")
				failed.run(attempt.at, attempt.status ?? null, attempt.error, attempt.retryAt, seq);
			else if (attempt.outcome === "postponed") postpone.run(attempt.retryAt, seq);
			else withhold.run(seq);
		},
		listWebhookDeliveries(organizationId, limit) {
			return deliveriesOf.all(organizationId, limit).map(toWebhookDelivery);
		},
	};
}
