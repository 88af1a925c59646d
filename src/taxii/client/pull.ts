// Pull: copies a remote collection into the store, every version, resuming where the last pull stopped.
import {
	type IngestReport,
	ingest,
	MarkingKnowledge,
	type ObjectResult,
	type ObjectStatus,
} from "../../ingest/index.ts";
import type { Provenance, Store } from "../../store/index.ts";
import type { TaxiiClient } from "./client.ts";
import type { MatchFilter } from "./filter.ts";

export interface PullOptions {
	collectionId: string;
	provenance: Provenance;
	/** Objects per page asked of the server. Default 1000. */
	pageSize?: number;
	/** Narrows the pull (e.g. by type); `match[version]` is always `all`. */
	match?: Omit<MatchFilter, "version">;
	/** Ignore the remembered position and pull the whole collection (duplicates are harmless). */
	fromStart?: boolean;
	onProgress?: (progress: PullProgress) => void;
}

export interface PullProgress {
	pages: number;
	objects: number;
	stored: number;
	objectsPerSecond: number;
	/** Where the next pull will start: the last durable page's X-TAXII-Date-Added-Last. */
	cursor: string | undefined;
}

export interface PullResult {
	apiRoot: string;
	collectionId: string;
	pages: number;
	objects: number;
	counts: Record<ObjectStatus, number>;
	/** Rejected and quarantined objects, up to 1000. */
	problems: ObjectResult[];
	/** `added_after` of the first request (undefined: from the start). */
	cursorBefore: string | undefined;
	cursorAfter: string | undefined;
	warnings: string[];
	durationMs: number;
}

const MAX_PROBLEMS = 1000;

/** The store meta key holding how far a pull of (API root, collection) got. */
export function pullCursorKey(apiRootUrl: string, collectionId: string): string {
	return `pull.cursor.${apiRootUrl}|${collectionId}`;
}

/**
 * Pulls a collection page by page with `match[version]=all`, so that every version is reproduced.
 * Each page goes through `ingest()`; once its batches are durable the page's
 * `X-TAXII-Date-Added-Last` is saved in store meta, and the next pull asks only for objects added
 * after it. An interrupted pull therefore loses at most the page in flight, and repeats nothing
 * it acknowledged.
 * @example const result = await pullCollection(store, client, { collectionId, provenance });
 */
export async function pullCollection(
	store: Store,
	client: TaxiiClient,
	options: PullOptions,
): Promise<PullResult> {
	const startedAt = performance.now();
	const key = pullCursorKey(client.apiRootUrl, options.collectionId);
	const cursorBefore = options.fromStart === true ? undefined : await store.getMeta(key);
	const markings = await MarkingKnowledge.load(store);
	const result: PullResult = {
		apiRoot: client.apiRootUrl,
		collectionId: options.collectionId,
		pages: 0,
		objects: 0,
		counts: { stored: 0, duplicate: 0, rejected: 0, quarantined: 0 },
		problems: [],
		cursorBefore,
		cursorAfter: cursorBefore,
		warnings: [],
		durationMs: 0,
	};
	const pages = client.objectPages(options.collectionId, {
		limit: options.pageSize ?? 1000,
		match: { ...options.match, version: ["all"] },
		...(cursorBefore === undefined ? {} : { addedAfter: cursorBefore }),
	});
	for await (const page of pages) {
		result.pages++;
		for (const warning of page.warnings)
			if (!result.warnings.includes(warning)) result.warnings.push(warning);
		// Indexes continue across pages so that problems name an object's place in the whole pull.
		const offset = result.objects;
		const report = await ingest(
			store,
			page.items.map((item) => ({ ...item, index: offset + item.index })),
			{ provenance: options.provenance, markings },
		);
		addReport(result, report);
		if (page.dateAddedLast !== undefined && page.items.length > 0) {
			await store.setMeta(key, page.dateAddedLast);
			result.cursorAfter = page.dateAddedLast;
		}
		const seconds = (performance.now() - startedAt) / 1000;
		options.onProgress?.({
			pages: result.pages,
			objects: result.objects,
			stored: result.counts.stored,
			objectsPerSecond: seconds > 0 ? result.objects / seconds : 0,
			cursor: result.cursorAfter,
		});
	}
	result.durationMs = performance.now() - startedAt;
	return result;
}

function addReport(result: PullResult, report: IngestReport): void {
	result.objects += report.total;
	for (const status of Object.keys(result.counts) as ObjectStatus[])
		result.counts[status] += report.counts[status];
	for (const problem of report.problems)
		if (result.problems.length < MAX_PROBLEMS) result.problems.push(problem);
}
