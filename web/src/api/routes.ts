// The REST routes as the UI calls them, typed by ApiRouteMap (api/shapes/routes.ts, the table the server defines its
// routes by): a path the API does not have, a query key or body it does not take, or an answer field it does not
// give is a tsc error. Types only, except fillPath.
import type { ApiRouteMap, RouteKey } from "./types.ts";

export type Method = "GET" | "POST" | "PUT";

/** The paths of `method`'s routes, in OpenAPI form: `"/objects/{id}"`. */
export type PathOf<M extends Method> = RouteKey extends infer Key
	? Key extends `${M} ${infer Path}`
		? Path
		: never
	: never;

/** The route `method` `path`, as a key of ApiRouteMap. */
export type RouteOf<M extends Method, P extends PathOf<M>> = `${M} ${P}` & RouteKey;

/** The 200 answer of `route`. */
export type AnswerOf<Route extends RouteKey> = ApiRouteMap[Route]["answer"];
/** The query `route` takes, as the UI writes it (undefined fields are left out of the URL). */
export type QueryOf<Route extends RouteKey> = ApiRouteMap[Route]["query"];
/** The JSON body `route` takes. */
export type BodyOf<Route extends RouteKey> = ApiRouteMap[Route]["body"];

type ParamsPart<Params> = [keyof Params] extends [never] ? { params?: never } : { params: Params };
type QueryPart<Query> = Record<never, never> extends Query ? { query?: Query } : { query: Query };

/** Everything but the body of a request to `route`: the path's parameters, the query, a signal to abort it. */
export type RequestOf<Route extends RouteKey> = ParamsPart<ApiRouteMap[Route]["params"]> &
	QueryPart<QueryOf<Route>> & { signal?: AbortSignal | undefined };

/** The request argument: optional when the route needs neither parameters nor a required query field. */
export type RequestArgs<Route extends RouteKey> =
	Record<never, never> extends RequestOf<Route> ? [request?: RequestOf<Route>] : [request: RequestOf<Route>];

/**
 * `path` with each `{name}` replaced by `params.name`, URL-encoded. A parameter missing from `params` throws:
 * the types make that a tsc error, so it can only be a caller that cast its way past them.
 * @example fillPath("/objects/{id}", { id: "indicator--…" }) // "/objects/indicator--…"
 */
export function fillPath(path: string, params: Readonly<Record<string, string>> = {}): string {
	return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`fillPath: ${path} needs params.${name}`);
		return encodeURIComponent(value);
	});
}
