// Organisations, users, node metadata, quarantine listing and statistics on PostgreSQL.
import { AppError } from "../../errors/index.ts";
import type { Organization, User } from "../account-records.ts";
import { HELD_VERSION_SQL } from "../quarantine-records.ts";
import { integer, text, toOrganization, toQuarantinedVersion, toUser } from "../rows.ts";
import type { QuarantinedVersion, StoreStats } from "../store.ts";
import { USER_COLUMNS, USER_UPDATE, userValues } from "../user-rows.ts";
import { type Connection, sqlState, UNIQUE_VIOLATION } from "./connection.ts";

export interface Directory {
	putOrganization(organization: Organization): Promise<void>;
	getOrganization(id: string): Promise<Organization | undefined>;
	listOrganizations(): Promise<Organization[]>;
	putUser(user: User): Promise<void>;
	findUserByTokenHash(tokenHash: string): Promise<User | undefined>;
	getUser(id: string): Promise<User | undefined>;
	listUsers(organizationId?: string): Promise<User[]>;
	recordTokenUse(tokenHash: string, at: string): Promise<void>;
	getMeta(key: string): Promise<string | undefined>;
	setMeta(key: string, value: string): Promise<void>;
	listQuarantine(limit: number): Promise<QuarantinedVersion[]>;
	quarantinedOf(id: string, organizationId: string): Promise<QuarantinedVersion[]>;
	deletedOwnerOf(id: string): Promise<string | undefined>;
	stats(): Promise<StoreStats>;
}

/** The small tables over the store's connection. */
export function createDirectory({ sql, transaction }: Connection): Directory {
	return {
		async putOrganization(organization) {
			await sql(
				`INSERT INTO organizations (id, name, sectors, jurisdictions, created_at, local) VALUES ($1, $2, $3, $4, $5, $6)
				 ON CONFLICT (id) DO UPDATE SET name = excluded.name, sectors = excluded.sectors,
				 jurisdictions = excluded.jurisdictions, created_at = excluded.created_at, local = excluded.local`,
				[
					organization.id,
					organization.name,
					JSON.stringify(organization.sectors),
					JSON.stringify(organization.jurisdictions),
					organization.createdAt,
					organization.local !== false,
				],
			);
		},
		async getOrganization(id) {
			const [row] = await sql("SELECT * FROM organizations WHERE id = $1", [id]);
			return row === undefined ? undefined : toOrganization(row);
		},
		async listOrganizations() {
			return (await sql("SELECT * FROM organizations ORDER BY name, id")).map(toOrganization);
		},
		async putUser(user) {
			try {
				await transaction(async (tx) => {
					// Checked first for a clear error; the foreign key and UNIQUE constraints stay the last word.
					const [organization] = await tx("SELECT 1 FROM organizations WHERE id = $1 FOR SHARE", [
						user.organizationId,
					]);
					if (organization === undefined) {
						throw new AppError("E_STORE_NOT_FOUND", `organization ${user.organizationId} does not exist`);
					}
					const [owner] = await tx("SELECT id FROM users WHERE token_hash = $1", [user.tokenHash]);
					if (owner !== undefined && owner.id !== user.id) throw tokenTaken();
					await tx(
						`INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
						 ON CONFLICT (id) DO UPDATE SET ${USER_UPDATE}`,
						userValues(user),
					);
				});
			} catch (error) {
				// Another process gave the same token hash to another user between the check and the insert.
				if (sqlState(error) === UNIQUE_VIOLATION) throw tokenTaken(error);
				throw error;
			}
		},
		async findUserByTokenHash(tokenHash) {
			const [row] = await sql("SELECT * FROM users WHERE token_hash = $1 AND token_revoked_at IS NULL", [
				tokenHash,
			]);
			return row === undefined ? undefined : toUser(row);
		},
		async getUser(id) {
			const [row] = await sql("SELECT * FROM users WHERE id = $1", [id]);
			return row === undefined ? undefined : toUser(row);
		},
		async recordTokenUse(tokenHash, at) {
			await sql(
				`UPDATE users SET token_last_used_at = $1 WHERE token_hash = $2
				 AND (token_last_used_at IS NULL OR token_last_used_at < $1)`,
				[at, tokenHash],
			);
		},
		async listUsers(organizationId) {
			const rows =
				organizationId === undefined
					? await sql("SELECT * FROM users ORDER BY name, id")
					: await sql("SELECT * FROM users WHERE org_id = $1 ORDER BY name, id", [organizationId]);
			return rows.map(toUser);
		},
		async getMeta(key) {
			const [row] = await sql("SELECT value FROM meta WHERE key = $1", [key]);
			return row === undefined ? undefined : text(row, "value");
		},
		async setMeta(key, value) {
			await sql(
				"INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
				[key, value],
			);
		},
		async listQuarantine(limit) {
			if (!Number.isSafeInteger(limit) || limit < 1) {
				throw new AppError("E_STORE_QUERY_INVALID", `limit must be a positive integer, got ${limit}`);
			}
			return (
				await sql(`SELECT * FROM quarantine WHERE ${HELD_VERSION_SQL} ORDER BY seq DESC LIMIT $1`, [limit])
			).map(toQuarantinedVersion);
		},
		async quarantinedOf(id, organizationId) {
			return (
				await sql(
					`SELECT * FROM quarantine WHERE id = $1 AND org_id = $2 AND ${HELD_VERSION_SQL} ORDER BY version_key, seq`,
					[id, organizationId],
				)
			).map(toQuarantinedVersion);
		},
		async deletedOwnerOf(id) {
			const [row] = await sql("SELECT org_id FROM tombstones WHERE id = $1 AND org_id IS NOT NULL", [id]);
			return row === undefined ? undefined : text(row, "org_id");
		},
		async stats() {
			const [totals] = await sql(
				`SELECT (SELECT count(*) FROM objects) AS versions,
				        (SELECT count(*) FROM quarantine WHERE ${HELD_VERSION_SQL}) AS quarantined,
				        (SELECT count(*) FROM organizations) AS organizations`,
			);
			const types = await sql(
				"SELECT type, count(DISTINCT id) AS n FROM objects GROUP BY type ORDER BY type",
			);
			// fromEntries defines own properties, so a type named "__proto__" stays data.
			const byType: Record<string, number> = Object.fromEntries(
				types.map((row) => [text(row, "type"), integer(row, "n")]),
			);
			// An id has one type, so distinct ids per type add up to distinct objects.
			const objects = Object.values(byType).reduce((sum, n) => sum + n, 0);
			return {
				objects,
				versions: totals === undefined ? 0 : integer(totals, "versions"),
				quarantined: totals === undefined ? 0 : integer(totals, "quarantined"),
				organizations: totals === undefined ? 0 : integer(totals, "organizations"),
				byType,
			};
		},
	};
}

function tokenTaken(cause?: unknown): AppError {
	return new AppError("E_STORE_CONFLICT", "another user already has this token hash", { cause });
}
