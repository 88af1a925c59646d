// Search results paged with the API's sealed `cursor`: the first page on every new search, more on demand.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { QueryOf } from "../api/routes.ts";
import type { ObjectEntry, SearchResult } from "../api/types.ts";
import type { Session } from "../session-context.tsx";
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

/** One "page" as the table sees it: up to MAX_EMPTY_PAGES requests from `cursor`, until one releases something. */
async function readFrom(
	get: Session["get"],
	query: QueryOf<"GET /objects">,
	cursor: string | undefined,
	signal: AbortSignal,
): Promise<SearchResult> {
	let page = await get("/objects", { query: { ...query, cursor }, signal });
	for (
		let attempt = 1;
		attempt < MAX_EMPTY_PAGES && page.items.length === 0 && page.next !== undefined;
		attempt++
	)
		page = await get("/objects", { query: { ...query, cursor: page.next }, signal });
	return page;
}

/**
 * The released objects matching `q` and `types` for the session's purpose, oldest first. Each search is its
 * own cache entry, so an answer to an older search never lands in a newer one's table.
 */
export function useObjectPages(
	q: string,
	types: readonly string[],
	filters: { added?: string | undefined; marking?: string | undefined } = {},
): ObjectPages {
	const { get, purpose } = useSession();
	const typeList = types.join(",");
	const query: QueryOf<"GET /objects"> = {
		q: q === "" ? undefined : q,
		type: typeList === "" ? undefined : typeList,
		// The Home dashboard's links (D67): stored on a day, with a marking; the API applies them without `q`.
		added: q === "" ? filters.added : undefined,
		marking: q === "" ? filters.marking : undefined,
		limit: PAGE_SIZE,
		purpose,
	};
	const pages = useInfiniteQuery({
		queryKey: ["objects", query],
		queryFn: ({ pageParam, signal }) => readFrom(get, query, pageParam, signal),
		initialPageParam: undefined as string | undefined,
		getNextPageParam: (last) => last.next,
	});
	const fetching = pages.isFetching;
	const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
	return {
		rows,
		loading: fetching,
		error: pages.error ?? undefined,
		hasMore: pages.data === undefined || pages.hasNextPage,
		loadMore: () => {
			if (!fetching && pages.hasNextPage) void pages.fetchNextPage();
		},
		retry: () => {
			if (fetching) return;
			void (pages.data === undefined ? pages.refetch() : pages.fetchNextPage());
		},
	};
}
