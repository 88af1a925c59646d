// Reads the values of POST /match: JSON `{ "values": [...] }`, or plain text with one value per line, bounded in bytes
// and in values before any value is looked at.
import type { Context } from "hono";
import type { BodyBudget } from "../body/index.ts";
import { AppError } from "../errors/index.ts";
import type { MatchInput } from "../intel/index.ts";
import { decodeUtf8Text, jsonLimits, parseJson } from "../json/index.ts";
import type { Purpose } from "./gate.ts";
import { decoded, readBytes } from "./request-body.ts";
import { MAX_MATCH_BODY_BYTES, MAX_MATCH_VALUES, MatchBody } from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** The media types POST /match reads (for the OpenAPI document). */
export const MATCH_MEDIA_TYPES = ["application/json", "text/plain"] as const;

/** A value longer than this is answered with an error of its own; the JSON reader allows it through to say so. */
const MAX_JSON_STRING_BYTES = 1024 * 1024;

export interface MatchRequest {
	values: MatchInput[];
	related: boolean;
	purpose?: Purpose;
}

function tooMany(count: number): AppError {
	return new AppError(
		"E_API_MATCH_TOO_MANY",
		`${count} values in one request; at most ${MAX_MATCH_VALUES} are matched at once: split the list`,
		{ details: { limit: MAX_MATCH_VALUES, values: count } },
	);
}

/**
 * The values to match, read under MAX_MATCH_BODY_BYTES and the untrusted-JSON rules.
 * @throws AppError E_API_MEDIA_TYPE (415), E_API_BODY_TOO_LARGE (413), E_API_MATCH_TOO_MANY (413) past
 *   MAX_MATCH_VALUES, E_API_PARAMETER (400) for bytes that are not UTF-8 or JSON of another shape.
 */
export async function readMatchBody(context: Context, bodies?: BodyBudget): Promise<MatchRequest> {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (!MATCH_MEDIA_TYPES.some((type) => type === mediaType)) {
		throw new AppError(
			"E_API_MEDIA_TYPE",
			'send the values as application/json { "values": [...] }, or as text/plain, one value per line',
			{ details: { accepted: MATCH_MEDIA_TYPES } },
		);
	}
	const bytes = await readBytes(context, MAX_MATCH_BODY_BYTES, bodies);
	if (mediaType === "text/plain") {
		const lines = decoded(() => decodeUtf8Text(bytes))
			.split(/\r?\n/)
			.filter((line) => line.trim() !== "");
		if (lines.length > MAX_MATCH_VALUES) throw tooMany(lines.length);
		return { values: lines, related: true };
	}
	const value = decoded(() =>
		parseJson(
			bytes,
			jsonLimits({ maxBytes: MAX_MATCH_BODY_BYTES, maxStringBytes: MAX_JSON_STRING_BYTES, maxDepth: 4 }),
		),
	);
	const values = (value as { values?: unknown } | null)?.values;
	if (Array.isArray(values) && values.length > MAX_MATCH_VALUES) throw tooMany(values.length);
	const parsed = MatchBody.safeParse(value);
	if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
	const { purpose } = parsed.data;
	return {
		values: parsed.data.values,
		related: parsed.data.related ?? true,
		...(purpose === undefined ? {} : { purpose }),
	};
}
