// Maps PostgreSQL rows to the store's records; nothing outside this folder ever sees a row.
import type { StixObject } from "../../stix/core.ts";
import type { Organization, QuarantinedVersion, StoredVersion, User, UserRole } from "../store.ts";
import { formatMicros } from "../timestamps.ts";

/** A row as pg returns it: bigint columns arrive as decimal text, booleans as booleans. */
export type Row = Record<string, unknown>;

/** The columns `toStoredVersion` reads, for SELECT lists (plus an optional boolean `latest`). */
export const VERSION_COLUMNS =
	"o.date_added, o.id, o.version, o.type, o.spec_version, o.org_id, o.source, o.flags, o.body";

export function text(row: Row, column: string): string {
	const value = row[column];
	if (typeof value !== "string") throw new TypeError(`column ${column} is not text`);
	return value;
}

/** A bigint or integer column as a number (every value the store writes is a safe integer). */
export function integer(row: Row, column: string): number {
	const value = row[column];
	const number = typeof value === "string" ? Number(value) : value;
	if (typeof number !== "number" || !Number.isSafeInteger(number)) {
		throw new TypeError(`column ${column} is not an integer`);
	}
	return number;
}

function stringList(json: unknown): string[] {
	return typeof json === "string" ? (JSON.parse(json) as string[]) : [];
}

/** An `objects` row selected with VERSION_COLUMNS; pass a microsFormatter when mapping a page. */
export function toStoredVersion(row: Row, format: (micros: number) => string = formatMicros): StoredVersion {
	return {
		object: JSON.parse(text(row, "body")) as StixObject,
		id: text(row, "id"),
		type: text(row, "type"),
		version: text(row, "version"),
		specVersion: text(row, "spec_version"),
		dateAdded: format(integer(row, "date_added")),
		provenance: { organizationId: text(row, "org_id"), source: text(row, "source") },
		flags: stringList(row.flags),
		...(typeof row.latest === "boolean" ? { latest: row.latest } : {}),
	};
}

/** A `quarantine` row. */
export function toQuarantinedVersion(row: Row): QuarantinedVersion {
	return {
		id: text(row, "id"),
		version: text(row, "version"),
		receivedAt: formatMicros(integer(row, "received_at")),
		reason: text(row, "reason"),
		object: JSON.parse(text(row, "body")) as StixObject,
		provenance: { organizationId: text(row, "org_id"), source: text(row, "source") },
	};
}

/** An `organizations` row. */
export function toOrganization(row: Row): Organization {
	return {
		id: text(row, "id"),
		name: text(row, "name"),
		sectors: stringList(row.sectors),
		jurisdictions: stringList(row.jurisdictions),
		createdAt: text(row, "created_at"),
		local: row.local !== false,
	};
}

/** A `users` row. */
export function toUser(row: Row): User {
	return {
		id: text(row, "id"),
		organizationId: text(row, "org_id"),
		name: text(row, "name"),
		role: text(row, "role") as UserRole,
		tokenHash: text(row, "token_hash"),
		createdAt: text(row, "created_at"),
	};
}
