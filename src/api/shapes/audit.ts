// The audit trail as the API reads and exports it (D66): filters, a page of lines, the streamed export's formats.
import { z } from "zod";

/** The export formats: CSV (one line per entry, spreadsheet-safe) and JSON Lines. */
export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;

/** An RFC 3339 time, or a date (midnight UTC); the route checks that it names a real instant. */
const Time = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))?$/,
		"expected an RFC 3339 time such as 2026-12-08T10:00:00Z, or a date such as 2026-12-08",
	);

export const AuditFilters = z.strictObject({
	actor: z.string().min(1).max(200).optional().meta({ description: "a user's name or id (exact)" }),
	action: z
		.string()
		.regex(/^[a-z]+(\.[a-z-]+)?$/, "an action such as token.use, or a family such as token")
		.optional()
		.meta({ description: "an action (`policy.apply`), or a family (`token`: every `token.*`)" }),
	target: z
		.string()
		.min(1)
		.max(300)
		.optional()
		.meta({ description: "what was acted on, exactly (an id, `policy:3`)" }),
	q: z
		.string()
		.max(200)
		.optional()
		.meta({ description: "words anywhere in actor, action, target or summary" }),
	since: Time.optional().meta({ description: "lines at or after this time (or date, UTC)" }),
	until: Time.optional().meta({ description: "lines before this time (or date, UTC)" }),
});

export const AuditQueryParams = AuditFilters.extend({
	cursor: z
		.string()
		.regex(/^\d{1,15}$/, "a cursor is the `next` of a previous page")
		.optional()
		.meta({ description: "the previous page's `next`" }),
	limit: z.coerce
		.number()
		.int()
		.min(1)
		.max(1000)
		.default(100)
		.meta({ description: "lines per page, 1–1000" }),
});
export type AuditQueryParams = z.output<typeof AuditQueryParams>;

export const AuditExportQuery = AuditFilters.extend({
	format: z.enum(AUDIT_EXPORT_FORMATS).default("jsonl"),
});
export type AuditExportQuery = z.output<typeof AuditExportQuery>;

export const AuditEntryView = z.strictObject({
	seq: z.number().meta({ description: "increasing, never reused" }),
	at: z.string(),
	actor: z.strictObject({
		name: z.string().meta({ description: "the user's name, or `cli…` for a command on the data directory" }),
		id: z.string().optional(),
		organizationId: z.string().optional(),
		channel: z.string().meta({ description: "api, taxii or cli" }),
	}),
	action: z.string(),
	target: z.string(),
	summary: z.string(),
	details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntryView = z.output<typeof AuditEntryView>;

export const AuditPage = z.strictObject({
	entries: z.array(AuditEntryView).meta({ description: "newest first" }),
	next: z.string().nullable().meta({ description: "the cursor of the next (older) page; null at the end" }),
});
export type AuditPage = z.output<typeof AuditPage>;

export const AuditExportText = z.string().meta({
	id: "AuditExportText",
	description:
		"the matching lines, newest first, streamed: CSV with a header line, or one JSON object a line",
});
