// Reads the latest version of stored objects page by page through the egress gate; only what it releases comes out.
import type { StixObject } from "../stix/core.ts";
import type { StoredVersion } from "../store/index.ts";
import type { ApiViewer } from "./gate.ts";
import type { ApiServices } from "./services.ts";

/** Versions per store read. */
export const STORE_PAGE = 500;

/** One released object: the object exactly as the gate returned it, and when this node stored it. */
export interface ReleasedEntry {
	object: StixObject;
	dateAdded: string;
}

/** What one store read yielded after the gate: the released entries, and where reading stopped. */
export interface ReleasedRead {
	entries: ReleasedEntry[];
	/** dateAdded of the last version read, released or not (a position; never shown unsealed). */
	lastRead: string | undefined;
	/** More versions follow in the store. */
	more: boolean;
}

export interface ScanRequest {
	viewer: ApiViewer;
	types?: readonly string[];
	/** Resume strictly after this dateAdded. */
	after?: string;
	/** Store reads allowed; unbounded when absent. */
	maxReads?: number;
	/** Stop at this dateAdded (inclusive): versions stored later are not read (the dashboard's day links, D67). */
	until?: string;
	/** Keeps only released objects this accepts (the dashboard's marking links: the copy's markings, D67). */
	keep?: (object: StixObject) => boolean;
}

/**
 * Yields, for each store read (latest versions, ascending dateAdded), the objects the gate releases
 * to the viewer. Nothing about a withheld version is yielded but the position of the read.
 */
export async function* scanReleased(
	services: ApiServices,
	request: ScanRequest,
): AsyncGenerator<ReleasedRead> {
	let after = request.after;
	const maxReads = request.maxReads ?? Number.POSITIVE_INFINITY;
	for (let reads = 0; reads < maxReads; reads++) {
		const page = await services.store.query({
			versions: ["last"],
			limit: STORE_PAGE,
			...(request.types === undefined ? {} : { types: request.types }),
			...(after === undefined ? {} : { addedAfter: after }),
		});
		const { until, keep } = request;
		const items = until === undefined ? page.items : page.items.filter((item) => item.dateAdded <= until);
		const released = await releaseAll(services, request.viewer, items);
		const entries = keep === undefined ? released : released.filter((entry) => keep(entry.object));
		const lastRead = items.at(-1)?.dateAdded;
		const more = page.more && items.length === page.items.length;
		yield { entries, lastRead, more };
		if (!more || lastRead === undefined) return;
		after = lastRead;
	}
}

/** The versions the gate releases to the viewer, in order, each as released. */
export async function releaseAll(
	services: ApiServices,
	viewer: ApiViewer,
	versions: readonly StoredVersion[],
): Promise<ReleasedEntry[]> {
	if (versions.length === 0) return [];
	const released = await services.gate.releasePage(viewer, versions);
	return versions.flatMap((version, index) => {
		const object = released[index];
		return object === undefined ? [] : [{ object, dateAdded: version.dateAdded }];
	});
}

/** The strings of a released object that search and autocomplete look at. */
export function textsOf(object: StixObject, fields: readonly string[]): string[] {
	const record = object as Record<string, unknown>;
	return fields.flatMap((field) => {
		const value = record[field];
		return typeof value === "string" ? [value] : [];
	});
}
