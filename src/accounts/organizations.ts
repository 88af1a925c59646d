// Local organisations: the STIX identities a node hosts, and their users.
import { randomUUID } from "node:crypto";
import type { Organization, Store, User, UserRole } from "../store/index.ts";
import { hashToken, mintToken } from "./tokens.ts";

export interface NewOrganization {
	name: string;
	sectors?: readonly string[];
	jurisdictions?: readonly string[];
}

/** Records a local organisation under a fresh STIX identity id. */
export async function createOrganization(
	store: Store,
	input: NewOrganization,
	now = new Date(),
): Promise<Organization> {
	const organization: Organization = {
		id: `identity--${randomUUID()}`,
		name: input.name,
		sectors: input.sectors ?? [],
		jurisdictions: (input.jurisdictions ?? []).map((code) => code.toUpperCase()),
		createdAt: now.toISOString(),
	};
	await store.putOrganization(organization);
	return organization;
}

/** Creates a user and returns it with its token, which is shown this once and stored only hashed. */
export async function createUser(
	store: Store,
	input: { organizationId: string; name: string; role: UserRole },
	now = new Date(),
): Promise<{ user: User; token: string }> {
	const token = mintToken();
	const user: User = {
		id: `user--${randomUUID()}`,
		organizationId: input.organizationId,
		name: input.name,
		role: input.role,
		tokenHash: hashToken(token),
		createdAt: now.toISOString(),
	};
	await store.putUser(user);
	return { user, token };
}

/** The user a presented token belongs to, if any. */
export async function authenticate(store: Store, token: string): Promise<User | undefined> {
	return store.findUserByTokenHash(hashToken(token));
}

/** The STIX identity object that represents a local organisation in exports and, later, to partners. */
export function identityObjectOf(organization: Organization): Record<string, unknown> {
	const identity: Record<string, unknown> = {
		type: "identity",
		spec_version: "2.1",
		id: organization.id,
		created: organization.createdAt,
		modified: organization.createdAt,
		name: organization.name,
		identity_class: "organization",
	};
	if (organization.sectors.length > 0) identity.sectors = organization.sectors;
	return identity;
}
