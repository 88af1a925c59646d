// Reads a policy file from a request body: YAML as it is, or JSON `{ "text": "..." }`, within a size limit.
import type { Context } from "hono";
import type { z } from "zod";
import { type BodyBudget, readBody } from "../body/index.ts";
import { AppError, isAppError } from "../errors/index.ts";
import { decodeUtf8Text, jsonLimits, parseJson } from "../json/index.ts";
import { PolicyJsonBody } from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

/** The media types a policy file may be sent as (for the OpenAPI document). */
export const POLICY_MEDIA_TYPES = [...YAML_TYPES, "application/json"] as const;

function tooLarge(limit: number): AppError {
	return new AppError("E_API_BODY_TOO_LARGE", `the request body is larger than ${limit} bytes`, {
		details: { limit },
	});
}

/**
 * The body's bytes, read the one way every route reads them (src/body: limit, node-wide budget, gzip),
 * under `limit` bytes.
 * @throws AppError E_API_BODY_TOO_LARGE (413), E_BODY_BUSY (503), E_BODY_ENCODING (415), E_BODY_ABORTED.
 */
export function readBytes(context: Context, limit: number, bodies?: BodyBudget): Promise<Uint8Array> {
	return readBody(context.req.raw, {
		maxBytes: limit,
		budget: bodies,
		decompress: true,
		tooLarge: (_stage, maxBytes) => tooLarge(maxBytes),
	});
}

/** Runs a decoding step, turning its E_JSON_* refusal into the API's located 400. */
export function decoded<T>(decode: () => T): T {
	try {
		return decode();
	} catch (error) {
		if (!isAppError(error) || !error.code.startsWith("E_JSON_")) throw error;
		throw invalidInput([{ path: ["body"], code: error.code, message: error.message }]);
	}
}

/**
 * The policy file text a PUT carries, decoded as strictly as JSON is (invalid UTF-8 is refused, never
 * replaced).
 * @throws AppError E_API_MEDIA_TYPE (415) for another content type, E_API_BODY_TOO_LARGE (413), or
 *   E_API_PARAMETER (400) for bytes that are not UTF-8 or JSON that is not `{ "text": string }`.
 */
export async function readPolicyText(context: Context, limit: number, bodies?: BodyBudget): Promise<string> {
	return (await readPolicyRequest(context, limit, PolicyJsonBody, bodies)).text;
}

/**
 * A request carrying a policy file: YAML as it is (`{ text }`), or JSON of `schema` (`{ text, … }`), decoded as
 * strictly as JSON is.
 * @throws AppError as readPolicyText, the JSON's issues located under `body`.
 */
export async function readPolicyRequest<Schema extends z.ZodType<{ text: string }>>(
	context: Context,
	limit: number,
	schema: Schema,
	bodies?: BodyBudget,
): Promise<z.output<Schema> | { text: string }> {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	const json = mediaType === "application/json";
	if (!YAML_TYPES.includes(mediaType) && !json) {
		throw new AppError(
			"E_API_MEDIA_TYPE",
			'send the policy file as application/yaml, or as application/json { "text": "..." }',
			{ details: { accepted: POLICY_MEDIA_TYPES } },
		);
	}
	const bytes = await readBytes(context, limit, bodies);
	if (!json) return { text: decoded(() => decodeUtf8Text(bytes)) };
	const value = decoded(() => parseJson(bytes, jsonLimits({ maxBytes: limit })));
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
	return parsed.data;
}

/**
 * A JSON request body as an untrusted value, under `limit` bytes (strings up to the whole body).
 * @throws AppError E_API_MEDIA_TYPE (415) for another content type, E_API_BODY_TOO_LARGE (413), or
 *   E_API_PARAMETER (400) for bytes that are not JSON.
 */
export async function readJsonValue(context: Context, limit: number, bodies?: BodyBudget): Promise<unknown> {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (mediaType !== "application/json")
		throw new AppError("E_API_MEDIA_TYPE", "send the body as application/json", {
			details: { accepted: ["application/json"] },
		});
	const bytes = await readBytes(context, limit, bodies);
	return decoded(() => parseJson(bytes, jsonLimits({ maxBytes: limit, maxStringBytes: limit })));
}
