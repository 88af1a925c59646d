// Reads a policy file from a request body: YAML as it is, or JSON `{ "text": "..." }`, within a size limit.
import type { Context } from "hono";
import { z } from "zod";
import { AppError } from "../errors/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];
const JsonPolicyBody = z.strictObject({ text: z.string() });

/** The media types a policy file may be sent as (for the OpenAPI document). */
export const POLICY_MEDIA_TYPES = [...YAML_TYPES, "application/json"] as const;

function tooLarge(limit: number): AppError {
	return new AppError("E_API_BODY_TOO_LARGE", `the request body is larger than ${limit} bytes`, {
		details: { limit },
	});
}

/** The body as UTF-8 text, reading no more than `limit` bytes (a chunked body is counted as it arrives). */
export async function readText(context: Context, limit: number): Promise<string> {
	const declared = Number(context.req.header("content-length") ?? "0");
	if (declared > limit) throw tooLarge(limit);
	const body = context.req.raw.body;
	if (body === null) return "";
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += chunk.byteLength;
		if (size > limit) throw tooLarge(limit);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString("utf8");
}

/**
 * The policy file text a PUT carries.
 * @throws AppError E_API_MEDIA_TYPE (415) for another content type, E_API_BODY_TOO_LARGE (413), or
 *   E_API_PARAMETER (400) for JSON that is not `{ "text": string }`.
 */
export async function readPolicyText(context: Context, limit: number): Promise<string> {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (YAML_TYPES.includes(mediaType)) return readText(context, limit);
	if (mediaType !== "application/json") {
		throw new AppError(
			"E_API_MEDIA_TYPE",
			'send the policy file as application/yaml, or as application/json { "text": "..." }',
			{ details: { accepted: POLICY_MEDIA_TYPES } },
		);
	}
	const text = await readText(context, limit);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw invalidInput([{ path: ["body"], code: "invalid_json", message: "the body is not JSON" }]);
	}
	const parsed = JsonPolicyBody.safeParse(value);
	if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
	return parsed.data.text;
}
