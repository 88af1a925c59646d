// The audit trail on SQLite (D66): appended by one INSERT, read newest first by seq with the query's filters.
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { AuditEntry, AuditQuery, NewAuditEntry } from "../audit-records.ts";
import { AUDIT_INSERT_COLUMNS, auditConditions, auditValues, toAuditEntry } from "../audit-rows.ts";

export interface AuditLog {
	append(entry: NewAuditEntry, atMicros: number): AuditEntry;
	list(query: AuditQuery): AuditEntry[];
}

/** Prepares the audit statements; a read's statement is prepared once per shape of filters. */
export function createAuditLog(writer: DatabaseSync, reader: DatabaseSync): AuditLog {
	const insert = writer.prepare(
		`INSERT INTO audit_log (${AUDIT_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
	);
	const statements = new Map<string, StatementSync>();
	return {
		append(entry, atMicros) {
			const row = insert.get(atMicros, ...auditValues(entry));
			if (row === undefined) throw new Error("INSERT … RETURNING answered no row");
			return toAuditEntry(row);
		},
		list(query) {
			const { where, values, limit } = auditConditions(query, () => "?", "LIKE");
			const sql = `SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ${limit}`;
			let statement = statements.get(sql);
			if (statement === undefined) {
				statement = reader.prepare(sql);
				statements.set(sql, statement);
			}
			return statement.all(...values).map(toAuditEntry);
		},
	};
}
