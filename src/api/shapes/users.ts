// Users and their tokens as an administrator manages them (D66): never a token's hash, a new token only once.
import { z } from "zod";
import { ROLES } from "./vocabulary.ts";

export const TokenView = z.strictObject({
	prefix: z.string().nullable().meta({
		description: "the token's first characters (`ent_` and 6 more), to tell tokens apart; null before D66",
	}),
	createdAt: z.string().nullable().meta({ description: "when this token was minted; null before D66" }),
	lastUsedAt: z
		.string()
		.nullable()
		.meta({ description: "when it last signed in (recorded at most once a minute per token); null: never" }),
	revokedAt: z.string().nullable().meta({ description: "when it was revoked; null while it works" }),
});
export type TokenView = z.output<typeof TokenView>;

export const UserView = z.strictObject({
	id: z.string(),
	name: z.string(),
	role: z.enum(ROLES),
	createdAt: z.string(),
	token: TokenView,
});
export type UserView = z.output<typeof UserView>;

export const UsersResult = z.strictObject({
	organization: z.strictObject({ id: z.string(), name: z.string() }),
	users: z.array(UserView).meta({ description: "the users of your organisation, by name" }),
});
export type UsersResult = z.output<typeof UsersResult>;

export const UserResult = z.strictObject({ user: UserView });
export type UserResult = z.output<typeof UserResult>;

export const UserWithToken = z.strictObject({
	user: UserView,
	token: z.string().meta({
		description: "the new API token, answered this once: the node keeps only its hash, so store it now",
	}),
});
export type UserWithToken = z.output<typeof UserWithToken>;

export const UserIdParams = z.strictObject({
	id: z.string().min(1).max(200).meta({ description: "the user's id (`user--…`)" }),
});

/** HTTP Basic signs in by name, so a name holds no colon and no control character. */
export const UserBody = z.strictObject({
	name: z
		.string()
		.trim()
		.min(1)
		.max(100)
		.regex(
			/^[^:\p{Cc}]+$/u,
			"a user name holds no colon and no control character (HTTP Basic signs in by it)",
		)
		.meta({ description: "the user name (HTTP Basic's user name for TAXII clients); unique on the node" }),
	role: z.enum(ROLES),
});
export type UserBody = z.output<typeof UserBody>;

export const RoleBody = z.strictObject({ role: z.enum(ROLES) });
export type RoleBody = z.output<typeof RoleBody>;
