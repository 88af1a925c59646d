// The write path for object versions: batched puts with duplicate/conflict detection, and deletes.
import { createHash } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { versionOf } from "../../stix/core.ts";
import { canonicalJson, differingProperties } from "../content-diff.ts";
import type { NewVersion, PutOutcome } from "../store.ts";
import { microsFormatter, versionKey } from "../timestamps.ts";
import {
	createKeyAssigner,
	createKeyResolver,
	type TransactionKeys,
	type VersionOrder,
	versionOrderer,
} from "./object-keys.ts";

/** Synchronous object writes on the writer connection; every call is one transaction. */
export interface ObjectWriter {
	putVersions(batch: readonly NewVersion[], nowMicros: number): PutOutcome[];
	/** Like putVersions, for versions already reduced to rows (e.g. posted from another thread). */
	putRows(rows: readonly VersionRow[], nowMicros: number): PutOutcome[];
	deleteObject(id: string, nowMicros: number): number;
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
	/** JSON.stringify(object). */
	body: string;
	/** The references the egress gate looks up backwards, as [to_id, kind] (see referencesOf). */
	refs: [string, string][];
}

const REF_LISTS = ["object_refs", "where_sighted_refs", "observed_data_refs"] as const;

/**
 * The references of an object that the `refs` table records: container and sighting lists,
 * `sighting_of_ref`, and a relationship's ends with its type (`source_ref:derived-from`).
 */
export function referencesOf(object: NewVersion["object"]): [string, string][] {
	const refs: [string, string][] = [];
	for (const kind of REF_LISTS) {
		const list: unknown = object[kind];
		if (Array.isArray(list)) for (const id of list) if (typeof id === "string") refs.push([id, kind]);
	}
	if (typeof object.sighting_of_ref === "string") refs.push([object.sighting_of_ref, "sighting_of_ref"]);
	const relationshipType = object.relationship_type;
	if (object.type === "relationship" && typeof relationshipType === "string") {
		for (const side of ["source_ref", "target_ref"] as const) {
			const id = object[side];
			if (typeof id === "string") refs.push([id, `${side}:${relationshipType}`]);
		}
	}
	return refs;
}

/** Reduces a version to its row: the one place the body is serialised. */
export function toRow(item: NewVersion): VersionRow {
	const { object, provenance } = item;
	return {
		id: object.id,
		type: object.type,
		specVersion: object.spec_version ?? "2.1",
		version: versionOf(object),
		revoked: object.revoked === true ? 1 : 0,
		organizationId: provenance.organizationId,
		source: provenance.source,
		flags: item.flags !== undefined && item.flags.length > 0 ? JSON.stringify(item.flags) : null,
		body: JSON.stringify(object),
		refs: referencesOf(object),
	};
}

/** Prepares the write statements once; they are reused for every batch. */
export function createObjectWriter(db: DatabaseSync): ObjectWriter {
	// Each version is looked up by its key first (an index probe that finds nothing for a new version,
	// and the row to compare for a repeated one), then inserted; a unique violation is a bug, not an outcome.
	const insert = db.prepare(
		`INSERT INTO objects (date_added, id, version, version_key, type, spec_version, org_id, source, flags, revoked, body,
			id_key, version_micros, version_extra)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	);
	const selectExisting = db.prepare(
		"SELECT date_added, id, body FROM objects WHERE id_key = ? AND version_micros = ? AND version_extra = ?",
	);
	const keys = createKeyAssigner(db);
	const resolver = createKeyResolver(db);
	const insertQuarantine = db.prepare(
		`INSERT INTO quarantine (id, version, version_key, received_at, reason, content_hash, org_id, source, body)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id, version_key, content_hash) DO NOTHING`,
	);
	const readClock = db.prepare("SELECT last_micros FROM clock WHERE singleton = 1");
	const writeClock = db.prepare("UPDATE clock SET last_micros = ? WHERE singleton = 1");
	const deleteVersions = db.prepare("DELETE FROM objects WHERE id_key = ? AND id = ?");
	const insertRef = db.prepare("INSERT OR IGNORE INTO refs (to_id, kind, from_id) VALUES (?, ?, ?)");
	const deleteRefs = db.prepare("DELETE FROM refs WHERE from_id = ?");
	const recordTombstone = db.prepare(
		"INSERT INTO tombstones (id, deleted_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at",
	);

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
		tick: () => number,
		keys: TransactionKeys,
		orderOf: (version: string) => VersionOrder,
		formatMicros: (micros: number) => string,
	): PutOutcome {
		const { id, version, body } = row;
		const key = versionKey(version);
		const [micros, extra] = orderOf(version);
		const existing = selectExisting.get(keys.lookup(id), micros, extra);
		if (existing === undefined || existing.id !== id) {
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
				row.flags,
				row.revoked,
				body,
				keys.assign(id),
				micros,
				extra,
			);
			for (const [to, kind] of row.refs) insertRef.run(to, kind, id);
			return { status: "stored", dateAdded: formatMicros(dateAdded) };
		}
		if (typeof existing.body !== "string" || typeof existing.date_added !== "number") {
			throw new Error(`the stored row of ${id} ${version} is malformed`);
		}
		// Fast path: the same serialisation. Otherwise compare with key order ignored.
		const duplicate: PutOutcome = { status: "duplicate", dateAdded: formatMicros(existing.date_added) };
		if (existing.body === body) return duplicate;
		const stored = JSON.parse(existing.body) as Record<string, unknown>;
		const object = JSON.parse(body) as Record<string, unknown>;
		const newCanonical = canonicalJson(object);
		if (canonicalJson(stored) === newCanonical) return duplicate;
		const differing = differingProperties(stored, object);
		const reason = `differs from the stored version of ${id} at ${version || "(unversioned)"} in: ${differing.join(", ")}`;
		const hash = createHash("sha256").update(newCanonical).digest("hex");
		insertQuarantine.run(id, version, key, tick(), reason, hash, row.organizationId, row.source, body);
		return { status: "quarantined", reason };
	}

	function putRows(rows: readonly VersionRow[], nowMicros: number): PutOutcome[] {
		if (rows.length === 0) return [];
		const format = microsFormatter();
		return transaction(nowMicros, (tick) => {
			const batchKeys = keys.begin(rows.map((row) => row.id));
			const orderOf = versionOrderer();
			return rows.map((row) => putOne(row, tick, batchKeys, orderOf, format));
		});
	}

	return {
		putVersions: (batch, nowMicros) => putRows(batch.map(toRow), nowMicros),
		putRows,
		deleteObject(id, nowMicros) {
			return transaction(nowMicros, (tick) => {
				const removed = Number(deleteVersions.run(resolver.keysOf([id])[0] ?? null, id).changes);
				keys.release(id);
				deleteRefs.run(id);
				if (removed > 0) recordTombstone.run(id, tick());
				return removed;
			});
		},
	};
}
