// Versions that wait for what they name (D58), indexed by the awaited id: when it is stored ready, the versions
// waiting on it alone are released in the same transaction, and what waited on those in turn.
import type { DatabaseSync } from "node:sqlite";
import { versionKey } from "../timestamps.ts";
import { flagsWaitingFor, namedIds, planWaits, type WaitCandidate } from "../waiting-flags.ts";
import { createKeyResolver } from "./object-keys.ts";

/** The waits of one write transaction: planned, held, then settled by whatever became ready. */
export interface VersionWaits {
	/** For each version of a batch, the ids it waits for (see planWaits). */
	plan(batch: readonly WaitCandidate[]): string[][];
	/** Records that the version stored at `dateAdded` waits for each of `ids`. */
	hold(dateAdded: number, ids: readonly string[]): void;
	/**
	 * Releases the versions waiting on any of `ids` that is now held ready: a version with nothing left to wait for
	 * loses its waiting flags and is re-committed at a new position from `tick` (a statement, D31, also takes the
	 * version that position names), and the versions waiting on it are settled next. Returns how many were released.
	 */
	settle(ids: Iterable<string>, tick: () => number, format: (micros: number) => string): number;
	/** Forgets the waits of every version of `id` (called before they are deleted). */
	forget(idKey: number | null, id: string): void;
}

/** Prepares the statements once, on the writer connection; every call runs inside the caller's transaction. */
export function createVersionWaits(db: DatabaseSync): VersionWaits {
	const keys = createKeyResolver(db);
	const insert = db.prepare("INSERT OR IGNORE INTO version_waits (ref, date_added) VALUES (?, ?)");
	const ready = db.prepare(
		`SELECT 1 AS found FROM objects WHERE id_key = ? AND id = ?
		 AND (flags IS NULL OR (flags NOT LIKE '%"unknown-marking"%' AND flags NOT LIKE '%"awaiting-references"%'))
		 LIMIT 1`,
	);
	const waiting = db.prepare("SELECT date_added FROM version_waits WHERE ref = ?");
	// One probe for a whole batch's ids: almost always none is awaited.
	const awaitedAmong = db.prepare(
		"SELECT DISTINCT ref FROM version_waits WHERE ref IN (SELECT value FROM json_each(?))",
	);
	const anyWait = db.prepare("SELECT 1 AS found FROM version_waits LIMIT 1");
	const dropRef = db.prepare("DELETE FROM version_waits WHERE ref = ?");
	const remaining = db.prepare("SELECT ref FROM version_waits WHERE date_added = ?");
	const selectRow = db.prepare("SELECT id, flags, statement FROM objects WHERE date_added = ?");
	const setFlags = db.prepare("UPDATE objects SET flags = ? WHERE date_added = ?");
	const recommit = db.prepare("UPDATE objects SET date_added = ?, flags = ? WHERE date_added = ?");
	const recommitStatement = db.prepare(
		`UPDATE objects SET date_added = ?, flags = ?, version = ?, version_key = ?, version_micros = ?
		 WHERE date_added = ?`,
	);
	const forgetId = db.prepare(
		"DELETE FROM version_waits WHERE date_added IN (SELECT date_added FROM objects WHERE id_key = ? AND id = ?)",
	);

	const isReady = (id: string): boolean => ready.get(keys.keysOf([id])[0] ?? 0, id) !== undefined;

	/** Re-judges the version at `dateAdded` once a wait of it went; the id it releases, if it waits for nothing now. */
	function reconsider(
		dateAdded: number,
		tick: () => number,
		format: (micros: number) => string,
	): string | undefined {
		const row = selectRow.get(dateAdded);
		if (row === undefined) return undefined; // deleted since it was held
		const still = remaining.all(dateAdded).map((wait) => String(wait.ref));
		const flags = flagsWaitingFor(row.flags, still);
		if (still.length > 0) {
			if (flags !== row.flags) setFlags.run(flags, dateAdded);
			return undefined;
		}
		const position = tick();
		if (row.statement === 1) {
			const version = format(position);
			recommitStatement.run(position, flags, version, versionKey(version), position, dateAdded);
		} else recommit.run(position, flags, dateAdded);
		return String(row.id);
	}

	return {
		plan(batch) {
			const named = namedIds(batch);
			const idKeys = keys.keysOf(named);
			return planWaits(
				batch,
				new Set(named.filter((id, at) => ready.get(idKeys[at] ?? 0, id) !== undefined)),
			);
		},
		hold(dateAdded, ids) {
			for (const id of ids) insert.run(id, dateAdded);
		},
		settle(ids, tick, format) {
			let released = 0;
			if (anyWait.get() === undefined) return 0;
			const queue = awaitedAmong.all(JSON.stringify([...new Set(ids)])).map((row) => String(row.ref));
			for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
				const versions = waiting.all(next).map((row) => Number(row.date_added));
				if (versions.length === 0 || !isReady(next)) continue;
				dropRef.run(next);
				// In the order they were held, so released versions keep their relative commit order.
				versions.sort((a, b) => a - b);
				for (const dateAdded of versions) {
					const id = reconsider(dateAdded, tick, format);
					if (id === undefined) continue;
					released++;
					queue.push(id);
				}
			}
			return released;
		},
		forget(idKey, id) {
			if (idKey !== null) forgetId.run(idKey, id);
		},
	};
}
