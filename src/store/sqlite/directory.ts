// Organisations, users, node metadata, quarantine listing and statistics: the store's small tables.
import type { DatabaseSync } from "node:sqlite";
import { AppError } from "../../errors/index.ts";
import type { Organization, User } from "../account-records.ts";
import { HELD_VERSION_SQL } from "../quarantine-records.ts";
import { toOrganization, toQuarantinedVersion, toUser } from "../rows.ts";
import type { QuarantinedVersion, StoreStats } from "../store.ts";
import { USER_COLUMNS, USER_UPDATE, userValues } from "../user-rows.ts";

/** Synchronous access to the small tables; writes go to `writer`, reads to `reader`. */
export interface Directory {
	putOrganization(organization: Organization): void;
	getOrganization(id: string): Organization | undefined;
	listOrganizations(): Organization[];
	putUser(user: User): void;
	findUserByTokenHash(tokenHash: string): User | undefined;
	getUser(id: string): User | undefined;
	listUsers(organizationId?: string): User[];
	recordTokenUse(tokenHash: string, at: string): void;
	getMeta(key: string): string | undefined;
	setMeta(key: string, value: string): void;
	listQuarantine(limit: number): QuarantinedVersion[];
	quarantinedOf(id: string, organizationId: string): QuarantinedVersion[];
	deletedOwnerOf(id: string): string | undefined;
	stats(): StoreStats;
}

/** Prepares the statements of the small tables on their connections. */
export function createDirectory(writer: DatabaseSync, reader: DatabaseSync): Directory {
	const upsertOrganization = writer.prepare(
		`INSERT INTO organizations (id, name, sectors, jurisdictions, created_at, local) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET name = excluded.name, sectors = excluded.sectors,
		 jurisdictions = excluded.jurisdictions, created_at = excluded.created_at, local = excluded.local`,
	);
	const selectOrganization = reader.prepare("SELECT * FROM organizations WHERE id = ?");
	const selectOrganizations = reader.prepare("SELECT * FROM organizations ORDER BY name, id");
	const organizationExists = writer.prepare("SELECT 1 FROM organizations WHERE id = ?");
	const tokenOwner = writer.prepare("SELECT id FROM users WHERE token_hash = ?");
	const upsertUser = writer.prepare(
		`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET ${USER_UPDATE}`,
	);
	const selectUserByToken = reader.prepare(
		"SELECT * FROM users WHERE token_hash = ? AND token_revoked_at IS NULL",
	);
	const selectUser = reader.prepare("SELECT * FROM users WHERE id = ?");
	const updateTokenUse = writer.prepare(
		`UPDATE users SET token_last_used_at = ?1 WHERE token_hash = ?2
		 AND (token_last_used_at IS NULL OR token_last_used_at < ?1)`,
	);
	const selectUsers = reader.prepare("SELECT * FROM users ORDER BY name, id");
	const selectUsersOf = reader.prepare("SELECT * FROM users WHERE org_id = ? ORDER BY name, id");
	const selectMeta = reader.prepare("SELECT value FROM meta WHERE key = ?");
	const upsertMeta = writer.prepare(
		"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	);
	const selectQuarantine = reader.prepare(
		`SELECT * FROM quarantine WHERE ${HELD_VERSION_SQL} ORDER BY seq DESC LIMIT ?`,
	);
	const selectQuarantinedOf = reader.prepare(
		`SELECT * FROM quarantine WHERE id = ? AND org_id = ? AND ${HELD_VERSION_SQL} ORDER BY version_key, seq`,
	);
	const selectDeletedOwner = reader.prepare(
		"SELECT org_id FROM tombstones WHERE id = ? AND org_id IS NOT NULL",
	);
	const selectTotals = reader.prepare(
		`SELECT (SELECT count(*) FROM objects) AS versions,
		        (SELECT count(*) FROM quarantine WHERE ${HELD_VERSION_SQL}) AS quarantined,
		        (SELECT count(*) FROM organizations) AS organizations`,
	);
	const selectByType = reader.prepare(
		"SELECT type, count(DISTINCT id) AS n FROM objects GROUP BY type ORDER BY type",
	);

	return {
		putOrganization(organization) {
			upsertOrganization.run(
				organization.id,
				organization.name,
				JSON.stringify(organization.sectors),
				JSON.stringify(organization.jurisdictions),
				organization.createdAt,
				organization.local === false ? 0 : 1,
			);
		},
		getOrganization(id) {
			const row = selectOrganization.get(id);
			return row === undefined ? undefined : toOrganization(row);
		},
		listOrganizations() {
			return selectOrganizations.all().map(toOrganization);
		},
		putUser(user) {
			// Checked first for a clear error; the foreign key and UNIQUE constraints stay the last word.
			if (organizationExists.get(user.organizationId) === undefined) {
				throw new AppError("E_STORE_NOT_FOUND", `organization ${user.organizationId} does not exist`);
			}
			const owner = tokenOwner.get(user.tokenHash);
			if (owner !== undefined && owner.id !== user.id) {
				throw new AppError("E_STORE_CONFLICT", "another user already has this token hash");
			}
			upsertUser.run(...userValues(user));
		},
		findUserByTokenHash(tokenHash) {
			const row = selectUserByToken.get(tokenHash);
			return row === undefined ? undefined : toUser(row);
		},
		getUser(id) {
			const row = selectUser.get(id);
			return row === undefined ? undefined : toUser(row);
		},
		recordTokenUse(tokenHash, at) {
			updateTokenUse.run(at, tokenHash);
		},
		listUsers(organizationId) {
			const rows = organizationId === undefined ? selectUsers.all() : selectUsersOf.all(organizationId);
			return rows.map(toUser);
		},
		getMeta(key) {
			const value = selectMeta.get(key)?.value;
			return typeof value === "string" ? value : undefined;
		},
		setMeta(key, value) {
			upsertMeta.run(key, value);
		},
		listQuarantine(limit) {
			if (!Number.isSafeInteger(limit) || limit < 1) {
				throw new AppError("E_STORE_QUERY_INVALID", `limit must be a positive integer, got ${limit}`);
			}
			return selectQuarantine.all(limit).map(toQuarantinedVersion);
		},
		quarantinedOf(id, organizationId) {
			return selectQuarantinedOf.all(id, organizationId).map(toQuarantinedVersion);
		},
		deletedOwnerOf(id) {
			const owner = selectDeletedOwner.get(id)?.org_id;
			return typeof owner === "string" ? owner : undefined;
		},
		stats() {
			const totals = selectTotals.get() ?? {};
			// fromEntries defines own properties, so a type named "__proto__" stays data.
			const byType: Record<string, number> = Object.fromEntries(
				selectByType.all().map((row) => [String(row.type), Number(row.n)]),
			);
			// An id has one type, so distinct ids per type add up to distinct objects.
			const objects = Object.values(byType).reduce((sum, n) => sum + n, 0);
			return {
				objects,
				versions: Number(totals.versions ?? 0),
				quarantined: Number(totals.quarantined ?? 0),
				organizations: Number(totals.organizations ?? 0),
				byType,
			};
		},
	};
}
