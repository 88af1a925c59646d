// The audit trail's rows as records, and its query as SQL conditions: shared by both backends (D66).
import { AppError } from "../errors/index.ts";
import {
	type AuditAction,
	type AuditEntry,
	type AuditQuery,
	type NewAuditEntry,
	policyActorOf,
} from "./audit-records.ts";
import { integer, type Row, text } from "./rows.ts";
import { formatMicros, parseMicros } from "./timestamps.ts";

/** The most lines one read answers. */
export const AUDIT_PAGE_MAX = 1000;

/** The column values of a new line, in the INSERT's order (after `at_micros`). */
export function auditValues(entry: NewAuditEntry): (string | null)[] {
	return [
		entry.actor.name,
		entry.actor.id ?? null,
		entry.actor.organizationId ?? null,
		entry.actor.channel,
		entry.action,
		entry.target,
		entry.summary,
		entry.details === undefined ? null : JSON.stringify(entry.details),
	];
}

export const AUDIT_INSERT_COLUMNS =
	"at_micros, actor, actor_id, org_id, channel, action, target, summary, details";

/** An `audit_log` row. */
export function toAuditEntry(row: Row): AuditEntry {
	const actorId = row.actor_id;
	const organizationId = row.org_id;
	const details = row.details;
	return {
		seq: integer(row, "seq"),
		at: formatMicros(integer(row, "at_micros")),
		actor: {
			name: text(row, "actor"),
			...(typeof actorId === "string" ? { id: actorId } : {}),
			...(typeof organizationId === "string" ? { organizationId } : {}),
			channel: text(row, "channel"),
		},
		action: text(row, "action") as AuditAction,
		target: text(row, "target"),
		summary: text(row, "summary"),
		...(typeof details === "string" ? { details: JSON.parse(details) as Record<string, unknown> } : {}),
	};
}

/**
 * The WHERE conditions and values of `query`, with `param(n)` writing the n-th placeholder (`?` or `$n`) and
 * `like` the case-insensitive LIKE of the backend. Conditions lean on the indexes (actor, action, target, time).
 */
export function auditConditions(
	query: AuditQuery,
	param: (n: number) => string,
	like: string,
): { where: string; values: (string | number)[]; limit: string } {
	if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > AUDIT_PAGE_MAX) {
		throw new AppError("E_STORE_QUERY_INVALID", `an audit page is 1 to ${AUDIT_PAGE_MAX} lines`);
	}
	const conditions: string[] = [];
	const values: (string | number)[] = [];
	const add = (sql: (p: string) => string, value: string | number): void => {
		values.push(value);
		conditions.push(sql(param(values.length)));
	};
	// A user's id or a name, each on its own index (seq-ordered, so a page stops early); an OR of both sorted.
	if (query.actor !== undefined) {
		const column = query.actor.startsWith("user--") ? "actor_id" : "actor";
		add((p) => `${column} = ${p}`, query.actor);
	}
	if (query.action !== undefined) {
		if (query.action.includes(".")) add((p) => `action = ${p}`, query.action);
		else add((p) => `action ${like} ${p} ESCAPE '\\'`, `${escapeLike(query.action)}.%`);
	}
	if (query.target !== undefined) add((p) => `target = ${p}`, query.target);
	if (query.text !== undefined && query.text.trim() !== "") {
		add(
			(p) => `(actor || ' ' || action || ' ' || target || ' ' || summary) ${like} ${p} ESCAPE '\\'`,
			`%${escapeLike(query.text.trim())}%`,
		);
	}
	if (query.sinceMicros !== undefined) add((p) => `at_micros >= ${p}`, query.sinceMicros);
	if (query.untilMicros !== undefined) add((p) => `at_micros < ${p}`, query.untilMicros);
	if (query.beforeSeq !== undefined) add((p) => `seq < ${p}`, query.beforeSeq);
	values.push(query.limit);
	return {
		where: conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`,
		values,
		limit: param(values.length),
	};
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The line a policy put records: who applied which version. */
export function policyApplied(appliedBy: string, version: number): NewAuditEntry {
	return {
		actor: policyActorOf(appliedBy),
		action: "policy.apply",
		target: `policy:${version}`,
		summary: `applied policy version ${version}`,
		details: { version },
	};
}

/**
 * Microseconds of an audit filter's time: RFC 3339, or a date meaning its midnight UTC; undefined when neither.
 * @example auditTimeMicros("2026-12-08") === auditTimeMicros("2026-12-08T00:00:00Z")
 */
export function auditTimeMicros(text: string): number | undefined {
	return parseMicros(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
}
