// Local organisations: the STIX identities a node hosts, and their users.
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/index.ts";
import type { AuditActor, Organization, Store, User, UserRole } from "../store/index.ts";
import { hashToken, mintToken, tokenPrefixOf } from "./tokens.ts";

export interface NewOrganization {
	/** A STIX identity id to use (e.g. the one the sharing policy gives this organisation); default: a new one. */
	id?: string;
	name: string;
	sectors?: readonly string[];
	jurisdictions?: readonly string[];
}

const IDENTITY_ID = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Records a local organisation, under a fresh STIX identity id unless one is given. */
export async function createOrganization(
	store: Store,
	input: NewOrganization,
	now = new Date(),
): Promise<Organization> {
	if (input.id !== undefined && !IDENTITY_ID.test(input.id)) {
		throw new AppError(
			"E_CONFIG_INVALID",
			`${input.id} is not a STIX identity id; expected identity--<UUIDv4>, e.g. identity--${randomUUID()}`,
		);
	}
	const organization: Organization = {
		id: input.id ?? `identity--${randomUUID()}`,
		name: input.name,
		sectors: input.sectors ?? [],
		jurisdictions: (input.jurisdictions ?? []).map((code) => code.toUpperCase()),
		createdAt: now.toISOString(),
	};
	await store.putOrganization(organization);
	return organization;
}

/**
 * Whether `organization` is one of the node's own. A missing organisation is not: a user whose
 * organisation is unknown is judged as a stranger, never as the house.
 */
export function isLocalOrganization(organization: Organization | undefined): boolean {
	return organization !== undefined && organization.local !== false;
}

/**
 * Creates a user and returns it with its token, which is shown this once and stored only hashed.
 * @throws AppError E_ACCOUNT_PARTNER_ADMIN for an admin of an organisation that is not the node's own:
 * partner users are never node administrators (D35; sign-in refuses any such user that exists anyway).
 */
export async function createUser(
	store: Store,
	/** `by`: who creates it, recorded in the audit trail (D66); absent, nothing is recorded. */
	input: { organizationId: string; name: string; role: UserRole; by?: AuditActor },
	now = new Date(),
): Promise<{ user: User; token: string }> {
	await refusePartnerAdmin(store, input.organizationId, input.role);
	const token = mintToken();
	const createdAt = now.toISOString();
	const user: User = {
		id: `user--${randomUUID()}`,
		organizationId: input.organizationId,
		name: input.name,
		role: input.role,
		tokenHash: hashToken(token),
		createdAt,
		tokenPrefix: tokenPrefixOf(token),
		tokenCreatedAt: createdAt,
	};
	await store.putUser(user);
	if (input.by !== undefined) {
		await store.appendAudit({
			actor: input.by,
			action: "user.create",
			target: user.id,
			summary: `created ${user.role} ${user.name} with token ${user.tokenPrefix}…`,
			details: { name: user.name, role: user.role, organization: user.organizationId },
		});
	}
	return { user, token };
}

/** Throws E_ACCOUNT_PARTNER_ADMIN when `role` is admin and `organizationId` is not one of the node's own (D35). */
export async function refusePartnerAdmin(
	store: Store,
	organizationId: string,
	role: UserRole,
): Promise<void> {
	if (role !== "admin") return;
	const organization = await store.getOrganization(organizationId);
	if (!isLocalOrganization(organization)) {
		throw new AppError(
			"E_ACCOUNT_PARTNER_ADMIN",
			`${organization?.name ?? organizationId} is not one of this node's own organisations, and partner ` +
				"users are never node administrators: give the user role analyst or reader (--role analyst)",
			{ details: { organization: organizationId } },
		);
	}
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

/**
 * The local organisation to record incoming objects under: the one requested, else the node's oldest
 * local organisation. Partner parties (upserted when a policy is applied) are never chosen: recording
 * a partner as the owner of our own import would let the policy treat it as that partner's object.
 */
export async function localOrganization(store: Store, requested?: string): Promise<Organization> {
	const local = (await store.listOrganizations())
		.filter((organization) => organization.local !== false)
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	const chosen =
		requested === undefined ? local[0] : local.find((organization) => organization.id === requested);
	if (chosen !== undefined) return chosen;
	throw new AppError(
		"E_CONFIG_INVALID",
		requested === undefined
			? "this node hosts no organisation; run 'entente init'"
			: `--org ${requested} is not a local organisation of this node; local ones: ${local
					.map((organization) => `${organization.id} (${organization.name})`)
					.join(", ")}`,
	);
}
