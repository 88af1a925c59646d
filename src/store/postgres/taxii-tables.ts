// The TAXII server's tables on PostgreSQL: operator-defined collections and Add Objects status resources.
import { AppError } from "../../errors/index.ts";
import { integer, text, toCollection, toStatus } from "../rows.ts";
import type { CollectionDefinition, StatusRecord } from "../taxii-records.ts";
import { requireMicros } from "../timestamps.ts";
import { type Connection, sqlState, UNIQUE_VIOLATION } from "./connection.ts";

export interface TaxiiTables {
	putCollection(collection: CollectionDefinition): Promise<void>;
	listCollections(): Promise<CollectionDefinition[]>;
	deleteCollection(id: string): Promise<boolean>;
	putStatus(record: StatusRecord): Promise<void>;
	getStatus(id: string): Promise<StatusRecord | undefined>;
	deleteStatusesBefore(instant: string): Promise<number>;
}

/** The collections and statuses tables over the store's connection. */
export function createTaxiiTables({ sql }: Connection): TaxiiTables {
	return {
		async putCollection(collection) {
			/** The other collection holding this alias, if any. */
			const aliasOwner = async (): Promise<string | undefined> => {
				if (collection.alias === undefined) return undefined;
				const [owner] = await sql("SELECT id FROM collections WHERE alias = $1", [collection.alias]);
				return owner === undefined || owner.id === collection.id ? undefined : text(owner, "id");
			};
			const aliasTaken = (owner: string | undefined, cause?: unknown): AppError =>
				new AppError(
					"E_STORE_CONFLICT",
					`collection ${owner ?? "(another)"} already has the alias ${JSON.stringify(collection.alias)}`,
					{ cause },
				);
			const owner = await aliasOwner();
			if (owner !== undefined) throw aliasTaken(owner);
			try {
				await sql(
					`INSERT INTO collections (id, alias, title, description, read_access, write_access, filter)
					 VALUES ($1, $2, $3, $4, $5, $6, $7)
					 ON CONFLICT (id) DO UPDATE SET alias = excluded.alias, title = excluded.title,
					 description = excluded.description, read_access = excluded.read_access,
					 write_access = excluded.write_access, filter = excluded.filter`,
					[
						collection.id,
						collection.alias ?? null,
						collection.title,
						collection.description ?? null,
						JSON.stringify(collection.read),
						JSON.stringify(collection.write),
						JSON.stringify(collection.filter),
					],
				);
			} catch (error) {
				// Another process took the alias between the check and the write (the seed race of D9).
				if (sqlState(error) === UNIQUE_VIOLATION) throw aliasTaken(await aliasOwner(), error);
				throw error;
			}
		},
		async listCollections() {
			return (await sql("SELECT * FROM collections ORDER BY seq")).map(toCollection);
		},
		async deleteCollection(id) {
			return (await sql("DELETE FROM collections WHERE id = $1 RETURNING 1", [id])).length > 0;
		},
		async putStatus(record) {
			const expiresAt = requireMicros(record.expiresAt, "expiresAt");
			await sql(
				`INSERT INTO taxii_statuses (id, api_root, org_id, expires_at, resource) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (id) DO UPDATE SET api_root = excluded.api_root, org_id = excluded.org_id,
				 expires_at = excluded.expires_at, resource = excluded.resource`,
				[
					record.resource.id,
					record.apiRoot,
					record.organizationId,
					expiresAt,
					JSON.stringify(record.resource),
				],
			);
		},
		async getStatus(id) {
			const [row] = await sql("SELECT * FROM taxii_statuses WHERE id = $1", [id]);
			return row === undefined ? undefined : toStatus(row);
		},
		async deleteStatusesBefore(instant) {
			const before = requireMicros(instant, "instant");
			const [row] = await sql(
				"WITH d AS (DELETE FROM taxii_statuses WHERE expires_at < $1 RETURNING 1) SELECT count(*) AS n FROM d",
				[before],
			);
			return row === undefined ? 0 : integer(row, "n");
		},
	};
}
