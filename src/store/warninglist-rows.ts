// Maps warninglists rows to records, for both backends (entries and matching attributes are JSON arrays of text),
// and the content hash both compare.
import { createHash } from "node:crypto";
import { integer, type Row, text } from "./rows.ts";
import type {
	StoredWarninglist,
	WarninglistRecord,
	WarninglistSummary,
	WarninglistType,
} from "./warninglist-records.ts";

/** The columns `toWarninglistSummary` reads. */
export const WARNINGLIST_SUMMARY_COLUMNS =
	"name, version, description, type, matching_attributes, source, loaded_at, entry_count";

function textList(row: Row, column: string): string[] {
	const value: unknown = JSON.parse(text(row, column));
	if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
		throw new TypeError(`column ${column} is not a JSON array of text`);
	}
	return value;
}

export function toWarninglistSummary(row: Row): WarninglistSummary {
	return {
		name: text(row, "name"),
		version: integer(row, "version"),
		description: text(row, "description"),
		type: text(row, "type") as WarninglistType,
		matchingAttributes: textList(row, "matching_attributes"),
		source: text(row, "source"),
		loadedAt: text(row, "loaded_at"),
		entryCount: integer(row, "entry_count"),
	};
}

export function toStoredWarninglist(row: Row): StoredWarninglist {
	const { entryCount: _, ...summary } = toWarninglistSummary(row);
	return { ...summary, entries: textList(row, "entries") };
}

/**
 * The hash of what a list says (not where it was loaded from or when): equal lists put twice are one list.
 * Both backends compare it, so "unchanged" means the same on each.
 */
export function warninglistContentHash(list: WarninglistRecord): string {
	const content = JSON.stringify([
		list.version,
		list.description,
		list.type,
		list.matchingAttributes,
		list.entries,
	]);
	return createHash("sha256").update(content).digest("hex");
}
