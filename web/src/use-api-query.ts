// One API answer for a component, through the query cache: keyed by path and query, cancelled when unneeded.
import { type UseQueryOptions, type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { Query } from "./api/client.ts";
import { useSession } from "./session-context.tsx";

/** The cache key of `GET path?query`; the session's token is not in it because the cache is emptied at sign-out. */
function apiKey(path: string, query: Query = {}): readonly unknown[] {
	return ["api", path, query];
}

/**
 * GETs `path` with `query` under /api/v1 as the session's user, through the cache: screens asking the same
 * question share one request and its answer; a changed question never shows the previous one's answer; the
 * request is aborted when no component needs it any more.
 * @example const facets = useApiQuery<FacetsResult>("/facets", { purpose });
 */
export function useApiQuery<T>(
	path: string,
	query: Query = {},
	options: Pick<UseQueryOptions<T>, "enabled" | "placeholderData"> = {},
): UseQueryResult<T> {
	const { get } = useSession();
	return useQuery({
		queryKey: apiKey(path, query),
		queryFn: ({ signal }) => get<T>(path, query, signal),
		...options,
	});
}
