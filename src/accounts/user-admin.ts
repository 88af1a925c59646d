// What an administrator does to the users of their organisation (D66): add one, change a role, mint a new token
// (the old one stops at once) and revoke one. Each is recorded in the audit trail; a token is answered once.
import { AppError } from "../errors/index.ts";
import type { AuditActor, Store, User, UserRole } from "../store/index.ts";
import { createUser, refusePartnerAdmin } from "./organizations.ts";
import { hashToken, mintToken, tokenPrefixOf } from "./tokens.ts";

/**
 * Who manages users: an administrator signed in (`user`: their organisation bounds what they manage, and they are
 * never their own subject), or the command line on the data directory (no `user`: every organisation's users).
 */
export interface UserAdmin {
	user?: User;
	actor: AuditActor;
}

/**
 * The users an administrator manages: those of their own organisation, by name. Partner parties' users and other
 * local organisations' users are managed on the command line on the data directory (`entente users`).
 */
export async function managedUsers(store: Store, admin: UserAdmin): Promise<User[]> {
	return store.listUsers(admin.user?.organizationId);
}

/**
 * Adds a user to the administrator's organisation and answers it with its token (shown this once).
 * @throws AppError E_ACCOUNT_NAME_TAKEN when a user of the node already has the name (HTTP Basic signs in by it).
 */
export async function addUser(
	store: Store,
	admin: UserAdmin & { user: User },
	input: { name: string; role: UserRole },
	now = new Date(),
): Promise<{ user: User; token: string }> {
	const taken = (await store.listUsers()).some((user) => user.name === input.name);
	if (taken) {
		throw new AppError(
			"E_ACCOUNT_NAME_TAKEN",
			`a user named ${input.name} exists already; choose another name`,
			{
				details: { name: input.name },
			},
		);
	}
	return createUser(
		store,
		{ organizationId: admin.user.organizationId, name: input.name, role: input.role, by: admin.actor },
		now,
	);
}

/**
 * Gives a managed user another role.
 * @throws AppError E_ACCOUNT_USER_NOT_FOUND, E_ACCOUNT_SELF (an admin never changes their own role: ask another,
 * so the last admin cannot lock everyone out), E_ACCOUNT_PARTNER_ADMIN.
 */
export async function changeRole(
	store: Store,
	admin: UserAdmin,
	userId: string,
	role: UserRole,
): Promise<User> {
	const user = await managedUser(store, admin, userId);
	refuseSelf(admin, user, "change your own role; ask another admin of your organisation");
	await refusePartnerAdmin(store, user.organizationId, role);
	if (user.role === role) return user;
	const changed: User = { ...user, role };
	await store.putUser(changed);
	await store.appendAudit({
		actor: admin.actor,
		action: "user.role",
		target: user.id,
		summary: `changed ${user.name}'s role from ${user.role} to ${role}`,
		details: { name: user.name, from: user.role, to: role },
	});
	return (await store.getUser(user.id)) ?? changed;
}

/**
 * Mints a new token for a managed user (yourself included); the old one, revoked or not, stops signing in at
 * once, in every process on the store (each request looks its token up in the store). Answered once.
 */
export async function rotateToken(
	store: Store,
	admin: UserAdmin,
	userId: string,
	now = new Date(),
): Promise<{ user: User; token: string }> {
	const user = await managedUser(store, admin, userId);
	const token = mintToken();
	const { tokenRevokedAt: wasRevoked, tokenLastUsedAt: _lastUse, ...kept } = user;
	const rotated: User = {
		...kept,
		tokenHash: hashToken(token),
		tokenPrefix: tokenPrefixOf(token),
		tokenCreatedAt: now.toISOString(),
	};
	await store.putUser(rotated);
	const action = wasRevoked === undefined ? "token.rotate" : "token.create";
	await store.appendAudit({
		actor: admin.actor,
		action,
		target: user.id,
		summary: `${action === "token.rotate" ? "replaced" : "minted"} ${user.name}'s token: ${rotated.tokenPrefix}…${
			user.tokenPrefix === undefined ? "" : ` (was ${user.tokenPrefix}…)`
		}`,
		details: { name: user.name, prefix: rotated.tokenPrefix },
	});
	return { user: rotated, token };
}

/**
 * Revokes a managed user's token: it stops signing in at once (every process looks tokens up in the store);
 * the user stays, without a working token, until one is minted. Revoking a revoked token changes nothing.
 * @throws AppError E_ACCOUNT_SELF for your own token (rotate it instead, or ask another admin).
 */
export async function revokeToken(
	store: Store,
	admin: UserAdmin,
	userId: string,
	now = new Date(),
): Promise<User> {
	const user = await managedUser(store, admin, userId);
	refuseSelf(admin, user, "revoke your own token, which would sign you out for good; rotate it instead");
	if (user.tokenRevokedAt !== undefined) return user;
	const revoked: User = { ...user, tokenRevokedAt: now.toISOString() };
	await store.putUser(revoked);
	await store.appendAudit({
		actor: admin.actor,
		action: "token.revoke",
		target: user.id,
		summary: `revoked ${user.name}'s token${user.tokenPrefix === undefined ? "" : ` ${user.tokenPrefix}…`}`,
		details: { name: user.name, ...(user.tokenPrefix === undefined ? {} : { prefix: user.tokenPrefix }) },
	});
	return revoked;
}

/**
 * A user of the administrator's organisation (by id; the command line also by name); another organisation's user
 * is as missing as an unknown id.
 */
async function managedUser(store: Store, admin: UserAdmin, userId: string): Promise<User> {
	const scope = admin.user?.organizationId;
	const user =
		(await store.getUser(userId)) ??
		(scope === undefined
			? (await store.listUsers()).find((candidate) => candidate.name === userId)
			: undefined);
	if (user === undefined || (scope !== undefined && user.organizationId !== scope)) {
		throw new AppError(
			"E_ACCOUNT_USER_NOT_FOUND",
			scope === undefined
				? `no user ${userId} on this node: see 'entente users list'`
				: `no user ${userId} in your organisation: see GET /api/v1/users`,
		);
	}
	return user;
}

function refuseSelf(admin: UserAdmin, user: User, what: string): void {
	if (admin.user?.id === user.id) throw new AppError("E_ACCOUNT_SELF", `you cannot ${what}`);
}
