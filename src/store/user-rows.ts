// A user's columns as both backends write them: the token's prefix, age and revocation with it (D66).
import type { User } from "./account-records.ts";

export const USER_COLUMNS =
	"id, org_id, name, role, token_hash, created_at, token_prefix, token_created_at, token_revoked_at";

/**
 * The upsert's SET list: everything the record says, and the last use kept while the token is the same one
 * (a new hash is a new token, never used yet).
 */
export const USER_UPDATE = `org_id = excluded.org_id, name = excluded.name, role = excluded.role,
	token_last_used_at = CASE WHEN users.token_hash = excluded.token_hash THEN users.token_last_used_at END,
	token_hash = excluded.token_hash, created_at = excluded.created_at, token_prefix = excluded.token_prefix,
	token_created_at = excluded.token_created_at, token_revoked_at = excluded.token_revoked_at`;

/** The values of USER_COLUMNS for `user`. */
export function userValues(user: User): (string | null)[] {
	return [
		user.id,
		user.organizationId,
		user.name,
		user.role,
		user.tokenHash,
		user.createdAt,
		user.tokenPrefix ?? null,
		user.tokenCreatedAt ?? null,
		user.tokenRevokedAt ?? null,
	];
}
