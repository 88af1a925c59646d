// Feed rows to records, shared by both backends: definitions and statuses are JSON columns read whole.
import type { FeedDefinition, FeedRecord, FeedStatus } from "./feed-records.ts";

/** The record of a `feeds` row (definition JSON, status JSON or null). */
export function toFeedRecord(row: Record<string, unknown>): FeedRecord {
	const definition = JSON.parse(String(row.definition)) as FeedDefinition;
	const status =
		row.status === null || row.status === undefined
			? undefined
			: (JSON.parse(String(row.status)) as FeedStatus);
	return status === undefined ? definition : { ...definition, status };
}
