// Migration 17's backfill: the waits of versions flagged unknown-marking before D58, and the release of those
// whose definitions the store already holds (stored by a later input, which could not release them then).
// Versions stored before keep their references as they are: only new writes wait for what they name. Self-
// contained (no id keys): it may run before migration 19 re-keys the objects.
import type { DatabaseSync } from "node:sqlite";
import { isKnownMarkingRef, markingRefsOf } from "../../stix/markings/index.ts";
import { flagsWaitingFor } from "../waiting-flags.ts";

/** Indexes every flagged version by the definitions it lacks; one that lacks none now is re-committed, released. */
export function backfillVersionWaits(db: DatabaseSync): void {
	const flagged = db
		.prepare(
			"SELECT date_added, flags, body FROM objects WHERE flags LIKE '%\"unknown-marking\"%' ORDER BY date_added",
		)
		.all();
	if (flagged.length === 0) return;
	// Marking definitions are few: the type index finds them.
	const defined = db.prepare(
		"SELECT 1 AS found FROM objects WHERE type = 'marking-definition' AND id = ? LIMIT 1",
	);
	const insert = db.prepare("INSERT OR IGNORE INTO version_waits (ref, date_added) VALUES (?, ?)");
	const recommit = db.prepare("UPDATE objects SET date_added = ?, flags = ? WHERE date_added = ?");
	const clock = db.prepare("SELECT last_micros FROM clock WHERE singleton = 1").get()?.last_micros;
	let last = Math.max(typeof clock === "number" ? clock : 0, Date.now() * 1000);
	for (const row of flagged) {
		const dateAdded = Number(row.date_added);
		const lacking = markingRefsOf(JSON.parse(String(row.body)) as Record<string, unknown>).filter(
			(ref) => !isKnownMarkingRef(ref) && defined.get(ref) === undefined,
		);
		if (lacking.length > 0) for (const ref of new Set(lacking)) insert.run(ref, dateAdded);
		else recommit.run(++last, flagsWaitingFor(row.flags, []), dateAdded);
	}
	db.prepare("UPDATE clock SET last_micros = ? WHERE singleton = 1").run(last);
}
