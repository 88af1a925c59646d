// Pages of what a recipient receives, read through functions the caller passes (the store's query, the gate), so
// this room knows neither: versions in commit order up to a horizon, each page put through `release`.
import type { StixObject } from "../stix/core.ts";

/** A stored version as the store hands it out (the fields read here). */
export interface PagedVersion {
	object: StixObject;
	dateAdded: string;
}

/** One page of a store query: its versions in commit order, and where the next page starts. */
export interface VersionPage<V extends PagedVersion> {
	items: V[];
	more: boolean;
	next?: string;
}

/** How pages are read and released: the store's query from a position, the gate's answer for a page. */
export interface PageSource<V extends PagedVersion> {
	read(after: string | undefined): Promise<VersionPage<V>>;
	release(versions: readonly V[]): Promise<(StixObject | undefined)[]>;
	/** Versions added after this time are left for the next export (the `nextSince` it names). */
	horizon?: string;
}

/**
 * Each page of versions up to the horizon, as `release` answers it (undefined where it withholds). One page in
 * memory at a time; stops at the first version past the horizon, so a later commit is never half-exported.
 */
export async function* releasedPages<V extends PagedVersion>(
	source: PageSource<V>,
): AsyncGenerator<(StixObject | undefined)[]> {
	let after: string | undefined;
	for (;;) {
		const page = await source.read(after);
		const horizon = source.horizon;
		const items = horizon === undefined ? page.items : page.items.filter((v) => v.dateAdded <= horizon);
		if (items.length > 0) yield await source.release(items);
		if (!page.more || page.next === undefined || items.length < page.items.length) return;
		after = page.next;
	}
}

/**
 * Each page of `pages` (versions the store already bounded by the horizon, e.g. `Store.latestVersionPages`) as
 * `release` answers it; pulled one page at a time, so backpressure reaches the store's reads.
 */
export async function* releaseEach<V extends PagedVersion>(
	pages: AsyncIterable<readonly V[]>,
	release: (versions: readonly V[]) => Promise<(StixObject | undefined)[]>,
): AsyncGenerator<(StixObject | undefined)[]> {
	for await (const page of pages) yield await release(page);
}
