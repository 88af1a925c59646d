// The PostgreSQL write path for object versions: batched puts with duplicate/conflict detection, and deletes,
// each one transaction that assigns commit positions (date_added) under the clock row's lock.
import type { FirstRecorded } from "../authority.ts";
import { encodeVersion } from "../encoded-version.ts";
import { foldNamedValue, type NamedValue } from "../forged-values.ts";
import { integer, text } from "../rows.ts";
import type { NewVersion, PutOutcome } from "../store.ts";
import { microsFormatter, versionKey } from "../timestamps.ts";
import { flagsWaitingFor } from "../waiting-flags.ts";
import { type Held, type HeldForBatch, judgeBatch, type Pending, pairKey } from "./batch-judge.ts";
import { COMMIT_CHANNEL } from "./commit-notices.ts";
import type { Connection, Sql } from "./connection.ts";
import { holdWaits, planBatchWaits, settleWaits } from "./version-waits.ts";

/** Rows per INSERT (… SELECT FROM unnest): bounds one statement's parameters to a few MiB. */
const CHUNK = 5000;

export interface ObjectWriter {
	putVersions(batch: readonly NewVersion[], nowMicros: number): Promise<PutOutcome[]>;
	/** With `contributor`: that organisation's statement of an observable only (D31). */
	deleteObject(id: string, nowMicros: number, contributor?: string): Promise<number>;
	/** The versions of `id` added at these instants (microseconds); the whole object when none remains. */
	deleteVersions(id: string, datesAdded: readonly number[], nowMicros: number): Promise<number>;
}

/**
 * Runs `work` in a transaction that holds the commit-order lock: the clock row, locked FOR UPDATE from its
 * read until COMMIT. `tick` gives `max(now, last + 1µs)`, then +1 per call. Because a writer reads the clock
 * only after the previous holder committed (the lock is released after the commit is visible), every
 * position it assigns is above every position already visible, and no transaction that is still to commit
 * holds a smaller one: a reader paging by date_added never skips a row (D27).
 */
async function commitOrdered<T>(
	connection: Connection,
	nowMicros: number,
	work: (sql: Sql, tick: () => number) => Promise<T>,
): Promise<T> {
	return connection.transaction(async (sql) => {
		const [clock] = await sql("SELECT last_micros FROM clock WHERE singleton FOR UPDATE");
		const stored = clock === undefined ? 0 : integer(clock, "last_micros");
		let last = Math.max(stored, nowMicros - 1);
		const result = await work(sql, () => {
			last += 1;
			return last;
		});
		if (last > stored) {
			await sql("UPDATE clock SET last_micros = $1 WHERE singleton", [last]);
			// Delivered when the transaction commits, and only then: other processes' followers wake at once (D70).
			await sql("SELECT pg_notify($1, $2)", [COMMIT_CHANNEL, connection.schema ?? "public"]);
		}
		return result;
	});
}

const NONE: readonly string[] = [];

/**
 * Plans what each stored version of the batch waits for and flags those that wait (D58), before they are inserted.
 * Returns the waits to hold once they are.
 */
async function planStored(
	sql: Sql,
	stored: readonly [Pending, number][],
): Promise<[number, readonly string[]][]> {
	const missing = await planBatchWaits(
		sql,
		stored.map(([item]) => ({ id: item.encoded.id, refs: item.encoded.refs, awaiting: item.awaiting })),
	);
	const waits: [number, readonly string[]][] = [];
	stored.forEach(([item, dateAdded], position) => {
		const ids = missing[position] ?? NONE;
		// Ingest's own unknown-marking flag goes when the definition is ready after all.
		if (ids.length > 0 || item.awaiting.length > 0) item.flags = flagsWaitingFor(item.flags, ids);
		if (ids.length > 0) waits.push([dateAdded, ids]);
	});
	return waits;
}

/** Builds the write path over the store's connection. */
export function createObjectWriter(connection: Connection): ObjectWriter {
	/** The stored (position, body) of every (id, version) of the batch that exists, one indexed join. */
	async function heldVersions(sql: Sql, items: readonly Pending[]): Promise<Map<string, Held>> {
		const held = new Map<string, Held>();
		for (let start = 0; start < items.length; start += CHUNK) {
			const chunk = items.slice(start, start + CHUNK);
			const rows = await sql(
				`SELECT o.id, o.version_key, o.date_added, o.body
				 FROM unnest($1::text[], $2::text[]) AS k(id, version_key)
				 JOIN objects o ON o.id = k.id AND o.version_key = k.version_key`,
				[chunk.map((item) => item.encoded.id), chunk.map((item) => item.key)],
			);
			for (const row of rows) {
				held.set(pairKey(text(row, "id"), text(row, "version_key")), {
					dateAdded: integer(row, "date_added"),
					body: text(row, "body"),
				});
			}
		}
		return held;
	}

	/**
	 * The first recorded version (lowest date_added) of each of `ids` that has any, one statement per chunk;
	 * for an id that has none, the owner its tombstone keeps (one more statement, only for such ids).
	 */
	async function firstRecorded(sql: Sql, ids: readonly string[]): Promise<Map<string, FirstRecorded>> {
		const first = new Map<string, FirstRecorded>();
		for (let start = 0; start < ids.length; start += CHUNK) {
			const rows = await sql(
				`SELECT DISTINCT ON (id) id, org_id, body FROM objects WHERE id = ANY($1::text[]) ORDER BY id, date_added`,
				[ids.slice(start, start + CHUNK)],
			);
			for (const row of rows)
				first.set(text(row, "id"), { organizationId: text(row, "org_id"), body: text(row, "body") });
		}
		// An id that holds no version but was deleted is owned by the owner its tombstone keeps.
		const gone = ids.filter((id) => !first.has(id));
		for (let start = 0; start < gone.length; start += CHUNK) {
			const rows = await sql(
				"SELECT id, org_id FROM tombstones WHERE id = ANY($1::text[]) AND org_id IS NOT NULL",
				[gone.slice(start, start + CHUNK)],
			);
			for (const row of rows)
				first.set(text(row, "id"), { organizationId: text(row, "org_id"), body: "", deleted: true });
		}
		return first;
	}

	/** Each contributor's stored statement (D31) of the batch's observables, by id and contributor. */
	async function heldStatements(sql: Sql, items: readonly Pending[]): Promise<Map<string, Held>> {
		const held = new Map<string, Held>();
		const statements = items.filter((item) => item.statement);
		for (let start = 0; start < statements.length; start += CHUNK) {
			const chunk = statements.slice(start, start + CHUNK);
			const rows = await sql(
				`SELECT o.id, o.org_id, o.version, o.date_added, o.body
				 FROM unnest($1::text[], $2::text[]) AS k(id, org_id)
				 JOIN objects o ON o.id = k.id AND o.org_id = k.org_id AND o.statement`,
				[chunk.map((item) => item.encoded.id), chunk.map((item) => item.organizationId)],
			);
			for (const row of rows) {
				held.set(pairKey(text(row, "id"), text(row, "org_id")), {
					dateAdded: integer(row, "date_added"),
					body: text(row, "body"),
					version: text(row, "version"),
				});
			}
		}
		return held;
	}

	/** The value each of the batch's observables' stored statements name (D31, forged values), by id. */
	async function namedValues(sql: Sql, items: readonly Pending[]): Promise<Map<string, NamedValue>> {
		const named = new Map<string, NamedValue>();
		const ids = [...new Set(items.filter((item) => item.statement).map((item) => item.encoded.id))];
		for (let start = 0; start < ids.length; start += CHUNK) {
			const rows = await sql(
				"SELECT id, body FROM objects WHERE statement AND id = ANY($1::text[]) ORDER BY date_added",
				[ids.slice(start, start + CHUNK)],
			);
			for (const row of rows) {
				const id = text(row, "id");
				const value = foldNamedValue(named.get(id), JSON.parse(text(row, "body")));
				if (value !== undefined) named.set(id, value);
			}
		}
		return named;
	}

	/** The greatest stored version_key of each of `ids` that has any version (none for new objects). */
	async function latestKeys(sql: Sql, ids: readonly string[]): Promise<Map<string, string>> {
		const latest = new Map<string, string>();
		for (let start = 0; start < ids.length; start += CHUNK) {
			const rows = await sql("SELECT id, version_key FROM objects WHERE latest AND id = ANY($1::text[])", [
				ids.slice(start, start + CHUNK),
			]);
			for (const row of rows) latest.set(text(row, "id"), text(row, "version_key"));
		}
		return latest;
	}

	/**
	 * Inserts the new versions with their `latest` flag, and clears the flag of versions they supersede. The
	 * caller holds the commit-order lock, so no other writer changes these objects' versions meanwhile.
	 */
	async function storeVersions(sql: Sql, stored: readonly [Pending, number][]): Promise<void> {
		if (stored.length === 0) return;
		// A statement (D31) is always its contributor's latest and supersedes nothing.
		const versioned = stored.filter(([item]) => !item.statement);
		const ids = [...new Set(versioned.map(([item]) => item.encoded.id))];
		const before = ids.length === 0 ? new Map<string, string>() : await latestKeys(sql, ids);
		const after = new Map(before);
		for (const [item] of versioned) {
			const current = after.get(item.encoded.id);
			if (current === undefined || item.key > current) after.set(item.encoded.id, item.key);
		}
		await insertVersions(sql, stored, after);
		const superseded = [...before].filter(([id, key]) => after.get(id) !== key);
		if (superseded.length > 0) {
			await sql(
				`UPDATE objects o SET latest = false FROM unnest($1::text[], $2::text[]) AS s(id, version_key)
				 WHERE o.id = s.id AND o.version_key = s.version_key`,
				[superseded.map(([id]) => id), superseded.map(([, key]) => key)],
			);
		}
	}

	async function insertVersions(
		sql: Sql,
		stored: readonly [Pending, number][],
		latest: ReadonlyMap<string, string>,
	): Promise<void> {
		for (let start = 0; start < stored.length; start += CHUNK) {
			const chunk = stored.slice(start, start + CHUNK);
			const column = <T>(pick: (item: Pending, dateAdded: number) => T): T[] =>
				chunk.map(([item, dateAdded]) => pick(item, dateAdded));
			await sql(
				`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, flags, revoked,
					body, latest, statement)
				 SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
					$7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[], $12::boolean[], $13::boolean[])`,
				[
					column((_, dateAdded) => dateAdded),
					column((item) => item.encoded.id),
					column((item) => item.version),
					column((item) => item.key),
					column((item) => item.encoded.type),
					column((item) => item.encoded.specVersion),
					column((item) => item.organizationId),
					column((item) => item.source),
					column((item) => item.flags),
					column((item) => item.encoded.revoked),
					column((item) => item.encoded.body),
					column((item) => item.statement || latest.get(item.encoded.id) === item.key),
					column((item) => item.statement),
				],
			);
			const refs = chunk.flatMap(([item]) =>
				item.encoded.refs.map(([to, kind]) => [to, kind, item.encoded.id]),
			);
			if (refs.length > 0) {
				await sql(
					`INSERT INTO refs (to_id, kind, from_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
					 ON CONFLICT DO NOTHING`,
					[refs.map((r) => r[0]), refs.map((r) => r[1]), refs.map((r) => r[2])],
				);
			}
		}
	}

	/** What the store holds of the batch: its (id, version)s, its contributors' statements, first versions. */
	async function heldForBatch(sql: Sql, items: readonly Pending[]): Promise<HeldForBatch> {
		const versions = await heldVersions(
			sql,
			items.filter((item) => !item.statement),
		);
		const statements = await heldStatements(sql, items);
		const guarded = [...new Set(items.filter((i) => i.authority !== undefined).map((i) => i.encoded.id))];
		const first = guarded.length === 0 ? new Map<string, FirstRecorded>() : await firstRecorded(sql, guarded);
		const named = await namedValues(sql, items);
		return { versions, statements, first, named };
	}

	/** Inserts the quarantine rows (a repeated content is kept once). */
	async function storeQuarantined(sql: Sql, quarantined: readonly unknown[][]): Promise<void> {
		if (quarantined.length === 0) return;
		const column = (i: number): unknown[] => quarantined.map((row) => row[i]);
		await sql(
			`INSERT INTO quarantine
				(id, version, version_key, received_at, reason, content_hash, org_id, source, body, kind, bytes)
			 SELECT *, octet_length(q.body) FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[],
				$6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
				AS q (id, version, version_key, received_at, reason, content_hash, org_id, source, body, kind)
			 ON CONFLICT (id, version_key, content_hash) DO NOTHING`,
			[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(column),
		);
	}

	return {
		async putVersions(batch, nowMicros) {
			if (batch.length === 0) return [];
			const items: Pending[] = batch.map((item) => {
				const encoded = item.encoded ?? encodeVersion(item.object);
				return {
					encoded,
					version: encoded.version,
					statement: encoded.version === "",
					key: versionKey(encoded.version),
					organizationId: item.provenance.organizationId,
					source: item.provenance.source,
					flags: item.flags !== undefined && item.flags.length > 0 ? JSON.stringify(item.flags) : null,
					authority: item.authority,
					awaiting: item.awaitingMarkings ?? NONE,
				};
			});
			const format = microsFormatter();
			return commitOrdered(connection, nowMicros, async (sql, tick) => {
				const held = await heldForBatch(sql, items);
				const judged = judgeBatch(items, held, tick, format);
				const waits = await planStored(sql, judged.stored);
				await storeVersions(sql, judged.stored);
				await storeQuarantined(sql, judged.quarantined);
				await holdWaits(sql, waits);
				// A version waits for nothing the batch stored ready: settling finds versions of earlier writes.
				await settleWaits(
					sql,
					judged.stored.map(([item]) => item.encoded.id),
					tick,
					format,
				);
				return judged.outcomes;
			});
		},

		deleteObject(id, nowMicros, contributor) {
			return commitOrdered(connection, nowMicros, async (sql, tick) => {
				const [first] = await sql("SELECT org_id FROM objects WHERE id = $1 ORDER BY date_added LIMIT 1", [
					id,
				]);
				if (contributor !== undefined) {
					const [gone] = await sql(
						`WITH d AS (DELETE FROM objects WHERE id = $1 AND org_id = $2 AND statement RETURNING 1)
						 SELECT count(*) AS n FROM d`,
						[id, contributor],
					);
					const removed = gone === undefined ? 0 : integer(gone, "n");
					if (removed === 0) return 0;
					const rest = await sql("SELECT 1 FROM objects WHERE id = $1 LIMIT 1", [id]);
					if (rest.length > 0) return removed;
				}
				await sql(
					"DELETE FROM version_waits WHERE date_added IN (SELECT date_added FROM objects WHERE id = $1)",
					[id],
				);
				const [deleted] = await sql(
					"WITH d AS (DELETE FROM objects WHERE id = $1 RETURNING 1) SELECT count(*) AS n FROM d",
					[id],
				);
				const counted = deleted === undefined ? 0 : integer(deleted, "n");
				const removed = contributor === undefined ? counted : 1;
				await sql("DELETE FROM refs WHERE from_id = $1", [id]);
				if (removed > 0) {
					// The tombstone keeps the id's owner (D30); the first owner recorded stays.
					await sql(
						`INSERT INTO tombstones (id, deleted_at, org_id) VALUES ($1, $2, $3)
						 ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at,
							org_id = coalesce(tombstones.org_id, excluded.org_id)`,
						[id, tick(), first === undefined ? null : text(first, "org_id")],
					);
				}
				return removed;
			});
		},
		deleteVersions(id, datesAdded, nowMicros) {
			return commitOrdered(connection, nowMicros, async (sql, tick) => {
				const [first] = await sql("SELECT org_id FROM objects WHERE id = $1 ORDER BY date_added LIMIT 1", [
					id,
				]);
				const [gone] = await sql(
					`WITH d AS (DELETE FROM objects WHERE id = $1 AND date_added = ANY($2::bigint[]) RETURNING 1)
					 SELECT count(*) AS n FROM d`,
					[id, datesAdded.map(String)],
				);
				const removed = gone === undefined ? 0 : integer(gone, "n");
				if (removed === 0) return 0;
				const rest = await sql("SELECT 1 FROM objects WHERE id = $1 LIMIT 1", [id]);
				if (rest.length > 0) return removed;
				// The last version went: the object is gone, as deleteObject leaves it.
				await sql("DELETE FROM refs WHERE from_id = $1", [id]);
				await sql(
					`INSERT INTO tombstones (id, deleted_at, org_id) VALUES ($1, $2, $3)
					 ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at,
						org_id = coalesce(tombstones.org_id, excluded.org_id)`,
					[id, tick(), first === undefined ? null : text(first, "org_id")],
				);
				return removed;
			});
		},
	};
}
