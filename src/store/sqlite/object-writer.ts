// The write path for object versions: batched puts with duplicate/conflict detection, and deletes.
import { createHash } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { authorityProblem, type FirstRecorded } from "../authority.ts";
import { contentJson, differingProperties, quarantineReason, statementConflict } from "../content-diff.ts";
import { encodeVersion } from "../encoded-version.ts";
import { foldNamedValue, forgedValueReason, type NamedValue } from "../forged-values.ts";
import { versionKind } from "../quarantine-records.ts";
import type { NewVersion, PutOutcome, VersionAuthority } from "../store.ts";
import { microsFormatter, versionKey } from "../timestamps.ts";
import { flagsWaitingFor } from "../waiting-flags.ts";
import {
	createKeyAssigner,
	createKeyResolver,
	type TransactionKeys,
	type VersionOrder,
	versionOrderer,
} from "./object-keys.ts";
import { createVersionWaits } from "./version-waits.ts";

const UTF8 = new TextDecoder();
const bodyText = (body: string | Uint8Array): string => (typeof body === "string" ? body : UTF8.decode(body));

/** Synchronous object writes on the writer connection; every call is one transaction. */
export interface ObjectWriter {
	putVersions(batch: readonly NewVersion[], nowMicros: number): PutOutcome[];
	/** Like putVersions, for versions already reduced to rows (e.g. posted from another thread). */
	putRows(rows: readonly VersionRow[], nowMicros: number): PutOutcome[];
	/** With `contributor`: that organisation's statement of an observable only (D31). */
	deleteObject(id: string, nowMicros: number, contributor?: string): number;
	/** The versions of `id` added at these instants (microseconds); the whole object when none remains. */
	deleteVersions(id: string, datesAdded: readonly number[], nowMicros: number): number;
}

/**
 * One version as the writer stores it: the indexed header fields and the serialised body. Plain
 * strings and numbers, so a batch of rows is cheap to post to a writer thread.
 */
export interface VersionRow {
	id: string;
	type: string;
	specVersion: string;
	version: string;
	revoked: 0 | 1;
	organizationId: string;
	source: string;
	/** JSON array of flags, or null for none. */
	flags: string | null;
	/** JSON.stringify(object), as text or as its UTF-8 bytes (a batch posted from another thread). */
	body: string | Uint8Array;
	/** The references the egress gate looks up backwards, as [to_id, kind] (see referencesOf). */
	refs: readonly (readonly [string, string])[];
	/** Who may add this version to an id already held (undefined: anyone). */
	authority: VersionAuthority | undefined;
	/** The marking definitions its `unknown-marking` flag waits for (D58); empty for none. */
	awaiting: readonly string[];
}

/** Reduces a version to its row; the body is serialised here unless the caller encoded it already. */
export function toRow(item: NewVersion): VersionRow {
	const encoded = item.encoded ?? encodeVersion(item.object);
	const { provenance } = item;
	return {
		id: encoded.id,
		type: encoded.type,
		specVersion: encoded.specVersion,
		version: encoded.version,
		revoked: encoded.revoked ? 1 : 0,
		organizationId: provenance.organizationId,
		source: provenance.source,
		flags: item.flags !== undefined && item.flags.length > 0 ? JSON.stringify(item.flags) : null,
		body: encoded.body,
		refs: encoded.refs,
		authority: item.authority,
		awaiting: item.awaitingMarkings ?? NONE,
	};
}

const NONE: readonly string[] = [];

/** Prepares the write statements once; they are reused for every batch. */
export function createObjectWriter(db: DatabaseSync): ObjectWriter {
	// Each version is looked up by its key first (the row to compare for a repeated one; skipped when the
	// batch's key check says no row holds the key), then inserted; a unique violation is a bug, not an outcome.
	// The body is bound as text or as UTF-8 bytes; CAST makes both text, so a posted batch never becomes
	// strings on this thread, and a repeat is compared with the stored body inside SQLite.
	const insert = db.prepare(
		`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, flags, revoked, body,
			id_key, version_micros, version_extra, statement)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?)`,
	);
	// An observable's statement by one contributor (D31): at most one row per (id, org_id).
	const selectStatement = db.prepare(
		"SELECT date_added, version FROM objects WHERE id_key = ? AND id = ? AND org_id = ? AND statement = 1",
	);
	// Other contributors' statements of an id, in commit order: the value the id names (D31, forged values).
	const selectOthers = db.prepare(
		"SELECT body FROM objects WHERE id_key = ? AND id = ? AND org_id <> ? AND statement = 1 ORDER BY date_added",
	);
	const selectExisting = db.prepare(
		"SELECT date_added, id FROM objects WHERE id_key = ? AND version_micros = ? AND version_extra = ?",
	);
	const sameBody = db.prepare("SELECT body = CAST(? AS TEXT) AS same FROM objects WHERE date_added = ?");
	const selectBody = db.prepare("SELECT body FROM objects WHERE date_added = ?");
	const selectFirst = db.prepare(
		"SELECT org_id, body FROM objects WHERE id_key = ? AND id = ? ORDER BY date_added LIMIT 1",
	);
	const keys = createKeyAssigner(db);
	const resolver = createKeyResolver(db);
	const insertQuarantine = db.prepare(
		`INSERT INTO quarantine (id, version, version_key, received_at, reason, content_hash, org_id, source, body, kind, bytes)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(?9 AS TEXT), ?, length(CAST(?9 AS BLOB)))
		 ON CONFLICT (id, version_key, content_hash) DO NOTHING`,
	);
	const readClock = db.prepare("SELECT last_micros FROM clock WHERE singleton = 1");
	const writeClock = db.prepare("UPDATE clock SET last_micros = ? WHERE singleton = 1");
	const deleteVersions = db.prepare("DELETE FROM objects WHERE id_key = ? AND id = ?");
	const deleteStatement = db.prepare(
		"DELETE FROM objects WHERE id_key = ? AND id = ? AND org_id = ? AND statement = 1",
	);
	const deleteAdded = db.prepare("DELETE FROM objects WHERE id_key = ? AND id = ? AND date_added = ?");
	const remaining = db.prepare("SELECT 1 FROM objects WHERE id_key = ? AND id = ? LIMIT 1");
	const insertRef = db.prepare("INSERT OR IGNORE INTO refs (to_id, kind, from_id) VALUES (?, ?, ?)");
	const deleteRefs = db.prepare("DELETE FROM refs WHERE from_id = ?");
	// A tombstone keeps the id's owner (D30): the first owner recorded stays, through re-creation and deletion.
	const recordTombstone = db.prepare(
		`INSERT INTO tombstones (id, deleted_at, org_id) VALUES (?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at, org_id = coalesce(tombstones.org_id, excluded.org_id)`,
	);
	const selectFirstOrg = db.prepare(
		"SELECT org_id FROM objects WHERE id_key = ? AND id = ? ORDER BY date_added LIMIT 1",
	);
	const selectTombstoneOwner = db.prepare(
		"SELECT org_id FROM tombstones WHERE id = ? AND org_id IS NOT NULL",
	);
	const anyTombstoneOwner = db.prepare("SELECT 1 AS found FROM tombstones WHERE org_id IS NOT NULL LIMIT 1");
	const waits = createVersionWaits(db);

	/** Runs `work` in BEGIN IMMEDIATE … COMMIT with the clock read under the write lock. */
	function transaction<T>(nowMicros: number, work: (tick: () => number) => T): T {
		db.exec("BEGIN IMMEDIATE");
		try {
			const stored = readClock.get()?.last_micros;
			// new = max(now, last + 1): strictly increasing in commit order even if the wall clock steps back.
			let last = Math.max(typeof stored === "number" ? stored : 0, nowMicros - 1);
			const result = work(() => {
				last += 1;
				return last;
			});
			writeClock.run(last);
			db.exec("COMMIT");
			return result;
		} catch (error) {
			if (db.isTransaction) db.exec("ROLLBACK");
			throw error;
		}
	}

	function putOne(
		row: VersionRow,
		missing: readonly string[],
		tick: () => number,
		keys: TransactionKeys,
		orderOf: (version: string) => VersionOrder,
		formatMicros: (micros: number) => string,
		tombstones: boolean,
	): PutOutcome {
		if (row.version === "") return putStatement(row, missing, tick, keys, formatMicros);
		const { id, version, body } = row;
		const key = versionKey(version);
		const [micros, extra] = orderOf(version);
		const held = !keys.unused(id);
		const existing = held ? selectExisting.get(keys.lookup(id), micros, extra) : undefined;
		if (existing === undefined || existing.id !== id) {
			const first =
				row.authority === undefined ? undefined : held ? firstOf(id, keys) : tombstoneOf(id, tombstones);
			if (first !== undefined) {
				const problem = authorityProblem(
					id,
					row.authority,
					row.organizationId,
					// Only an immutable id compares content; an owner check needs no decoded body.
					row.authority === "immutable" ? bodyText(body) : "",
					first,
				);
				if (problem !== undefined)
					return { ...quarantine(row, key, problem, tick, "authority"), refused: true };
			}
			const dateAdded = tick();
			insert.run(
				dateAdded,
				id,
				version,
				key,
				row.type,
				row.specVersion,
				row.organizationId,
				row.source,
				flagsOf(row, missing),
				row.revoked,
				body,
				keys.assign(id),
				micros,
				extra,
				0,
			);
			for (const [to, kind] of row.refs) insertRef.run(to, kind, id);
			if (missing.length > 0) waits.hold(dateAdded, missing);
			return { status: "stored", dateAdded: formatMicros(dateAdded) };
		}
		const storedAt = existing.date_added;
		if (typeof storedAt !== "number") throw new Error(`the stored row of ${id} ${version} is malformed`);
		return repeated(row, storedAt, version, tick, formatMicros, quarantineReason);
	}

	/**
	 * A repeat of a stored row: a duplicate when the content is the same (key order ignored), otherwise
	 * set aside in quarantine with `reasonOf`'s words, never overwriting.
	 */
	function repeated(
		row: VersionRow,
		storedAt: number,
		version: string,
		tick: () => number,
		formatMicros: (micros: number) => string,
		reasonOf: (id: string, version: string, differing: readonly string[]) => string,
	): PutOutcome {
		const { id, body } = row;
		// Fast path: the same serialisation, compared inside SQLite. Otherwise compare with key order ignored.
		const duplicate: PutOutcome = { status: "duplicate", dateAdded: formatMicros(storedAt) };
		if (sameBody.get(body, storedAt)?.same === 1) return duplicate;
		const storedBody = selectBody.get(storedAt)?.body;
		if (typeof storedBody !== "string") throw new Error(`the stored row of ${id} ${version} is malformed`);
		const stored = JSON.parse(storedBody) as Record<string, unknown>;
		const object = JSON.parse(bodyText(body)) as Record<string, unknown>;
		const newCanonical = contentJson(object);
		if (contentJson(stored) === newCanonical) return duplicate;
		const reason = reasonOf(id, version, differingProperties(stored, object));
		const hash = createHash("sha256").update(newCanonical).digest("hex");
		insertQuarantine.run(
			id,
			version,
			versionKey(version),
			tick(),
			reason,
			hash,
			row.organizationId,
			row.source,
			body,
			versionKind(row.type, "conflict"),
		);
		return { status: "quarantined", reason };
	}

	/**
	 * An unversioned object (an SCO) is a statement of its contributor (D31): stored beside other
	 * contributors' statements of the same id under the version its commit position names, compared only
	 * with the same contributor's own statement (a repeat, or a conflict quarantined).
	 */
	function putStatement(
		row: VersionRow,
		missing: readonly string[],
		tick: () => number,
		keys: TransactionKeys,
		formatMicros: (micros: number) => string,
	): PutOutcome {
		const { id } = row;
		const existing = keys.unused(id)
			? undefined
			: selectStatement.get(keys.lookup(id), id, row.organizationId);
		if (existing !== undefined) {
			const storedAt = existing.date_added;
			if (typeof storedAt !== "number") throw new Error(`the stored statement of ${id} is malformed`);
			return repeated(row, storedAt, String(existing.version), tick, formatMicros, (_, version, differing) =>
				statementConflict(id, row.organizationId, version, differing),
			);
		}
		const forged = keys.unused(id) ? undefined : forgedReason(row, keys.lookup(id));
		if (forged !== undefined) return quarantine(row, versionKey(row.version), forged, tick, "forged");
		const dateAdded = tick();
		const version = formatMicros(dateAdded);
		insert.run(
			dateAdded,
			id,
			version,
			versionKey(version),
			row.type,
			row.specVersion,
			row.organizationId,
			row.source,
			flagsOf(row, missing),
			row.revoked,
			row.body,
			keys.assign(id),
			dateAdded,
			"",
			1,
		);
		for (const [to, kind] of row.refs) insertRef.run(to, kind, id);
		if (missing.length > 0) waits.hold(dateAdded, missing);
		return { status: "stored", dateAdded: formatMicros(dateAdded) };
	}

	/** Why `row` states a forged value (D31), given other contributors' statements of its id; else undefined. */
	function forgedReason(row: VersionRow, idKey: number): string | undefined {
		let named: NamedValue | undefined;
		for (const other of selectOthers.iterate(idKey, row.id, row.organizationId))
			named = foldNamedValue(named, JSON.parse(String(other.body)));
		return named === undefined ? undefined : forgedValueReason(JSON.parse(bodyText(row.body)), named);
	}

	/** The first recorded version of a held id (its organisation and body), or undefined for none. */
	function firstOf(id: string, keys: TransactionKeys): { organizationId: string; body: string } | undefined {
		const row = selectFirst.get(keys.lookup(id), id);
		if (row === undefined) return undefined;
		return { organizationId: String(row.org_id), body: String(row.body) };
	}

	/** The owner a deleted id's tombstone keeps, as a first recorded version; `any`: whether any tombstone has one. */
	function tombstoneOf(id: string, any: boolean): FirstRecorded | undefined {
		if (!any) return undefined;
		const row = selectTombstoneOwner.get(id);
		return row === undefined ? undefined : { organizationId: String(row.org_id), body: "", deleted: true };
	}

	/** Sets a version aside with `reason` (once per distinct content), never storing it. */
	function quarantine(
		row: VersionRow,
		key: string,
		reason: string,
		tick: () => number,
		cause: "authority" | "forged",
	): Extract<PutOutcome, { status: "quarantined" }> {
		const text = bodyText(row.body);
		const hash = createHash("sha256")
			.update(contentJson(JSON.parse(text)))
			.digest("hex");
		insertQuarantine.run(
			row.id,
			row.version,
			key,
			tick(),
			reason,
			hash,
			row.organizationId,
			row.source,
			text,
			versionKind(row.type, cause),
		);
		return { status: "quarantined", reason };
	}

	function putRows(rows: readonly VersionRow[], nowMicros: number): PutOutcome[] {
		if (rows.length === 0) return [];
		const format = microsFormatter();
		return transaction(nowMicros, (tick) => {
			const batchKeys = keys.begin(rows.map((row) => row.id));
			const orderOf = versionOrderer();
			// A store that never deleted an owned id reads no tombstone per new id.
			const tombstones = anyTombstoneOwner.get() !== undefined;
			const missing = waits.plan(rows);
			const outcomes = rows.map((row, position) =>
				putOne(row, missing[position] ?? NONE, tick, batchKeys, orderOf, format, tombstones),
			);
			waits.settle(settledBy(rows, outcomes), tick, format);
			return outcomes;
		});
	}

	return {
		putVersions: (batch, nowMicros) => putRows(batch.map(toRow), nowMicros),
		putRows,
		deleteObject(id, nowMicros, contributor) {
			return transaction(nowMicros, (tick) => {
				const key = resolver.keysOf([id])[0] ?? null;
				// The owner its tombstone keeps: the first recorded version's organisation (read before any delete).
				const owner = selectFirstOrg.get(key, id)?.org_id;
				if (contributor !== undefined) {
					const removed = Number(deleteStatement.run(key, id, contributor).changes);
					if (removed === 0 || remaining.get(key, id) !== undefined) return removed;
				}
				waits.forget(key, id);
				const removed = Number(deleteVersions.run(key, id).changes);
				keys.release(id);
				deleteRefs.run(id);
				if (removed > 0 || contributor !== undefined)
					recordTombstone.run(id, tick(), typeof owner === "string" ? owner : null);
				return contributor === undefined ? removed : 1;
			});
		},
		deleteVersions(id, datesAdded, nowMicros) {
			return transaction(nowMicros, (tick) => {
				const key = resolver.keysOf([id])[0] ?? null;
				const owner = selectFirstOrg.get(key, id)?.org_id;
				let removed = 0;
				for (const dateAdded of datesAdded) removed += Number(deleteAdded.run(key, id, dateAdded).changes);
				if (removed === 0 || remaining.get(key, id) !== undefined) return removed;
				// The last version went: the object is gone, as deleteObject leaves it.
				keys.release(id);
				deleteRefs.run(id);
				recordTombstone.run(id, tick(), typeof owner === "string" ? owner : null);
				return removed;
			});
		},
	};
}

/**
 * The ids whose waiters a batch may settle (D58): every id it stored. A version waits for nothing the batch stored
 * ready (the plan saw to that), so this only finds versions of earlier writes.
 */
export function settledBy(rows: readonly { id: string }[], outcomes: readonly PutOutcome[]): string[] {
	return rows.filter((_, position) => outcomes[position]?.status === "stored").map((row) => row.id);
}

/** The flags a row is stored with: what ingest said, its waiting flags as the batch's plan found them (D58). */
function flagsOf(row: VersionRow, missing: readonly string[]): string | null {
	return missing.length > 0 || row.awaiting.length > 0 ? flagsWaitingFor(row.flags, missing) : row.flags;
}
