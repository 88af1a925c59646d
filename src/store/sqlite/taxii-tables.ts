// The TAXII server's tables: operator-defined collections and Add Objects status resources.
import type { DatabaseSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import { toCollection, toStatus } from "../rows.ts";
import type { CollectionDefinition, StatusRecord } from "../taxii-records.ts";
import { requireMicros } from "../timestamps.ts";

/** Synchronous access to the collections and statuses tables; writes go to `writer`, reads to `reader`. */
export interface TaxiiTables {
	putCollection(collection: CollectionDefinition): void;
	listCollections(): CollectionDefinition[];
	deleteCollection(id: string): boolean;
	putStatus(record: StatusRecord): void;
	getStatus(id: string): StatusRecord | undefined;
	deleteStatusesBefore(instant: string): number;
}

/** Prepares the statements of the TAXII tables on their connections. */
export function createTaxiiTables(writer: DatabaseSync, reader: DatabaseSync): TaxiiTables {
	const aliasOwner = writer.prepare("SELECT id FROM collections WHERE alias = ?");
	const upsertCollection = writer.prepare(
		`INSERT INTO collections (id, alias, title, description, read_access, write_access, filter)
		 VALUES (?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET alias = excluded.alias, title = excluded.title,
		 description = excluded.description, read_access = excluded.read_access,
		 write_access = excluded.write_access, filter = excluded.filter`,
	);
	const selectCollections = reader.prepare("SELECT * FROM collections ORDER BY seq");
	const removeCollection = writer.prepare("DELETE FROM collections WHERE id = ?");
	const upsertStatus = writer.prepare(
		`INSERT INTO taxii_statuses (id, api_root, org_id, expires_at, resource) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET api_root = excluded.api_root, org_id = excluded.org_id,
		 expires_at = excluded.expires_at, resource = excluded.resource`,
	);
	const selectStatus = reader.prepare("SELECT * FROM taxii_statuses WHERE id = ?");
	const removeStatusesBefore = writer.prepare("DELETE FROM taxii_statuses WHERE expires_at < ?");

	return {
		putCollection(collection) {
			if (collection.alias !== undefined) {
				const owner = aliasOwner.get(collection.alias);
				if (owner !== undefined && owner.id !== collection.id) {
					throw new AppError(
						"E_STORE_CONFLICT",
						`collection ${String(owner.id)} already has the alias ${JSON.stringify(collection.alias)}`,
					);
				}
			}
			upsertCollection.run(
				collection.id,
				collection.alias ?? null,
				collection.title,
				collection.description ?? null,
				JSON.stringify(collection.read),
				JSON.stringify(collection.write),
				JSON.stringify(collection.filter),
			);
		},
		listCollections() {
			return selectCollections.all().map(toCollection);
		},
		deleteCollection(id) {
			return Number(removeCollection.run(id).changes) > 0;
		},
		putStatus(record) {
			upsertStatus.run(
				record.resource.id,
				record.apiRoot,
				record.organizationId,
				requireMicros(record.expiresAt, "expiresAt"),
				JSON.stringify(record.resource),
			);
		},
		getStatus(id) {
			const row = selectStatus.get(id);
			return row === undefined ? undefined : toStatus(row);
		},
		deleteStatusesBefore(instant) {
			return Number(removeStatusesBefore.run(requireMicros(instant, "instant")).changes);
		},
	};
}
