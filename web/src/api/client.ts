// The one way the UI talks to the node: GET and POST of the REST routes (typed by ./routes.ts) under /api/v1 with the session's bearer token, errors as ApiError.
import {
	type AnswerOf,
	type BodyOf,
	fillPath,
	type PathOf,
	type RequestArgs,
	type RouteOf,
} from "./routes.ts";
import type { ErrorBody } from "./types.ts";

export const API_BASE = "/api/v1";

/** An answer other than 2xx, or no answer at all (status 0): what went wrong and what to do about it. */
export class ApiError extends Error {
	readonly status: number;
	/** The API's stable error code (`E_API_DENIED`…), or `E_UI_NETWORK` when the node could not be reached. */
	readonly code: string;
	readonly details: Record<string, unknown>;

	constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
		super(message);
		this.name = "ApiError";
		this.status = status;
		this.code = code;
		this.details = details;
	}
}

/**
 * Worth asking again: the node was unreachable (status 0) or failed (5xx). A refusal (4xx) would only repeat
 * itself, so neither the query cache's retries nor an error's "Try again" button repeat one.
 */
export function worthRetrying(error: unknown): boolean {
	return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

export type Query = Readonly<Record<string, string | number | undefined>>;

/** `/api/v1/path?query`, leaving out undefined parameters. */
export function apiUrl(path: string, query: Query = {}): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined && value !== "") search.set(key, String(value));
	}
	const text = search.toString();
	return `${API_BASE}${path}${text === "" ? "" : `?${text}`}`;
}

/**
 * GETs the route `path` (OpenAPI form, `{id}` filled from `params`) under /api/v1 as the holder of `token`, and
 * parses the JSON answer as the route's answer shape.
 * `credentials: "omit"`: the token travels only in the Authorization header, and a 401 never makes the
 * browser open its own Basic-auth dialog (the API's challenge offers Basic for TAXII clients).
 * @example await apiGet(token, "/objects/{id}", { params: { id }, query: { purpose } }) // ObjectEntry
 */
export function apiGet<P extends PathOf<"GET">>(
	token: string,
	path: P,
	...[request]: RequestArgs<RouteOf<"GET", P>>
): Promise<AnswerOf<RouteOf<"GET", P>>> {
	return apiFetch(token, "GET", path, request as SentRequest | undefined, undefined);
}

/**
 * POSTs `body` as JSON to the route `path` under /api/v1 as the holder of `token`, and parses the JSON answer
 * as the route's answer shape.
 * @example await apiPost(token, "/policy/preview", { objects }) // DraftPreview
 */
export function apiPost<P extends PathOf<"POST">>(
	token: string,
	path: P,
	body: BodyOf<RouteOf<"POST", P>>,
	...[request]: RequestArgs<RouteOf<"POST", P>>
): Promise<AnswerOf<RouteOf<"POST", P>>> {
	return apiFetch(token, "POST", path, request as SentRequest | undefined, body);
}

/**
 * PUTs `body` as JSON to the route `path` under /api/v1 as the holder of `token`, and parses the JSON answer
 * as the route's answer shape.
 * @example await apiPut(token, "/policy", { text, baseVersion: 3 }) // PolicyApplied
 */
export function apiPut<P extends PathOf<"PUT">>(
	token: string,
	path: P,
	body: BodyOf<RouteOf<"PUT", P>>,
	...[request]: RequestArgs<RouteOf<"PUT", P>>
): Promise<AnswerOf<RouteOf<"PUT", P>>> {
	return apiFetch(token, "PUT", path, request as SentRequest | undefined, body);
}

/** A request with its route's types erased (the typed signatures above checked it), as apiFetch sends it. */
interface SentRequest {
	params?: Readonly<Record<string, string>>;
	query?: Query;
	signal?: AbortSignal | undefined;
}

async function apiFetch<T>(
	token: string,
	method: "GET" | "POST" | "PUT",
	path: string,
	request: SentRequest = {},
	body: unknown,
): Promise<T> {
	const { signal } = request;
	const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
	if (body !== undefined) headers["Content-Type"] = "application/json";
	let response: Response;
	try {
		response = await fetch(apiUrl(fillPath(path, request.params), request.query), {
			method,
			headers,
			credentials: "omit",
			cache: "no-store",
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
			...(signal === undefined ? {} : { signal }),
		});
	} catch (error) {
		if (signal?.aborted) throw error;
		throw new ApiError(0, "E_UI_NETWORK", `the node did not answer (${(error as Error).message})`);
	}
	if (!response.ok) throw await errorOf(response);
	return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
	// Partial: a proxy in between may answer with JSON of its own.
	let body: Partial<ErrorBody> = {};
	try {
		body = (await response.json()) as Partial<ErrorBody>;
	} catch {
		// Not the API's JSON (a proxy's page, say): the status line is all there is.
	}
	return new ApiError(
		response.status,
		body.error_code ?? `HTTP_${response.status}`,
		body.description ?? body.title ?? response.statusText,
		body.details ?? {},
	);
}
