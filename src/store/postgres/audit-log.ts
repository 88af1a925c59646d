// The audit trail on PostgreSQL (D66): appended by one INSERT, read newest first by seq with the query's filters.
import type { AuditEntry, AuditQuery, NewAuditEntry } from "../audit-records.ts";
import { AUDIT_INSERT_COLUMNS, auditConditions, auditValues, toAuditEntry } from "../audit-rows.ts";
import type { Connection } from "./connection.ts";

export interface AuditLog {
	append(entry: NewAuditEntry, atMicros: number): Promise<AuditEntry>;
	list(query: AuditQuery): Promise<AuditEntry[]>;
}

/** The audit statements over the store's connection. */
export function createAuditLog({ sql }: Connection): AuditLog {
	return {
		async append(entry, atMicros) {
			const [row] = await sql(
				`INSERT INTO audit_log (${AUDIT_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
				[atMicros, ...auditValues(entry)],
			);
			if (row === undefined) throw new Error("INSERT … RETURNING answered no row");
			return toAuditEntry(row);
		},
		async list(query) {
			const { where, values, limit } = auditConditions(query, (n) => `$${n}`, "ILIKE");
			const rows = await sql(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ${limit}`, values);
			return rows.map(toAuditEntry);
		},
	};
}
