// Migration 15's backfill: the waits of versions flagged unknown-marking before D58, and the release of those
// whose definitions the store already holds (stored by a later input, which could not release them then).
// Versions stored before keep their references as they are: only new writes wait for what they name.
import { isKnownMarkingRef, markingRefsOf } from "../../stix/markings/index.ts";
import { integer, text } from "../rows.ts";
import { microsFormatter } from "../timestamps.ts";
import type { Sql } from "./connection.ts";
import type { MigrationClient } from "./migrations.ts";
import { holdWaits, settleWaits } from "./version-waits.ts";

/** Indexes every flagged version by the refs it lacks, then settles them at new positions of the node clock. */
export async function backfillVersionWaits(client: MigrationClient): Promise<void> {
	const sql = (async (statement: string, params?: readonly unknown[]) =>
		(await client.query(statement, params === undefined ? undefined : [...params])).rows) as Sql;
	const flagged = await sql(`SELECT date_added, body FROM objects WHERE flags LIKE '%"unknown-marking"%'`);
	const waits: [number, string[]][] = [];
	for (const row of flagged) {
		const lacking = markingRefsOf(JSON.parse(text(row, "body")) as Record<string, unknown>).filter(
			(ref) => !isKnownMarkingRef(ref),
		);
		waits.push([integer(row, "date_added"), lacking]);
	}
	if (waits.length === 0) return;
	await holdWaits(sql, waits);
	const [clock] = await sql("SELECT last_micros FROM clock WHERE singleton FOR UPDATE");
	let last = Math.max(clock === undefined ? 0 : integer(clock, "last_micros"), Date.now() * 1000);
	await settleWaits(
		sql,
		waits.flatMap(([, refs]) => refs),
		() => ++last,
		microsFormatter(),
	);
	await sql("UPDATE clock SET last_micros = $1 WHERE singleton", [last]);
}
