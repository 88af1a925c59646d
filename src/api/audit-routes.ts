// The audit routes (D66): the node's audit trail for administrators of its own organisations, searched a page at
// a time (newest first, by cursor) and exported whole, streamed page by page as CSV or JSON Lines.
import { auditLines } from "../exports/index.ts";
import { type AuditQuery, auditTimeMicros } from "../store/index.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import type { AuditExportQuery } from "./shapes/index.ts";
import { invalidInput } from "./validate.ts";

/** Lines read per page of an export: one page in memory at a time. */
const EXPORT_PAGE = 1000;

/** The audit routes, over `services`. */
export function auditRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	return [
		defineRoute({
			route: "GET /audit",
			operationId: "audit",
			tag: "audit",
			summary: "Search the audit trail",
			description:
				"Who did what, newest first: publishes, deletions, policy versions, token use (once a minute per token), user " +
				"and token changes, feed changes. Filters combine; page on with `cursor` = the previous page's `next`.",
			action: "audit.read",
			errors: [400, 403],
			handle: async ({ query }) => {
				const entries = await store.listAudit({
					...auditQueryOf(query),
					...(query.cursor === undefined ? {} : { beforeSeq: Number(query.cursor) }),
					limit: query.limit,
				});
				const last = entries.at(-1);
				return {
					entries,
					next: entries.length === query.limit && last !== undefined ? String(last.seq) : null,
				};
			},
		}),
		defineRoute({
			route: "GET /audit/export",
			operationId: "auditExport",
			tag: "audit",
			summary: "Export the audit trail",
			description:
				"Every line matching the filters, newest first, streamed: CSV (a header line; a cell a spreadsheet would run " +
				"as a formula starts with `'`) or JSON Lines.",
			action: "audit.read",
			errors: [400, 403],
			produces: ["text/csv", "application/jsonl"],
			handle: async ({ query }) => {
				const filters = auditQueryOf(query);
				// The first page is read before answering, so a store that refuses answers an error, not a cut 200.
				const first = await store.listAudit({ ...filters, limit: EXPORT_PAGE });
				const lines = auditLines(query.format, first, EXPORT_PAGE, (beforeSeq) =>
					store.listAudit({ ...filters, beforeSeq, limit: EXPORT_PAGE }),
				);
				const body = ReadableStream.from(lines).pipeThrough(new TextEncoderStream());
				const csv = query.format === "csv";
				return new Response(body, {
					headers: {
						"content-type": csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8",
						"content-disposition": `attachment; filename="entente-audit.${csv ? "csv" : "jsonl"}"`,
					},
				});
			},
		}),
	];
}

/** The store query of the API's filters (times already checked by the shape). */
function auditQueryOf(query: Omit<AuditExportQuery, "format">): Omit<AuditQuery, "limit"> {
	const since = timeOf(query.since, "since");
	const until = timeOf(query.until, "until");
	if (since !== undefined && until !== undefined && until <= since) {
		throw invalidInput([{ path: ["query", "until"], code: "custom", message: "until must be after since" }]);
	}
	return {
		...(query.actor === undefined ? {} : { actor: query.actor }),
		...(query.action === undefined ? {} : { action: query.action }),
		...(query.target === undefined ? {} : { target: query.target }),
		...(query.q === undefined ? {} : { text: query.q }),
		...(since === undefined ? {} : { sinceMicros: since }),
		...(until === undefined ? {} : { untilMicros: until }),
	};
}

/** Microseconds of an RFC 3339 time or a date's midnight UTC (the shape checked the form; this, the calendar). */
function timeOf(text: string | undefined, name: string): number | undefined {
	if (text === undefined) return undefined;
	const micros = auditTimeMicros(text);
	if (micros === undefined) {
		throw invalidInput([{ path: ["query", name], code: "custom", message: `${text} is not a real time` }]);
	}
	return micros;
}
