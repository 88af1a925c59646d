// The object and versions endpoints for a poster's own versions that the store set aside (D30): they read
// back to it as under a fresh id (D35) when nothing else of the id is released to it.
import { ownSetAside } from "../../ingest/index.ts";
import type { EgressGate, Viewer } from "../../policy/index.ts";
import type { Store, VersionSelector } from "../../store/index.ts";
import type { CollectionDefinition } from "./collections.ts";
import type { TaxiiFilters } from "./query-params.ts";
import { dateAddedRange, inCollection, type ReleasedItem, type ReleasedPage } from "./released-page.ts";

/** The viewer's own set-aside versions of `objectId` in the collection, as the gate releases them, oldest first. */
export async function ownReleased(
	store: Store,
	gate: EgressGate,
	viewer: Viewer,
	collection: CollectionDefinition,
	objectId: string,
): Promise<ReleasedItem[]> {
	const own = (await ownSetAside(store, viewer.partyId, objectId)).filter((v) => inCollection(collection, v));
	if (own.length === 0) return [];
	const released = await gate.releasePage(viewer, own);
	return own.flatMap((version, index) => {
		const object = released[index];
		return object === undefined || object.id !== objectId ? [] : [{ version, object }];
	});
}

/**
 * One page of `items` (a handful: one poster's versions of one id) under the request's version selectors
 * (`first`/`last` of these versions, `all`, or a `modified`), spec versions and `added_after`; never more.
 */
export function ownPage(
	items: readonly ReleasedItem[],
	filters: TaxiiFilters,
	defaultVersions: readonly VersionSelector[],
): ReleasedPage {
	const selectors = filters.versions ?? defaultVersions;
	const chosen = items.filter((item, index) => {
		if (filters.specVersions !== undefined && !filters.specVersions.includes(item.version.specVersion))
			return false;
		if (filters.addedAfter !== undefined && !(item.version.dateAdded > filters.addedAfter)) return false;
		return selectors.some((selector) =>
			selector === "all"
				? true
				: selector === "first"
					? index === 0
					: selector === "last"
						? index === items.length - 1
						: item.version.version === selector.modified,
		);
	});
	const page = chosen.slice(0, filters.limit);
	return { items: page, more: false, ...dateAddedRange(page) };
}
