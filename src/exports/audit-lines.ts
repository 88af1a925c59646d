// The audit trail as text for people and spreadsheets (D66): CSV (RFC 4180, formula-safe) and JSON Lines, page
// after page, for the REST export and `entente audit` alike. Pure: the caller reads the pages.
import { csvCell } from "./csv.ts";

/** An audit trail entry as the store answers it (store/'s AuditEntry; written out here, as exports/ is pure). */
export interface AuditEntry {
	seq: number;
	at: string;
	actor: { name: string; id?: string; organizationId?: string; channel: string };
	action: string;
	target: string;
	summary: string;
	details?: Record<string, unknown>;
}

export const AUDIT_LINE_FORMATS = ["csv", "jsonl"] as const;
export type AuditLineFormat = (typeof AUDIT_LINE_FORMATS)[number];

const CSV_HEADER = "seq,at,actor,actor_id,organization,channel,action,target,summary,details\n";

/** One entry as a CSV line (a cell a spreadsheet would run as a formula starts with `'`). */
export function auditCsvLine(entry: AuditEntry): string {
	const cells = [
		String(entry.seq),
		entry.at,
		entry.actor.name,
		entry.actor.id ?? "",
		entry.actor.organizationId ?? "",
		entry.actor.channel,
		entry.action,
		entry.target,
		entry.summary,
		entry.details === undefined ? "" : JSON.stringify(entry.details),
	];
	return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * The text of every entry, newest first: the first page as read, then `next(lastSeq)` until a page comes back
 * shorter than `pageSize`. One page in memory at a time.
 */
export async function* auditLines(
	format: AuditLineFormat,
	first: AuditEntry[],
	pageSize: number,
	next: (beforeSeq: number) => Promise<AuditEntry[]>,
): AsyncGenerator<string> {
	if (format === "csv") yield CSV_HEADER;
	let page = first;
	for (;;) {
		yield page.map(format === "csv" ? auditCsvLine : (entry) => `${JSON.stringify(entry)}\n`).join("");
		const last = page.at(-1);
		if (page.length < pageSize || last === undefined) return;
		page = await next(last.seq);
	}
}
