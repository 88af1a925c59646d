// A stream's or release webhook's `collection` (D59): a TAXII collection the user may read, found by id or alias;
// one it may not read is answered as one that does not exist. The access rule is the TAXII server's (§5.2.1).
import { AppError } from "../../errors/index.ts";
import type { AccessRule, CollectionFilter, Store, User } from "../../store/index.ts";

/**
 * The collection `name` (id or alias) as a filter, when `user` may read it.
 * @throws AppError E_STREAM_COLLECTION_NOT_FOUND when there is none the user may read.
 */
export async function collectionFilterOf(
	store: Store,
	name: string,
	user: User,
	local: boolean,
): Promise<{ id: string; filter: CollectionFilter }> {
	const collection = (await store.listCollections()).find((c) => c.id === name || c.alias === name);
	if (collection === undefined || !covers(collection.read, user, local)) {
		throw new AppError(
			"E_STREAM_COLLECTION_NOT_FOUND",
			`no collection '${name.slice(0, 100)}' you may read: see GET /taxii2/api/collections/ for yours`,
		);
	}
	return { id: collection.id, filter: collection.filter };
}

/** taxii/server/collections.ts's `allows`: "local" covers the node's own organisations only. */
function covers(rule: AccessRule, user: User, local: boolean): boolean {
	const organizationOk =
		rule.organizations === "local" ? local : rule.organizations.includes(user.organizationId);
	return organizationOk && (rule.roles === undefined || rule.roles.includes(user.role));
}
