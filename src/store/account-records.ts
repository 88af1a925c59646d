// Records of who uses the node: organisations (local and partner parties) and their users.

export interface Organization {
	/** STIX identity id, `identity--<uuid>`. */
	id: string;
	name: string;
	sectors: readonly string[];
	/** ISO 3166-1 alpha-2 codes or `EU`-style bloc codes. */
	jurisdictions: readonly string[];
	createdAt: string;
	/** Hosted by this node (its own organisation); false for a partner party with users here. Absent: true. */
	local?: boolean;
}

/** What a user may do, least first: read objects; preview, publish and read the policy; administer. */
export const USER_ROLES = ["reader", "analyst", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface User {
	id: string;
	organizationId: string;
	name: string;
	role: UserRole;
	/** SHA-256 hex of the API token; the token itself is never stored. */
	tokenHash: string;
	createdAt: string;
	/** The token's first characters (`ent_AbCd`), shown so a person can tell tokens apart; never enough to use. */
	tokenPrefix?: string;
	/** When the current token was minted (absent for a user from before D66: its creation). */
	tokenCreatedAt?: string;
	/** When the token was revoked: it no longer signs in (`findUserByTokenHash` skips it) until rotated. */
	tokenRevokedAt?: string;
	/**
	 * When the current token was last used to sign in, to the minute (D66: `recordTokenUse`). Kept by the store:
	 * `putUser` keeps it while the hash is unchanged and clears it when a new token replaces the old.
	 */
	tokenLastUsedAt?: string;
}
