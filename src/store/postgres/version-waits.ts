// Versions that wait for what they name (D58), indexed by the awaited id: when it is stored ready, the versions
// waiting on it alone are released in the same transaction, and what waited on those in turn.
import { integer, text } from "../rows.ts";
import { versionKey } from "../timestamps.ts";
import { flagsWaitingFor, namedIds, planWaits, type WaitCandidate } from "../waiting-flags.ts";
import type { Sql } from "./connection.ts";

/** A version that waits for nothing: no flag, or none of the waiting ones. */
const READY = `(flags IS NULL OR (flags NOT LIKE '%"unknown-marking"%' AND flags NOT LIKE '%"awaiting-references"%'))`;

/** Which of `ids` the store holds with a version that waits for nothing; one statement. */
async function readyAmong(sql: Sql, ids: readonly string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await sql(`SELECT DISTINCT id FROM objects WHERE id = ANY($1::text[]) AND ${READY}`, [ids]);
	return new Set(rows.map((row) => text(row, "id")));
}

/** For each version of a batch, the ids it waits for (see planWaits). */
export async function planBatchWaits(sql: Sql, batch: readonly WaitCandidate[]): Promise<string[][]> {
	return planWaits(batch, await readyAmong(sql, namedIds(batch)));
}

/** Records that each version (by its position) waits for each of its ids; one statement. */
export async function holdWaits(sql: Sql, waits: readonly [number, readonly string[]][]): Promise<void> {
	const refs: string[] = [];
	const positions: number[] = [];
	for (const [dateAdded, ids] of waits)
		for (const ref of ids) {
			refs.push(ref);
			positions.push(dateAdded);
		}
	if (refs.length === 0) return;
	await sql(
		`INSERT INTO version_waits (ref, date_added) SELECT * FROM unnest($1::text[], $2::bigint[])
		 ON CONFLICT DO NOTHING`,
		[refs, positions],
	);
}

/**
 * Releases the versions waiting on any of `ids` that is now held ready: a version with nothing left to wait for
 * loses its waiting flags and is re-committed at a new position from `tick` (a statement, D31, also takes the
 * version that position names), and the versions waiting on it are settled next. The caller holds the
 * commit-order lock. Returns how many were released.
 */
export async function settleWaits(
	sql: Sql,
	ids: Iterable<string>,
	tick: () => number,
	format: (micros: number) => string,
): Promise<number> {
	let released = 0;
	let round = [...new Set(ids)];
	while (round.length > 0) {
		const awaited = await sql("SELECT DISTINCT ref FROM version_waits WHERE ref = ANY($1::text[])", [round]);
		const ready = [
			...(await readyAmong(
				sql,
				awaited.map((row) => text(row, "ref")),
			)),
		];
		if (ready.length === 0) return released;
		// (Two statements: a query beside a DELETE in one WITH would still see the deleted rows.)
		const gone = await sql("DELETE FROM version_waits WHERE ref = ANY($1::text[]) RETURNING date_added", [
			ready,
		]);
		const positions = [...new Set(gone.map((row) => integer(row, "date_added")))].sort((a, b) => a - b);
		const left = await sql("SELECT ref, date_added FROM version_waits WHERE date_added = ANY($1::bigint[])", [
			positions,
		]);
		const still = new Map<number, string[]>();
		for (const row of left) {
			const at = integer(row, "date_added");
			still.set(at, [...(still.get(at) ?? []), text(row, "ref")]);
		}
		const next: string[] = [];
		for (const dateAdded of positions) {
			const id = await reconsider(sql, dateAdded, still.get(dateAdded) ?? [], tick, format);
			if (id === undefined) continue;
			released++;
			next.push(id);
		}
		round = next;
	}
	return released;
}

/** Re-judges a version once a wait of it went; the id it releases, if it waits for nothing now. */
async function reconsider(
	sql: Sql,
	dateAdded: number,
	still: readonly string[],
	tick: () => number,
	format: (micros: number) => string,
): Promise<string | undefined> {
	const [row] = await sql("SELECT id, flags, statement FROM objects WHERE date_added = $1", [dateAdded]);
	if (row === undefined) return undefined; // deleted since it was held
	const flags = flagsWaitingFor(row.flags, still);
	if (still.length > 0) {
		if (flags !== row.flags)
			await sql("UPDATE objects SET flags = $1 WHERE date_added = $2", [flags, dateAdded]);
		return undefined;
	}
	const position = tick();
	if (row.statement === true) {
		const version = format(position);
		await sql(
			"UPDATE objects SET date_added = $1, flags = $2, version = $3, version_key = $4 WHERE date_added = $5",
			[position, flags, version, versionKey(version), dateAdded],
		);
	} else
		await sql("UPDATE objects SET date_added = $1, flags = $2 WHERE date_added = $3", [
			position,
			flags,
			dateAdded,
		]);
	return text(row, "id");
}
