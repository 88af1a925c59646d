// The activity counters (D67): daily counts added in one transaction with the follower's cursor, read by day.
import type { DatabaseSync } from "node:sqlite";
import type { ActivityCount, ActivityCursor, ActivityFlow } from "../activity-records.ts";

/** Writes on the writer connection, reads on the reader. */
export function createActivityCounts(
	writer: DatabaseSync,
	reader: DatabaseSync,
): {
	addActivityCounts(counts: readonly ActivityCount[], cursor: ActivityCursor | undefined): void;
	activityCounts(sinceDay: string): ActivityCount[];
	activityCursor(name: string): string | undefined;
} {
	// The batch as one JSON array: one statement whatever its size; a known counter is added to.
	const add = writer.prepare(
		`INSERT INTO activity_counts (day, flow, party, marking, rule, count)
		 SELECT json_extract(value, '$.day'), json_extract(value, '$.flow'), json_extract(value, '$.party'),
		        json_extract(value, '$.marking'), json_extract(value, '$.rule'), json_extract(value, '$.count')
		 FROM json_each(?) WHERE true
		 ON CONFLICT (day, flow, party, marking, rule) DO UPDATE SET count = count + excluded.count`,
	);
	const moveCursor = writer.prepare(
		`INSERT INTO activity_cursors (name, position) VALUES (?, ?)
		 ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
	);
	const since = reader.prepare(
		"SELECT day, flow, party, marking, rule, count FROM activity_counts WHERE day >= ? ORDER BY day, flow, party, marking, rule",
	);
	const cursorOf = reader.prepare("SELECT position FROM activity_cursors WHERE name = ?");
	return {
		addActivityCounts(counts, cursor) {
			writer.exec("BEGIN IMMEDIATE");
			try {
				if (counts.length > 0) add.run(JSON.stringify(counts));
				if (cursor !== undefined) moveCursor.run(cursor.name, cursor.position);
				writer.exec("COMMIT");
			} catch (error) {
				if (writer.isTransaction) writer.exec("ROLLBACK");
				throw error;
			}
		},
		activityCounts(sinceDay) {
			return since.all(sinceDay).map((row) => ({
				day: String(row.day),
				flow: String(row.flow) as ActivityFlow,
				party: String(row.party),
				marking: String(row.marking),
				rule: String(row.rule),
				count: Number(row.count),
			}));
		},
		activityCursor(name) {
			const row = cursorOf.get(name);
			return row === undefined ? undefined : String(row.position);
		},
	};
}
