// A small JSON request body read the one way (src/body's limit and budget) and checked against its zod shape.
import type { Context } from "hono";
import type { z } from "zod";
import { jsonLimits, parseJson } from "../json/index.ts";
import { decoded, readBytes } from "./request-body.ts";
import type { ApiServices } from "./services.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/**
 * The body, at most `limit` bytes (and never over the API's own limit), parsed and checked: every issue located
 * under `body`, as one 400. An empty body reads as `{}`.
 * @throws AppError E_API_PARAMETER (400), E_API_BODY_TOO_LARGE (413), E_BODY_BUSY (503).
 */
export async function readJsonBody<S extends z.ZodType>(
	context: Context,
	schema: S,
	services: Pick<ApiServices, "maxBodyBytes" | "bodies">,
	limit: number,
): Promise<z.output<S>> {
	const max = Math.min(services.maxBodyBytes, limit);
	const bytes = await readBytes(context, max, services.bodies);
	const value = bytes.length === 0 ? {} : decoded(() => parseJson(bytes, jsonLimits({ maxBytes: max })));
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
	return parsed.data;
}
