// The one place that maps AppError kinds to HTTP statuses and error bodies.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorKind, isAppError } from "../errors/index.ts";
import type { Logger } from "../log/index.ts";

const STATUS_OF_KIND: Record<ErrorKind, ContentfulStatusCode> = {
	invalid: 400,
	// For a party that may not see something, forbidden and not found are the same answer.
	forbidden: 404,
	not_found: 404,
	conflict: 409,
	unavailable: 503,
	too_large: 413,
};

export function statusOf(kind: ErrorKind): ContentfulStatusCode {
	return STATUS_OF_KIND[kind];
}

/** Answers any thrown error: AppErrors with their code and message, anything else as a logged 500. */
export function errorResponse(error: unknown, context: Context, logger: Logger): Response {
	if (isAppError(error)) {
		const status = statusOf(error.kind);
		return context.json(
			{ title: titleOf(status), description: error.message, error_code: error.code },
			status,
		);
	}
	logger.error({ err: error, path: context.req.path }, "unhandled error");
	return context.json({ title: "Internal Server Error", description: "the node failed; see its log" }, 500);
}

function titleOf(status: number): string {
	switch (status) {
		case 400:
			return "Bad Request";
		case 404:
			return "Not Found";
		case 409:
			return "Conflict";
		case 413:
			return "Payload Too Large";
		default:
			return "Service Unavailable";
	}
}
