// The incidents table (D37): releases the invariants stopped, appended in order, listed newest first.
import type { DatabaseSync } from "node:sqlite";
import type { IncidentQuery, IncidentRecord, NewIncident } from "../incident-records.ts";
import { toIncident } from "../rows.ts";

/** Writes on the writer connection, reads on the reader. */
export function createIncidents(
	writer: DatabaseSync,
	reader: DatabaseSync,
): {
	recordIncidents(incidents: readonly NewIncident[]): void;
	listIncidents(query: IncidentQuery): IncidentRecord[];
	incidentCounts(): Map<string, number>;
} {
	// The batch as one JSON array: one statement whatever its size.
	const insert = writer.prepare(
		`INSERT INTO incidents (at, invariant, object_id, object_version, party_id, user_id, purpose, reason)
		 SELECT json_extract(value, '$.at'), json_extract(value, '$.invariant'), json_extract(value, '$.objectId'),
		        json_extract(value, '$.objectVersion'), json_extract(value, '$.partyId'), json_extract(value, '$.userId'),
		        json_extract(value, '$.purpose'), json_extract(value, '$.reason')
		 FROM json_each(?) ORDER BY key`,
	);
	const page = reader.prepare("SELECT * FROM incidents WHERE seq < ? ORDER BY seq DESC LIMIT ?");
	const counts = reader.prepare("SELECT invariant, count(*) AS n FROM incidents GROUP BY invariant");
	return {
		recordIncidents(incidents) {
			if (incidents.length > 0) insert.run(JSON.stringify(incidents));
		},
		listIncidents(query) {
			return page.all(query.beforeSeq ?? Number.MAX_SAFE_INTEGER, query.limit).map(toIncident);
		},
		incidentCounts() {
			return new Map(counts.all().map((row) => [String(row.invariant), Number(row.n)]));
		},
	};
}
