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
		// Bodies rather than query(): a rebuild needs only the objects, not each version's decoded metadata; up to
		// the horizon only, since followStore reads what commits after it (D60: no probe of the version index a row).
		await store.readLatestBodies({ upTo: index.position, pageSize: PAGE_SIZE }, (bodies) => {
			options.signal?.throwIfAborted();
			for (const body of bodies) index.put(JSON.parse(body) as StixObject);
			done += bodies.length;
			options.onProgress?.(done);
		});
	});
	return index;
}
