// Collections are views the operator defines over the store (§5.2.1): what they hold and who may read or write.
import { randomUUID } from "node:crypto";
import type { AccessRule, CollectionDefinition, User } from "../../store/index.ts";
import { STIX_MEDIA_TYPE } from "./media-types.ts";

export type { AccessRule, CollectionDefinition, CollectionFilter } from "../../store/index.ts";

/** The collection seeded on first use: everything the node holds, readable by its organisations. */
export function defaultCollection(nodeName: string): CollectionDefinition {
	return {
		id: randomUUID(),
		title: `All objects of ${nodeName}`,
		description: "Every object this node holds that you may receive.",
		alias: "all",
		read: { organizations: "local" },
		write: { organizations: "local", roles: ["admin", "analyst"] },
		filter: {},
	};
}

/**
 * True when `rule` covers `user`. `"local"` covers users of the node's own organisations only, not
 * those of partner parties (`entente users add --party`): partners are granted collections by id.
 */
export function allows(rule: AccessRule, user: User, local: boolean): boolean {
	const organizationOk =
		rule.organizations === "local" ? local : rule.organizations.includes(user.organizationId);
	return organizationOk && (rule.roles === undefined || rule.roles.includes(user.role));
}

/** The user's rights on a collection; a collection granting neither does not exist for them. */
export interface CollectionAccess {
	canRead: boolean;
	canWrite: boolean;
}

/** The rights of `user` (of a local organisation or not) on `collection`. */
export function accessOf(collection: CollectionDefinition, user: User, local: boolean): CollectionAccess {
	return {
		canRead: allows(collection.read, user, local),
		canWrite: allows(collection.write, user, local),
	};
}

/** The collection resource (§5.2.1) as this user sees it. */
export function collectionResource(
	collection: CollectionDefinition,
	access: CollectionAccess,
): Record<string, unknown> {
	const resource: Record<string, unknown> = { id: collection.id, title: collection.title };
	if (collection.description !== undefined) resource.description = collection.description;
	if (collection.alias !== undefined) resource.alias = collection.alias;
	resource.can_read = access.canRead;
	resource.can_write = access.canWrite;
	resource.media_types = [STIX_MEDIA_TYPE];
	return resource;
}
