// The incidents table (D37): releases the invariants stopped, appended in order, listed newest first.
import type { IncidentQuery, IncidentRecord, NewIncident } from "../incident-records.ts";
import { toIncident } from "../rows.ts";
import type { Sql } from "./connection.ts";

/** All over `sql` (the pool): each one statement. */
export function createIncidents(sql: Sql): {
	recordIncidents(incidents: readonly NewIncident[]): Promise<void>;
	listIncidents(query: IncidentQuery): Promise<IncidentRecord[]>;
	incidentCounts(): Promise<Map<string, number>>;
} {
	return {
		async recordIncidents(incidents) {
			if (incidents.length === 0) return;
			const column = <K extends keyof NewIncident>(key: K) =>
				incidents.map((incident) => incident[key] ?? null);
			// Parallel arrays, one statement whatever the count; WITH ORDINALITY keeps the batch's order in seq.
			await sql(
				`INSERT INTO incidents (at, invariant, object_id, object_version, party_id, user_id, purpose, reason)
				 SELECT a, i, o, v, p, u, pu, r
				 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
				      WITH ORDINALITY AS t(a, i, o, v, p, u, pu, r, n)
				 ORDER BY n`,
				[
					column("at"),
					column("invariant"),
					column("objectId"),
					column("objectVersion"),
					column("partyId"),
					column("userId"),
					column("purpose"),
					column("reason"),
				],
			);
		},
		async listIncidents(query) {
			const rows = await sql("SELECT * FROM incidents WHERE seq < $1 ORDER BY seq DESC LIMIT $2", [
				query.beforeSeq ?? Number.MAX_SAFE_INTEGER,
				query.limit,
			]);
			return rows.map(toIncident);
		},
		async incidentCounts() {
			const rows = await sql("SELECT invariant, count(*) AS n FROM incidents GROUP BY invariant", []);
			return new Map(rows.map((row) => [String(row.invariant), Number(row.n)]));
		},
	};
}
