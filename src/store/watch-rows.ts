// Maps the watch-list tables' rows (D51) to their records: the one decoding SQLite and PostgreSQL share.
import { integer, type Row, text } from "./rows.ts";
import type { WatchAlertRecord, WatchEntry, WebhookDelivery, WebhookSubscription } from "./watch-records.ts";

/** The alert columns, prefixed `a.`, that `toWatchAlert` reads. */
export const ALERT_COLUMNS =
	"a.seq, a.id, a.org_id, a.object_id, a.object_version, a.entry_id, a.entry_kind, a.entry_value, a.kind, a.value, a.path, a.at, a.acknowledged_at, a.acknowledged_by";

/** The delivery columns `toWebhookDelivery` reads besides the alert's (`ALERT_COLUMNS`). */
export const DELIVERY_COLUMNS =
	"d.seq AS d_seq, d.state AS d_state, d.attempts AS d_attempts, d.next_attempt_at AS d_next, d.created_at AS d_created, d.last_attempt_at AS d_last_attempt, d.last_status AS d_last_status, d.last_error AS d_last_error, d.delivered_at AS d_delivered";

function optionalText(row: Row, column: string): string | undefined {
	const value = row[column];
	return value === null || value === undefined ? undefined : String(value);
}

export function toWatchEntry(row: Row): WatchEntry {
	return {
		id: text(row, "id"),
		organizationId: text(row, "org_id"),
		kind: text(row, "kind"),
		value: text(row, "value"),
		label: text(row, "label"),
		createdAt: text(row, "created_at"),
		createdBy: text(row, "created_by"),
	};
}

export function toWatchAlert(row: Row): WatchAlertRecord {
	const acknowledgedAt = optionalText(row, "acknowledged_at");
	const acknowledgedBy = optionalText(row, "acknowledged_by");
	return {
		seq: integer(row, "seq"),
		id: text(row, "id"),
		organizationId: text(row, "org_id"),
		objectId: text(row, "object_id"),
		objectVersion: text(row, "object_version"),
		entryId: text(row, "entry_id"),
		entryKind: text(row, "entry_kind"),
		entryValue: text(row, "entry_value"),
		kind: text(row, "kind"),
		value: text(row, "value"),
		path: text(row, "path"),
		at: text(row, "at"),
		...(acknowledgedAt === undefined ? {} : { acknowledgedAt }),
		...(acknowledgedBy === undefined ? {} : { acknowledgedBy }),
	};
}

export function toWebhook(row: Row): WebhookSubscription {
	return {
		organizationId: text(row, "org_id"),
		url: text(row, "url"),
		secret: text(row, "secret"),
		createdAt: text(row, "created_at"),
		createdBy: text(row, "created_by"),
	};
}

export function toWebhookDelivery(row: Row): WebhookDelivery {
	const lastAttemptAt = optionalText(row, "d_last_attempt");
	const lastError = optionalText(row, "d_last_error");
	const deliveredAt = optionalText(row, "d_delivered");
	const status = row.d_last_status;
	return {
		seq: integer(row, "d_seq"),
		organizationId: text(row, "org_id"),
		alert: toWatchAlert(row),
		state: text(row, "d_state") === "delivered" ? "delivered" : "pending",
		attempts: integer(row, "d_attempts"),
		nextAttemptAt: text(row, "d_next"),
		createdAt: text(row, "d_created"),
		...(lastAttemptAt === undefined ? {} : { lastAttemptAt }),
		...(status === null || status === undefined ? {} : { lastStatus: integer(row, "d_last_status") }),
		...(lastError === undefined ? {} : { lastError }),
		...(deliveredAt === undefined ? {} : { deliveredAt }),
	};
}
