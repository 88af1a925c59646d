// `entente users add|list`: accounts for the node's own organisations and for partner parties of the policy.

import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { createUser, revokeToken, rotateToken, type UserAdmin } from "../../accounts/index.ts";
import { AppError } from "../../errors/index.ts";
import { openNode } from "../../main.ts";
import { USER_ROLES, type User, type UserRole } from "../../store/index.ts";
import { printJson, printTable } from "../output.ts";
import { cliActor } from "./cli-actor.ts";
import { withNode } from "./node-session.ts";

function parseRole(value: string): UserRole {
	const role = USER_ROLES.find((r) => r === value);
	if (role === undefined) throw new InvalidArgumentError(`a role is one of ${USER_ROLES.join(", ")}`);
	return role;
}

export function registerUsers(program: Command): void {
	const command = program
		.command("users")
		.description("user accounts: each acts for one organisation, which is a party of the sharing policy");
	tokenCommand(command);
	revokeCommand(command);

	command
		.command("add")
		.description(
			"create a user of a party (an organisation of this node, or a partner party of the applied policy)",
		)
		.requiredOption("--party <identity-id>", "the party's STIX identity id (see 'entente policy show')")
		.requiredOption("--name <name>", "user name (HTTP Basic user name for TAXII clients)")
		.requiredOption("--role <role>", "reader, analyst or admin", parseRole)
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the user and token as JSON")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const organization = await node.store.getOrganization(options.party);
				if (organization === undefined) {
					throw new AppError(
						"E_PARTY_UNKNOWN",
						`no organisation ${options.party} on this node; partner parties exist once a policy naming them is applied ('entente policy apply FILE')`,
					);
				}
				const { user, token } = await createUser(node.store, {
					organizationId: organization.id,
					name: options.name,
					role: options.role,
					by: cliActor(),
				});
				const local = organization.local !== false;
				if (options.json === true) {
					printJson({ id: user.id, name: user.name, role: user.role, party: organization.id, local, token });
					return;
				}
				process.stdout.write(
					`Created ${user.role} ${user.name} (${user.id}) for ${organization.name}${local ? "" : " (partner party)"}\n` +
						`Token (shown once, store it now): ${token}\n`,
				);
			} finally {
				await node.close();
			}
		});

	command
		.command("list")
		.description("list users with their party")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the users as JSON (never their token hashes)")
		.action(async (options) => {
			const node = await openNode({ dataDir: options.data, logLevel: "warn" });
			try {
				const organizations = new Map((await node.store.listOrganizations()).map((o) => [o.id, o]));
				const users = (await node.store.listUsers()).map((user) => {
					const organization = organizations.get(user.organizationId);
					return {
						id: user.id,
						name: user.name,
						role: user.role,
						party: user.organizationId,
						partyName: organization?.name ?? "",
						local: organization?.local !== false,
						createdAt: user.createdAt,
						token: tokenOf(user),
					};
				});
				if (options.json === true) {
					printJson(users);
					return;
				}
				printTable(
					["name", "role", "party", "local", "token", "last used", "id"],
					users.map((u) => [
						u.name,
						u.role,
						u.partyName || u.party,
						u.local ? "yes" : "no",
						u.token.revokedAt === null ? `${u.token.prefix ?? "?"}…` : "revoked",
						u.token.lastUsedAt?.slice(0, 16).replace("T", " ") ?? "never",
						u.id,
					]),
				);
			} finally {
				await node.close();
			}
		});
}

/** A token as listed: never the token or its hash (D66). */
function tokenOf(user: User) {
	return {
		prefix: user.tokenPrefix ?? null,
		lastUsedAt: user.tokenLastUsedAt ?? null,
		revokedAt: user.tokenRevokedAt ?? null,
	};
}

const CLI_ADMIN = (): UserAdmin => ({ actor: cliActor() });

function tokenCommand(group: Command): void {
	group
		.command("token")
		.description(
			"mint a new token for a user (shown once); the old one, revoked or not, stops working at once",
		)
		.argument("<user>", "the user's name or id")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.option("--json", "print the user and token as JSON")
		.action(async (ref: string, options) => {
			await withNode(options.data, async (node) => {
				const { user, token } = await rotateToken(node.store, CLI_ADMIN(), ref);
				if (options.json === true) {
					printJson({ id: user.id, name: user.name, token });
					return;
				}
				process.stdout.write(`New token for ${user.name} (shown once, store it now): ${token}\n`);
			});
		});
}

function revokeCommand(group: Command): void {
	group
		.command("revoke")
		.description("revoke a user's token: its next request is refused, on every process serving this store")
		.argument("<user>", "the user's name or id")
		.option("--data <dir>", "data directory (default: $ENTENTE_DATA or ./data)")
		.action(async (ref: string, options) => {
			await withNode(options.data, async (node) => {
				const user = await revokeToken(node.store, CLI_ADMIN(), ref);
				process.stdout.write(
					`Revoked ${user.name}'s token; 'entente users token ${user.name}' mints a new one\n`,
				);
			});
		});
}
