// A whole collection as one user receives it: the latest version of each object in it, every one through the
// egress gate for that user. The MISP feed converts this set, so nothing the gate withholds can reach an event,
// the manifest or hashes.csv.
import { AppError } from "../../errors/index.ts";
import type { EgressGate, Viewer } from "../../policy/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { ObjectQuery, Store } from "../../store/index.ts";
import type { CollectionDefinition } from "../server/collections.ts";

const PAGE = 1000;

/**
 * The most objects one feed converts per request: the whole feed is built in memory, so a collection past this
 * is refused with the fix (a narrower collection) rather than exhausting the process.
 */
export const MAX_FEED_OBJECTS = 250_000;

/**
 * Every object of `collection` released to `viewer`, latest versions, in the store's order (date added); the copies
 * exactly as the gate released them (a transformed copy under its new id).
 * @throws AppError E_MISP_FEED_TOO_LARGE past `maxObjects` released objects.
 */
export async function releasedCollection(
	store: Store,
	gate: EgressGate,
	viewer: Viewer,
	collection: CollectionDefinition,
	maxObjects = MAX_FEED_OBJECTS,
): Promise<StixObject[]> {
	const query: ObjectQuery = { versions: ["last"], limit: PAGE };
	if (collection.filter.types !== undefined) query.types = collection.filter.types;
	if (collection.filter.sourceOrganizations !== undefined) {
		query.organizationIds = collection.filter.sourceOrganizations;
	}
	const released: StixObject[] = [];
	let after: string | undefined;
	for (;;) {
		const page = await store.query(after === undefined ? query : { ...query, after });
		const copies = await gate.releasePage(viewer, page.items);
		for (const copy of copies) if (copy !== undefined) released.push(copy);
		if (released.length > maxObjects) {
			throw new AppError(
				"E_MISP_FEED_TOO_LARGE",
				`collection ${collection.id} holds more than ${maxObjects} objects for you; serve a narrower collection (by type or source) as the feed`,
				{ details: { limit: maxObjects } },
			);
		}
		if (!page.more || page.next === undefined) return released;
		after = page.next;
	}
}
