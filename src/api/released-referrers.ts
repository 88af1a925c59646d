// The objects that reference one object, as the gate releases them to a viewer, a page at a time: found
// through the store's backward index, judged by the gate, kept only when the released copy still names it.
import type { StixObject } from "../stix/core.ts";
import { HANDLING_REFERENCES, referencesWithPaths } from "../stix/references/index.ts";
import type { ApiViewer } from "./gate.ts";
import { STORE_PAGE } from "./released-scan.ts";
import type { ApiServices } from "./services.ts";

/**
 * A property through which a referrer names an object, as the store's backward index records it: its path
 * in the referrer (`object_refs`, `source_ref`, `src_ref`, `extensions.archive-ext.contains_refs`, list steps
 * omitted), any reference property at any depth but markings and author (stix/references).
 */
export type ReferenceKind = string;

/** Store reads one page may make (each of STORE_PAGE referrers), as for search: a bound on one request. */
export const REFERRER_READS = 20;

/** One referrer: the object exactly as the gate released it, when this node stored it, and how it names the id. */
export interface ReferrerEntry {
	object: StixObject;
	dateAdded: string;
	kinds: ReferenceKind[];
}

export interface ReferrerRequest {
	viewer: ApiViewer;
	/** The object referred to; the caller has checked that it is released to the viewer. */
	id: string;
	limit: number;
	/** Resume strictly after this stored referrer id. */
	after?: string;
	/** Referrers per store read (STORE_PAGE) and reads allowed (REFERRER_READS); smaller in tests. */
	readSize?: number;
	maxReads?: number;
}

export interface ReferrerResult {
	items: ReferrerEntry[];
	/** Where the next page starts (a stored referrer id, exclusive; never shown unsealed); absent on the last. */
	resumeAfter?: string;
}

/** The properties of `object` that name `id`: as released, so a reference the gate removed does not count. */
export function kindsNaming(object: StixObject, id: string): ReferenceKind[] {
	const kinds: ReferenceKind[] = [];
	for (const [ref, path] of referencesWithPaths(object, HANDLING_REFERENCES))
		if (ref === id && !kinds.includes(path)) kinds.push(path);
	return kinds;
}

/**
 * One page of the referrers of `request.id` released to the viewer, by stored referrer id. A referrer is
 * listed only when the gate releases its latest version and that copy still names the id (a report
 * released without this reference is not a referrer for this viewer). `resumeAfter` is given only when a
 * further such referrer was found, or when the reads allowed ran out first (then the page may be short,
 * even empty): a last page looks the same whatever the viewer may not see after it.
 */
export async function releasedReferrers(
	services: Pick<ApiServices, "store" | "gate">,
	request: ReferrerRequest,
): Promise<ReferrerResult> {
	const { viewer, id, limit } = request;
	const readSize = request.readSize ?? STORE_PAGE;
	const maxReads = request.maxReads ?? REFERRER_READS;
	const items: ReferrerEntry[] = [];
	let taken: string | undefined;
	let after = request.after;
	for (let reads = 0; reads < maxReads; reads++) {
		const page = await services.store.referrersOf(id, {
			limit: readSize,
			...(after === undefined ? {} : { after }),
		});
		const referrerIds = [...new Set(page.references.map((reference) => reference.fromId))];
		const latest = new Map((await services.store.latestVersions(referrerIds)).map((v) => [v.id, v]));
		// Deleted since the index was read: gone, like any object deleted between two pages.
		const versions = referrerIds.flatMap((referrerId) => latest.get(referrerId) ?? []);
		const released = versions.length === 0 ? [] : await services.gate.releasePage(viewer, versions);
		for (const [index, version] of versions.entries()) {
			const object = released[index];
			const kinds = object === undefined ? [] : kindsNaming(object, id);
			if (object === undefined || kinds.length === 0) continue;
			// One more than the page: the next page starts after the last one taken.
			if (items.length === limit) return { items, ...(taken === undefined ? {} : { resumeAfter: taken }) };
			items.push({ object, dateAdded: version.dateAdded, kinds });
			taken = version.id;
		}
		after = referrerIds.at(-1);
		if (!page.more || after === undefined) return { items };
	}
	// Out of reads: resume where reading stopped, released or not (the caller seals it).
	return after === undefined ? { items } : { items, resumeAfter: after };
}
