// Push: sends what the store holds, page by page, to a remote collection as TAXII envelopes.
import type { StixObject } from "../../stix/core.ts";
import { isWaiting, type ObjectQuery, type Store, type StoredVersion } from "../../store/index.ts";
import type { AddObjectsOptions, AddObjectsResult } from "./add-objects.ts";
import type { TaxiiClient } from "./client.ts";

export interface PushOptions extends AddObjectsOptions {
	collectionId: string;
	/** What to send; default every version of every object. */
	query?: Omit<ObjectQuery, "limit" | "after">;
	/**
	 * Decides which stored versions may leave the node, and in what form.
	 * TODO(#4): the policy engine's egress gate takes this place; until then only versions carrying a
	 * marking the node does not understand are held back.
	 */
	release?: (version: StoredVersion) => StixObject | undefined;
	/** Versions read from the store per query. Default 1000. */
	pageSize?: number;
	onProgress?: (progress: { read: number; withheld: number }) => void;
}

export interface PushResult extends AddObjectsResult {
	/** Versions read from the store. */
	read: number;
	/** Versions the release rule kept back. */
	withheld: number;
}

/**
 * Streams the versions `query` selects from the store to `collectionId`, in envelopes that fit the
 * API root's `max_content_length`, and waits for each status to complete.
 * @example const result = await pushObjects(store, client, { collectionId, query: { types: ["indicator"] } });
 */
export async function pushObjects(
	store: Store,
	client: TaxiiClient,
	options: PushOptions,
): Promise<PushResult> {
	const release = options.release ?? withholdUnknownMarkings;
	const counts = { read: 0, withheld: 0 };
	async function* released(): AsyncGenerator<Record<string, unknown>> {
		let after: string | undefined;
		for (;;) {
			const page = await store.query({
				versions: ["all"],
				...options.query,
				limit: options.pageSize ?? 1000,
				...(after === undefined ? {} : { after }),
			});
			for (const version of page.items) {
				counts.read++;
				const object = release(version);
				if (object === undefined) counts.withheld++;
				else yield object;
			}
			options.onProgress?.({ ...counts });
			if (!page.more || page.next === undefined) return;
			after = page.next;
		}
	}
	const result = await client.addObjects(options.collectionId, released(), options);
	return { ...result, ...counts };
}

/** Without a gate, what waits (an unknown marking, objects it names not held yet, D58) stays home. */
function withholdUnknownMarkings(version: StoredVersion): StixObject | undefined {
	return isWaiting(version.flags) ? undefined : version.object;
}
