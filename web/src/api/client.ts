// The one way the UI talks to the node: GET and POST under /api/v1 with the session's bearer token, errors as ApiError.
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
 * GETs `path` under /api/v1 as the holder of `token` and parses the JSON answer.
 * `credentials: "omit"`: the token travels only in the Authorization header, and a 401 never makes the
 * browser open its own Basic-auth dialog (the API's challenge offers Basic for TAXII clients).
 * @example await apiGet<MeResult>(token, "/me")
 */
export function apiGet<T>(token: string, path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
	return apiFetch<T>(token, "GET", path, query, undefined, signal);
}

/**
 * POSTs `body` as JSON to `path` under /api/v1 as the holder of `token` and parses the JSON answer.
 * @example await apiPost<DraftPreview>(token, "/policy/preview", { objects })
 */
export function apiPost<T>(
	token: string,
	path: string,
	body: unknown,
	query: Query = {},
	signal?: AbortSignal,
): Promise<T> {
	return apiFetch<T>(token, "POST", path, query, body, signal);
}

async function apiFetch<T>(
	token: string,
	method: "GET" | "POST",
	path: string,
	query: Query,
	body: unknown,
	signal: AbortSignal | undefined,
): Promise<T> {
	const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
	if (body !== undefined) headers["Content-Type"] = "application/json";
	let response: Response;
	try {
		response = await fetch(apiUrl(path, query), {
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
