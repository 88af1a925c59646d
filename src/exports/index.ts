// Public face of exports/: STIX objects already released to a recipient, formatted for sensors and tools —
// Suricata and Snort rules, Zeek intel files, CSV, external dynamic lists, STIX bundles (D56).

export { AUDIT_LINE_FORMATS, type AuditLineFormat, auditCsvLine, auditLines } from "./audit-lines.ts";
export { type ExportChunkOptions, type ExportPage, exportChunks } from "./export-chunks.ts";
export { type Exportable, exportableValues, type Lifecycle, lifecycleOf } from "./exportable.ts";
export { exporterFor, isExportFormat, type StixExportOptions } from "./exporter-for.ts";
export {
	type EncodedPage,
	EXPORT_FORMATS,
	type Exporter,
	type ExportFormat,
	type ExportItem,
	type ExportOptions,
	type ExportTally,
	LINE_FORMATS,
	type LineFormatName,
	type LineFormatSpec,
	type SplitFormat,
} from "./format.ts";
export { defaultFormatThreads, type FormatThreadOptions, startFormatThread } from "./format-threads.ts";
export { MISP_EXPORT_LIMIT } from "./misp-events.ts";
export {
	type PagedVersion,
	type PageSource,
	releasedPages,
	releaseEach,
	type VersionPage,
} from "./released-pages.ts";
export { baseSid, revOf, SID_BASE, SID_SPAN } from "./sid.ts";
