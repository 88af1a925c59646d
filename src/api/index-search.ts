// GET /objects?q= over the observable index: a value finds the objects naming it or a related value, then those
// mentioning it; text finds the index's ranked full-text hits. Each page releases the ids it reads through the gate,
// and a copy counts only when it, as released, still names the value or holds every word (D48).
import { type Candidate, candidatesOf, type ObservableIndex, ReleasedValues } from "../intel/index.ts";
import { classify, type Observable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ApiViewer } from "./gate.ts";
import { releaseIds } from "./released-ids.ts";
import type { ReleasedEntry } from "./released-scan.ts";
import type { ApiServices } from "./services.ts";

/** Ranked ids one query considers: a search is a question, not an export (page through GET /objects without q). */
export const SEARCH_RESULTS = 2000;
/** Related objects asked of the index per relation for a value. */
const RELATED_PER_RELATION = 500;
/** Gate pages one request may read, so a query whose hits are mostly withheld cannot make one request read them all. */
const READS_PER_PAGE = 10;

/** What a query finds before the gate: ids in rank order, with the value each must still name when released. */
export interface SearchHits {
	ids: string[];
	/** The value a hit was found through (a value query's candidates); absent for full-text hits. */
	via: ReadonlyMap<string, Observable>;
	/** The query's words, lower-cased: a full-text hit's released copy must hold each. */
	words: readonly string[];
	/** The value `q` reads as, if it reads as one. */
	observable: Observable | undefined;
}

/** The index's hits for `q`, of `types` when given: a value's candidates (exact first), then full-text hits. */
export function searchHits(index: ObservableIndex, q: string, types?: readonly string[]): SearchHits {
	const observable = classify(q);
	const via = new Map<string, Observable>();
	const ids: string[] = [];
	const wanted = (id: string) => types === undefined || types.includes(index.typeOf(id) ?? "");
	if (observable !== undefined) {
		const candidates: Candidate[] = candidatesOf(index, observable, {
			related: true,
			limit: RELATED_PER_RELATION,
		});
		for (const candidate of candidates) {
			if (ids.length >= SEARCH_RESULTS) break;
			if (!wanted(candidate.id)) continue;
			via.set(candidate.id, candidate.via);
			ids.push(candidate.id);
		}
	}
	const text = index.search(q, { limit: SEARCH_RESULTS, ...(types === undefined ? {} : { types }) });
	for (const id of text) {
		if (ids.length >= SEARCH_RESULTS) break;
		if (!via.has(id)) ids.push(id);
	}
	return { ids: [...new Set(ids)], via, words: wordsOf(q), observable };
}

/** The whitespace-separated words of `q`, lower-cased. */
export function wordsOf(q: string): string[] {
	return q
		.toLowerCase()
		.split(/\s+/)
		.filter((word) => word !== "");
}

/** True when the released copy still shows what the index found it by. */
export function copyShows(hits: SearchHits, id: string, object: StixObject, values: ReleasedValues): boolean {
	const via = hits.via.get(id);
	if (via !== undefined) return values.names(object, via);
	const text = JSON.stringify(object).toLowerCase();
	return hits.words.every((word) => text.includes(word));
}

/** One page of a query's released hits, from position `from`; `resumeAt` is where the next page starts. */
export interface SearchPage {
	items: ReleasedEntry[];
	resumeAt: number | undefined;
}

/**
 * Reads `hits` from `from` through the gate until `limit` released copies are found, the hits end, or the
 * request's reads are spent (then `resumeAt` says where to go on, even with fewer than `limit` items).
 */
export async function searchPage(
	services: Pick<ApiServices, "store" | "gate">,
	viewer: ApiViewer,
	hits: SearchHits,
	request: { from: number; limit: number },
): Promise<SearchPage> {
	const items: ReleasedEntry[] = [];
	const values = new ReleasedValues();
	let position = request.from;
	for (let reads = 0; reads < READS_PER_PAGE && position < hits.ids.length; reads++) {
		const window = hits.ids.slice(position, position + request.limit);
		const released = await releaseIds(services, viewer, window);
		for (const id of window) {
			position++;
			const copy = released.get(id);
			if (copy !== undefined && copyShows(hits, id, copy.object, values)) items.push(copy);
			if (items.length === request.limit)
				return { items, resumeAt: position < hits.ids.length ? position : undefined };
		}
	}
	return { items, resumeAt: position < hits.ids.length ? position : undefined };
}
