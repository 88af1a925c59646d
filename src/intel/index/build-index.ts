// The index built from the store: every object's latest version, read in big pages.
import type { StixObject } from "../../stix/core.ts";
import type { Store } from "../../store/index.ts";
import { ObservableIndex } from "./observable-index.ts";

/** Versions per page read at a rebuild: large, so a million objects cost a few hundred reads. */
const PAGE_SIZE = 5000;

export interface BuildOptions {
	/** Called after each page with how many versions have been indexed so far. */
	onProgress?: (done: number) => void;
	/** Stops the build between two pages (a node closed while it was still building): buildIndex then rejects. */
	signal?: AbortSignal;
}

/**
 * Builds an index of the store's latest versions (each contributor's statement of an observable, D31). Its
 * `position` is the commit horizon read first, so what commits during the build is read again by followStore:
 * indexing a version twice is harmless.
 * @example const index = await buildIndex(store, { onProgress: (n) => log.info({ indexed: n }) });
 */
export async function buildIndex(store: Store, options: BuildOptions = {}): Promise<ObservableIndex> {
	const index = new ObservableIndex();
	index.position = await store.commitHorizon();
	let done = 0;
	await index.bulk(async () => {
		let after: string | undefined;
		for (;;) {
			options.signal?.throwIfAborted();
			// Bodies rather than query(): a rebuild needs only the objects, not each version's decoded metadata.
			const page = await store.latestBodies({ limit: PAGE_SIZE, ...(after === undefined ? {} : { after }) });
			for (const body of page.bodies) index.put(JSON.parse(body) as StixObject);
			done += page.bodies.length;
			options.onProgress?.(done);
			if (page.next === undefined) break;
			after = page.next;
		}
	});
	return index;
}
