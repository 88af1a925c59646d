// Search results paged with the API's sealed `cursor`: the first page on every new search, more on demand.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ObjectEntry, SearchResult } from "../api/types.ts";
import { useSession } from "../session-context.tsx";

/** Objects per request; the API allows up to 200. */
const PAGE_SIZE = 100;
/**
 * A page may come back empty and still carry `next` (the gate withheld what the node read):
 * keep reading, but at most this many requests per "load more", so a sparse store cannot spin.
 */
const MAX_EMPTY_PAGES = 5;

export interface ObjectPages {
	rows: ObjectEntry[];
	/** True while a page is on its way. */
	loading: boolean;
	error: unknown;
	/** False once the API answered a page without `next`. */
	hasMore: boolean;
	loadMore: () => void;
	retry: () => void;
}

/** The released objects matching `q` and `types` for the session's purpose, oldest first. */
export function useObjectPages(q: string, types: readonly string[]): ObjectPages {
	const { get, purpose } = useSession();
	const [rows, setRows] = useState<ObjectEntry[]>([]);
	const [loading, setLoading] = useState(false);
	const [error, setError] = useState<unknown>(undefined);
	const [next, setNext] = useState<string | undefined>(undefined);
	const [hasMore, setHasMore] = useState(true);
	// The search the latest request belongs to: answers to an older search are dropped.
	const generation = useRef(0);
	const inFlight = useRef(false);
	const typeList = types.join(",");

	const fetchFrom = useCallback(
		async (cursor: string | undefined, search: number) => {
			inFlight.current = true;
			setLoading(true);
			setError(undefined);
			try {
				let from = cursor;
				for (let attempt = 0; attempt < MAX_EMPTY_PAGES; attempt++) {
					const page = await get<SearchResult>("/objects", {
						q: q === "" ? undefined : q,
						type: typeList === "" ? undefined : typeList,
						limit: PAGE_SIZE,
						purpose,
						cursor: from,
					});
					if (search !== generation.current) return;
					setRows((previous) =>
						from === undefined && attempt === 0 ? page.items : [...previous, ...page.items],
					);
					setNext(page.next);
					setHasMore(page.next !== undefined);
					from = page.next;
					if (page.items.length > 0 || page.next === undefined) break;
				}
			} catch (failure) {
				if (search === generation.current) setError(failure);
			} finally {
				if (search === generation.current) {
					inFlight.current = false;
					setLoading(false);
				}
			}
		},
		[get, q, typeList, purpose],
	);

	useEffect(() => {
		generation.current += 1;
		setRows([]);
		setNext(undefined);
		setHasMore(true);
		void fetchFrom(undefined, generation.current);
	}, [fetchFrom]);

	const loadMore = useCallback(() => {
		if (inFlight.current || next === undefined) return;
		void fetchFrom(next, generation.current);
	}, [fetchFrom, next]);

	const retry = useCallback(() => {
		if (inFlight.current) return;
		void fetchFrom(next, generation.current);
	}, [fetchFrom, next]);

	return { rows, loading, error, hasMore, loadMore, retry };
}
