// The activity counters (D67): daily counts added in one transaction with the follower's cursor, read by day.
import type { ActivityCount, ActivityCursor, ActivityFlow } from "../activity-records.ts";
import type { Connection } from "./connection.ts";

export function createActivityCounts({ sql, transaction }: Connection): {
	addActivityCounts(counts: readonly ActivityCount[], cursor: ActivityCursor | undefined): Promise<void>;
	activityCounts(sinceDay: string): Promise<ActivityCount[]>;
	activityCursor(name: string): Promise<string | undefined>;
} {
	return {
		addActivityCounts: (counts, cursor) =>
			transaction(async (tx) => {
				if (counts.length > 0) {
					const column = <K extends keyof ActivityCount>(key: K) => counts.map((count) => count[key]);
					// Parallel arrays, one statement; a batch naming one counter twice is summed first (ON CONFLICT
					// may touch a row once per statement).
					await tx(
						`INSERT INTO activity_counts (day, flow, party, marking, rule, count)
						 SELECT d, f, p, m, r, sum(c)
						 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS t(d, f, p, m, r, c)
						 GROUP BY d, f, p, m, r
						 ON CONFLICT (day, flow, party, marking, rule)
						 DO UPDATE SET count = activity_counts.count + excluded.count`,
						[
							column("day"),
							column("flow"),
							column("party"),
							column("marking"),
							column("rule"),
							column("count"),
						],
					);
				}
				if (cursor !== undefined)
					await tx(
						`INSERT INTO activity_cursors (name, position) VALUES ($1, $2)
						 ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
						[cursor.name, cursor.position],
					);
			}),
		async activityCounts(sinceDay) {
			const rows = await sql(
				`SELECT day, flow, party, marking, rule, count FROM activity_counts WHERE day >= $1
				 ORDER BY day, flow, party, marking, rule`,
				[sinceDay],
			);
			return rows.map((row) => ({
				day: String(row.day),
				flow: String(row.flow) as ActivityFlow,
				party: String(row.party),
				marking: String(row.marking),
				rule: String(row.rule),
				count: Number(row.count),
			}));
		},
		async activityCursor(name) {
			const rows = await sql("SELECT position FROM activity_cursors WHERE name = $1", [name]);
			return rows[0] === undefined ? undefined : String(rows[0].position);
		},
	};
}
