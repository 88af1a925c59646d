// Reads one page of a collection through the egress gate: store query → gate.releasePage → page with headers.
import type { EgressGate, Viewer } from "../../policy/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { ObjectQuery, Store, StoredVersion, VersionSelector } from "../../store/index.ts";
import type { CollectionDefinition } from "./collections.ts";
import type { TaxiiFilters } from "./query-params.ts";

/** Store queries one page may make when the gate withholds items, so a hidden run cannot stall a client. */
const MAX_STORE_READS_PER_PAGE = 8;

export interface PageRequest {
	viewer: Viewer;
	collection: CollectionDefinition;
	filters: TaxiiFilters;
	/** The object of the object and versions endpoints (§5.6, §5.8). */
	objectId?: string;
	/**
	 * When `objectId` is the new id of a transformed copy (D29): the stored ids it was derived from, read in its
	 * place; only copies released under exactly `objectId` are kept.
	 */
	storedIds?: readonly string[];
	/** Used when the request has no match[version]: `last` (§3.4.1), or `all` for the versions endpoint. */
	defaultVersions: readonly VersionSelector[];
	/** The store cursor from a verified `next`. */
	after?: string;
}

/**
 * One released item: the stored version's metadata and the object exactly as the gate released it.
 * Anything sent about the item (id, version, media type) is read from `object`: a transformed copy
 * has a new id, and the stored one would reveal the value it was derived from.
 */
export interface ReleasedItem {
	version: StoredVersion;
	object: StixObject;
}

export interface ReleasedPage {
	items: ReleasedItem[];
	more: boolean;
	/** The store cursor to sign into `next` when `more`. */
	cursor?: string;
	/**
	 * X-TAXII-Date-Added-First/-Last values (§3.2), over released items only; absent on an empty page, which
	 * sends neither header (there is no date to name, and 1970 would be a lie a client could resume from).
	 */
	first?: string;
	last?: string;
}

/** Both lists narrow, so a request can only see less than its collection: the intersection. */
function intersect(
	a: readonly string[] | undefined,
	b: readonly string[] | undefined,
): readonly string[] | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return a.filter((value) => b.includes(value));
}

/** The store query for a request against a collection, without paging. */
export function queryOf(
	request: Omit<PageRequest, "after" | "viewer">,
): Omit<ObjectQuery, "limit" | "after"> {
	const { collection, filters } = request;
	const query: Omit<ObjectQuery, "limit" | "after"> = {
		versions: filters.versions ?? request.defaultVersions,
	};
	const ids = request.storedIds ?? (request.objectId === undefined ? filters.ids : [request.objectId]);
	if (ids !== undefined) query.ids = ids;
	const types = intersect(filters.types, collection.filter.types);
	if (types !== undefined) query.types = types;
	if (filters.specVersions !== undefined) query.specVersions = filters.specVersions;
	if (filters.addedAfter !== undefined) query.addedAfter = filters.addedAfter;
	if (collection.filter.sourceOrganizations !== undefined) {
		query.organizationIds = collection.filter.sourceOrganizations;
	}
	return query;
}

/** True when a stored version belongs to the collection's view (type and source). */
export function inCollection(collection: CollectionDefinition, version: StoredVersion): boolean {
	const { types, sourceOrganizations } = collection.filter;
	return (
		(types === undefined || types.includes(version.type)) &&
		(sourceOrganizations === undefined || sourceOrganizations.includes(version.provenance.organizationId))
	);
}

/**
 * Reads up to `filters.limit` released items in ascending date_added (§3.3). Withheld items are
 * skipped and the page refilled from the store, up to a bound; the cursor always points after the
 * last item read, released or not, so paging never repeats nor skips one (§3.5). The date-added
 * headers are computed over released items only: a hidden object's date_added never leaves (so a
 * client resuming by `added_after` past a long hidden run should page by `next`).
 */
export async function readReleasedPage(
	store: Store,
	gate: EgressGate,
	request: PageRequest,
): Promise<ReleasedPage> {
	const base = queryOf(request);
	const items: ReleasedItem[] = [];
	let after = request.after;
	let more = false;
	for (let reads = 0; reads < MAX_STORE_READS_PER_PAGE && items.length < request.filters.limit; reads++) {
		const limit = request.filters.limit - items.length;
		const page = await store.query({ ...base, limit, ...(after === undefined ? {} : { after }) });
		const released = await gate.releasePage(request.viewer, page.items);
		page.items.forEach((version, index) => {
			const object = released[index];
			if (object === undefined) return;
			if (request.storedIds !== undefined && object.id !== request.objectId) return;
			items.push({ version, object });
		});
		more = page.more;
		after = page.next;
		if (!page.more) break;
	}
	const result: ReleasedPage = { items, more, ...dateAddedRange(items) };
	if (more && after !== undefined) result.cursor = after;
	return result;
}

/** The first and last date_added of a page's items, or nothing for an empty page. */
export function dateAddedRange(items: readonly ReleasedItem[]): { first?: string; last?: string } {
	const first = items[0]?.version.dateAdded;
	const last = items.at(-1)?.version.dateAdded;
	return first === undefined || last === undefined ? {} : { first, last };
}

/**
 * Whether any version of `objectId` is in the collection and released to the viewer: the 404 test of
 * the object, versions and delete endpoints (§5.6–§5.8), independent of the request's filters.
 */
export async function visibleVersions(
	store: Store,
	gate: EgressGate,
	viewer: Viewer,
	collection: CollectionDefinition,
	objectId: string,
): Promise<StoredVersion[]> {
	const versions = (await store.getVersions(objectId, ["all"])).filter((version) =>
		inCollection(collection, version),
	);
	const released = await gate.releasePage(viewer, versions);
	return versions.filter((_, index) => released[index] !== undefined);
}
