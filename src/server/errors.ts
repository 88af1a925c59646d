// The one place that maps AppError kinds to HTTP statuses and error bodies (TAXII 2.1 §3.6.1 shape for every API).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type AppError, type ErrorKind, isAppError } from "../errors/index.ts";
import type { Logger } from "../log/index.ts";

const STATUS_OF_KIND: Record<ErrorKind, ContentfulStatusCode> = {
	invalid: 400,
	// For a party that may not see something, forbidden and not found are the same answer.
	forbidden: 404,
	not_found: 404,
	// The party may see the thing but not do this to it (TAXII 2.1 §5.7).
	denied: 403,
	conflict: 409,
	unavailable: 503,
	too_large: 413,
	unauthenticated: 401,
	not_acceptable: 406,
	unsupported_media_type: 415,
	unprocessable: 422,
	rate_limited: 429,
	// A method the resource does not define (RFC 9110 §15.5.6); the answer carries `Allow`.
	method_not_allowed: 405,
};

const TITLES: Record<number, string> = {
	400: "Bad Request",
	401: "Unauthorized",
	403: "Forbidden",
	404: "Not Found",
	405: "Method Not Allowed",
	406: "Not Acceptable",
	409: "Conflict",
	413: "Payload Too Large",
	415: "Unsupported Media Type",
	422: "Unprocessable Content",
	429: "Too Many Requests",
	500: "Internal Server Error",
	503: "Service Unavailable",
};

/** The challenge sent with every 401 (RFC 7235): HTTP Basic, which TAXII clients must support (§8.5.1), and bearer tokens. */
export const AUTH_CHALLENGE = 'Basic realm="entente", Bearer';

export function statusOf(kind: ErrorKind): ContentfulStatusCode {
	return STATUS_OF_KIND[kind];
}

/** A TAXII 2.1 error message (§3.6.1): `http_status` is a string and always matches the response status. */
export interface ErrorBody {
	title: string;
	description: string;
	error_code?: string;
	http_status: string;
	details?: Record<string, unknown>;
}

/** The body and extra headers answering one AppError. Details are documented as safe to show. */
export function errorBodyOf(error: AppError): {
	status: ContentfulStatusCode;
	body: ErrorBody;
	headers: Headers;
} {
	const status = statusOf(error.kind);
	const body: ErrorBody = {
		title: TITLES[status] ?? "Error",
		description: error.message,
		error_code: error.code,
		http_status: String(status),
	};
	if (error.details !== undefined) body.details = error.details;
	const headers = new Headers();
	if (status === 401) headers.set("WWW-Authenticate", AUTH_CHALLENGE);
	const retryAfter = error.details?.retry_after_seconds;
	if ((status === 429 || status === 503) && typeof retryAfter === "number")
		headers.set("Retry-After", String(retryAfter));
	const allow = error.details?.allow;
	if (status === 405 && Array.isArray(allow)) headers.set("Allow", allow.join(", "));
	return { status, body, headers };
}

/** How often a full store is logged: once a minute says it all, where every refused write would flood the log. */
const STORAGE_FULL_LOG_MS = 60_000;
let storageFullLoggedAt = Number.NEGATIVE_INFINITY;
let storageFullSinceLogged = 0;

/** One warning a minute while the store is full, with how many writes it refused since the last. */
function logStorageFull(logger: Logger, path: string): void {
	storageFullSinceLogged += 1;
	const now = Date.now();
	if (now - storageFullLoggedAt < STORAGE_FULL_LOG_MS) return;
	logger.warn(
		{ path, code: "E_STORE_FULL", refusedWrites: storageFullSinceLogged },
		"the store is full: writes are refused with 503 until disk space is freed (or store.maxSizeMiB raised)",
	);
	storageFullLoggedAt = now;
	storageFullSinceLogged = 0;
}

/** Answers any thrown error: AppErrors with their code and message, anything else as a logged 500. */
export function errorResponse(error: unknown, context: Context, logger: Logger): Response {
	if (isAppError(error)) {
		// A client that went away mid-body is no failure of the node: one quiet line, no stack.
		if (error.code === "E_BODY_ABORTED")
			logger.info({ path: context.req.path, code: error.code }, "client disconnected while sending the body");
		if (error.code === "E_STORE_FULL") logStorageFull(logger, context.req.path);
		const { status, body, headers } = errorBodyOf(error);
		headers.forEach((value, name) => {
			context.header(name, value);
		});
		return context.json(body, status);
	}
	logger.error({ err: error, path: context.req.path }, "unhandled error");
	const body: ErrorBody = {
		title: "Internal Server Error",
		description: "the node failed; see its log",
		http_status: "500",
	};
	return context.json(body, 500);
}
