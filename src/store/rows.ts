// Maps a backend's rows to the store's records: the one decoding both SQLite and PostgreSQL use.
import type { StixObject } from "../stix/core.ts";
import type { Organization, User, UserRole } from "./account-records.ts";
import type { IncidentRecord } from "./incident-records.ts";
import type {
	QuarantineAction,
	QuarantineActionName,
	QuarantineItem,
	QuarantineKind,
	QuarantineState,
} from "./quarantine-records.ts";
import type { QuarantinedVersion, StoredVersion } from "./store.ts";
import type { AccessRule, CollectionDefinition, CollectionFilter, StatusRecord } from "./taxii-records.ts";
import { formatMicros } from "./timestamps.ts";

/** A row as a driver returns it: node:sqlite gives numbers and 0/1, pg bigints as decimal text and booleans. */
export type Row = Record<string, unknown>;

/** The columns `toStoredVersion` reads, for SELECT lists (plus an optional `latest`). */
export const VERSION_COLUMNS =
	"o.date_added, o.id, o.version, o.type, o.spec_version, o.org_id, o.source, o.flags, o.body";

export function text(row: Row, column: string): string {
	const value = row[column];
	if (typeof value !== "string") throw new TypeError(`column ${column} is not text`);
	return value;
}

/** An integer or bigint column as a number (every value the store writes is a safe integer). */
export function integer(row: Row, column: string): number {
	const value = row[column];
	const number = typeof value === "string" ? Number(value) : value;
	if (typeof number !== "number" || !Number.isSafeInteger(number)) {
		throw new TypeError(`column ${column} is not an integer`);
	}
	return number;
}

/** A boolean column (pg) or a 0/1 one (SQLite); undefined when the row has no such column. */
function flag(row: Row, column: string): boolean | undefined {
	const value = row[column];
	if (typeof value === "boolean") return value;
	if (typeof value === "number") return value !== 0;
	return undefined;
}

function stringList(json: unknown): string[] {
	return typeof json === "string" ? (JSON.parse(json) as string[]) : [];
}

/** An `objects` row selected with VERSION_COLUMNS; pass a microsFormatter when mapping a page. */
export function toStoredVersion(row: Row, format: (micros: number) => string = formatMicros): StoredVersion {
	const latest = flag(row, "latest");
	return {
		object: JSON.parse(text(row, "body")) as StixObject,
		id: text(row, "id"),
		type: text(row, "type"),
		version: text(row, "version"),
		specVersion: text(row, "spec_version"),
		dateAdded: format(integer(row, "date_added")),
		provenance: { organizationId: text(row, "org_id"), source: text(row, "source") },
		flags: stringList(row.flags),
		...(latest === undefined ? {} : { latest }),
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

/** A `quarantine` row as an operator lists it (the body aside). */
export function toQuarantineItem(row: Row): QuarantineItem {
	return {
		seq: integer(row, "seq"),
		kind: text(row, "kind") as QuarantineKind,
		state: text(row, "state") as QuarantineState,
		objectId: text(row, "id"),
		version: text(row, "version"),
		receivedAt: formatMicros(integer(row, "received_at")),
		reason: text(row, "reason"),
		organizationId: text(row, "org_id"),
		source: text(row, "source"),
		bytes: integer(row, "bytes"),
		truncated: flag(row, "truncated") === true,
	};
}

/** A `quarantine_actions` row. */
export function toQuarantineAction(row: Row): QuarantineAction {
	return {
		item: integer(row, "item"),
		action: text(row, "action") as QuarantineActionName,
		by: text(row, "actor"),
		at: text(row, "at"),
		note: text(row, "note"),
		state: text(row, "state") as QuarantineState,
	};
}

/** An `organizations` row; `local` defaults to true (organisations created before the column existed). */
export function toOrganization(row: Row): Organization {
	return {
		id: text(row, "id"),
		name: text(row, "name"),
		sectors: stringList(row.sectors),
		jurisdictions: stringList(row.jurisdictions),
		createdAt: text(row, "created_at"),
		local: flag(row, "local") !== false,
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
		...optionalTexts(row, {
			tokenPrefix: "token_prefix",
			tokenCreatedAt: "token_created_at",
			tokenRevokedAt: "token_revoked_at",
			tokenLastUsedAt: "token_last_used_at",
		}),
	};
}

/** The text columns of `row` that are not null, under the names given. */
function optionalTexts<K extends string>(row: Row, columns: Record<K, string>): Partial<Record<K, string>> {
	const present: Partial<Record<K, string>> = {};
	for (const [name, column] of Object.entries(columns) as [K, string][]) {
		const value = row[column];
		if (typeof value === "string") present[name] = value;
	}
	return present;
}

/** A `collections` row. */
export function toCollection(row: Row): CollectionDefinition {
	const collection: CollectionDefinition = {
		id: text(row, "id"),
		title: text(row, "title"),
		read: JSON.parse(text(row, "read_access")) as AccessRule,
		write: JSON.parse(text(row, "write_access")) as AccessRule,
		filter: JSON.parse(text(row, "filter")) as CollectionFilter,
	};
	if (typeof row.description === "string") collection.description = row.description;
	if (typeof row.alias === "string") collection.alias = row.alias;
	return collection;
}

/** A `taxii_statuses` row. */
export function toStatus(row: Row): StatusRecord {
	return {
		resource: JSON.parse(text(row, "resource")) as StatusRecord["resource"],
		apiRoot: text(row, "api_root"),
		organizationId: text(row, "org_id"),
		expiresAt: formatMicros(integer(row, "expires_at")),
	};
}

/** An `incidents` row (D37): a release the invariants stopped. */
export function toIncident(row: Row): IncidentRecord {
	return {
		seq: integer(row, "seq"),
		at: text(row, "at"),
		invariant: text(row, "invariant"),
		objectId: text(row, "object_id"),
		...(row.object_version === null || row.object_version === undefined
			? {}
			: { objectVersion: text(row, "object_version") }),
		partyId: text(row, "party_id"),
		userId: text(row, "user_id"),
		purpose: text(row, "purpose"),
		reason: text(row, "reason"),
	};
}
