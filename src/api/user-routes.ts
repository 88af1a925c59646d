// The user routes (D66): an administrator of one of the node's own organisations lists its users with their
// tokens' prefix, age and last use, adds users, changes roles, mints and revokes tokens. A token is answered once;
// its hash never leaves the store. Other organisations' users are managed on the command line (`entente users`).
import {
	addUser,
	changeRole,
	managedUsers,
	revokeToken,
	rotateToken,
	type UserAdmin,
} from "../accounts/index.ts";
import { auditActorOf, type User } from "../store/index.ts";
import { readJsonBody } from "./json-body.ts";
import { type ApiRoute, defineRoute } from "./route.ts";
import type { ApiServices } from "./services.ts";
import { NoBody, RoleBody, UserBody, type UserView } from "./shapes/index.ts";

/** A user's name and role are small. */
const USER_BODY_BYTES = 4 * 1024;

/** The user routes, over `services`. */
export function userRoutes(services: ApiServices): ApiRoute[] {
	const { store } = services;
	const adminOf = (user: User): UserAdmin & { user: User } => ({ user, actor: auditActorOf(user, "api") });
	return [
		defineRoute({
			route: "GET /users",
			operationId: "users",
			tag: "users",
			summary: "Your organisation's users",
			description:
				"Every user of your organisation with its role and token: the token's prefix, when it was minted, last used " +
				"(recorded at most once a minute) and revoked. Never a token or its hash.",
			action: "users.read",
			errors: [403],
			handle: async ({ user }) => {
				const organization = await store.getOrganization(user.organizationId);
				return {
					organization: { id: user.organizationId, name: organization?.name ?? user.organizationId },
					users: (await managedUsers(store, adminOf(user))).map(userView),
				};
			},
		}),
		defineRoute({
			route: "POST /users",
			operationId: "userAdd",
			tag: "users",
			summary: "Add a user",
			description:
				"Adds a user to your organisation with the role given, and answers its API token this once (only its hash is kept). 409 E_ACCOUNT_NAME_TAKEN when the name is used on the node.",
			action: "users.write",
			requestBody: { content: { "application/json": UserBody } },
			errors: [400, 403, 409, 413, 415],
			handle: async ({ user, context }) => {
				const body = await readJsonBody(context, UserBody, services, USER_BODY_BYTES);
				const created = await addUser(store, adminOf(user), body);
				return { user: userView(created.user), token: created.token };
			},
		}),
		defineRoute({
			route: "POST /users/{id}/role",
			operationId: "userRole",
			tag: "users",
			summary: "Change a user's role",
			description:
				"Gives a user of your organisation another role. You cannot change your own (409 E_ACCOUNT_SELF): ask another admin.",
			action: "users.write",
			requestBody: { content: { "application/json": RoleBody } },
			errors: [400, 403, 404, 409, 413, 415],
			handle: async ({ user, params, context }) => {
				const body = await readJsonBody(context, RoleBody, services, USER_BODY_BYTES);
				return { user: userView(await changeRole(store, adminOf(user), params.id, body.role)) };
			},
		}),
		defineRoute({
			route: "POST /users/{id}/token",
			operationId: "userToken",
			tag: "users",
			summary: "Mint a new token",
			description:
				"Mints a new API token for a user of your organisation (yourself included) and answers it this once; the previous token, revoked or not, stops working at once.",
			action: "users.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404],
			handle: async ({ user, params }) => {
				const rotated = await rotateToken(store, adminOf(user), params.id);
				return { user: userView(rotated.user), token: rotated.token };
			},
		}),
		defineRoute({
			route: "POST /users/{id}/token/revoke",
			operationId: "userTokenRevoke",
			tag: "users",
			summary: "Revoke a token",
			description:
				"Revokes the user's token: its next request is refused (401), on every process serving this store. The user stays, without a working token, until one is minted. Not your own (409 E_ACCOUNT_SELF): rotate it instead.",
			action: "users.write",
			requestBody: { content: { "application/json": NoBody } },
			errors: [400, 403, 404, 409],
			handle: async ({ user, params }) => ({
				user: userView(await revokeToken(store, adminOf(user), params.id)),
			}),
		}),
	];
}

/** A user as an administrator sees it: never the token's hash. */
export function userView(user: User): UserView {
	return {
		id: user.id,
		name: user.name,
		role: user.role,
		createdAt: user.createdAt,
		token: {
			prefix: user.tokenPrefix ?? null,
			createdAt: user.tokenCreatedAt ?? null,
			lastUsedAt: user.tokenLastUsedAt ?? null,
			revokedAt: user.tokenRevokedAt ?? null,
		},
	};
}
