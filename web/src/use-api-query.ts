// One API answer for a component, through the query cache: keyed by route and request, cancelled when unneeded.
import { type UseQueryOptions, type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { AnswerOf, PathOf, RequestArgs, RequestOf, RouteOf } from "./api/routes.ts";
import { useSession } from "./session-context.tsx";

/** A GET's request without its signal: the cache passes its own. */
type CachedRequest<Route extends RouteOf<"GET", PathOf<"GET">>> = Omit<RequestOf<Route>, "signal">;
type CachedArgs<Route extends RouteOf<"GET", PathOf<"GET">>> =
	Record<never, never> extends CachedRequest<Route>
		? [request?: CachedRequest<Route>]
		: [request: CachedRequest<Route>];
type Options<T> = Pick<UseQueryOptions<T>, "enabled" | "placeholderData" | "refetchInterval">;

/**
 * GETs the route `path` (parameters and query in `request`) under /api/v1 as the session's user, through the
 * cache: screens asking the same question share one request and its answer; a changed question never shows the
 * previous one's answer; the request is aborted when no component needs it any more. The cache key is the path
 * and request; the session's token is not in it because the cache is emptied at sign-out.
 * @example const facets = useApiQuery("/facets", { query: { purpose } }); // UseQueryResult<FacetsResult>
 */
export function useApiQuery<P extends PathOf<"GET">>(
	path: P,
	...[request, options]: [...CachedArgs<RouteOf<"GET", P>>, Options<AnswerOf<RouteOf<"GET", P>>>?]
): UseQueryResult<AnswerOf<RouteOf<"GET", P>>> {
	const { get } = useSession();
	const sent = (request ?? {}) as RequestOf<RouteOf<"GET", P>>;
	return useQuery({
		queryKey: ["api", path, sent],
		queryFn: ({ signal }) => get(path, ...([{ ...sent, signal }] as RequestArgs<RouteOf<"GET", P>>)),
		...options,
	});
}
