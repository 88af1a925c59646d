// Store.latestVersionPages on PostgreSQL (D56's speed addendum): its `latest` column is exact at every read, so
// `query`'s pages of the latest versions are read up to the horizon as they are (no probe per row to save).
import { AppError } from "../../errors/index.ts";
import type { LatestVersionsRequest, ObjectPage, ObjectQuery, StoredVersion } from "../store.ts";
import { requireMicros } from "../timestamps.ts";

/** The pages of `query` (the reader's) that latestVersionPages answers; `closed` is asked before each page. */
export async function* latestVersionPagesOf(
	query: (query: ObjectQuery) => Promise<ObjectPage>,
	request: LatestVersionsRequest,
	closed: () => boolean,
): AsyncGenerator<StoredVersion[]> {
	if (!Number.isSafeInteger(request.pageSize) || request.pageSize < 1)
		throw new AppError(
			"E_STORE_QUERY_INVALID",
			`pageSize must be a positive integer, got ${request.pageSize}`,
		);
	if (request.upTo === undefined) return;
	requireMicros(request.upTo, "upTo");
	const upTo = request.upTo;
	let after: string | undefined;
	for (;;) {
		if (closed()) throw new AppError("E_STORE_CLOSED", "the store is closed");
		const page = await query({
			versions: ["last"],
			limit: request.pageSize,
			...(request.types === undefined ? {} : { types: request.types }),
			...(request.addedAfter === undefined ? {} : { addedAfter: request.addedAfter }),
			...(after === undefined ? {} : { after }),
		});
		// dateAdded is formatted to a fixed width (microseconds), so text order is commit order, as releasedPages reads it.
		const items = page.items.filter((version) => version.dateAdded <= upTo);
		if (items.length > 0) yield items;
		if (!page.more || page.next === undefined || items.length < page.items.length) return;
		after = page.next;
	}
}

/**
 * Store.latestBodyPages: the same pages as JSON text, written again from query's versions (the SQLite store is
 * what D56's speed target measures; a body-only read, as latestBodies does, can replace this when one is needed).
 */
export async function* latestBodyPagesOf(
	query: (query: ObjectQuery) => Promise<ObjectPage>,
	request: LatestVersionsRequest,
	closed: () => boolean,
): AsyncGenerator<string[]> {
	for await (const page of latestVersionPagesOf(query, request, closed))
		yield page.map((version) => JSON.stringify(version.object));
}
