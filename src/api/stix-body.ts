// Reads the objects a share request carries: a STIX bundle, or `{ "objects": [...], "purpose"?: ... }`, as untrusted JSON.
import type { Context } from "hono";
import type { BodyBudget } from "../body/index.ts";
import { AppError } from "../errors/index.ts";
import { jsonLimits, parseJson } from "../json/index.ts";
import type { Purpose } from "./gate.ts";
import { decoded, readBytes } from "./request-body.ts";
import { ShareBundle, ShareObjectList } from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** The media types objects may be sent as (for the OpenAPI document). */
export const STIX_MEDIA_TYPES = ["application/json", "application/stix+json"] as const;

/** A single STIX object sent where a list was expected: it has a `type` and is not a bundle. */
function isStixObject(value: object): boolean {
	const type = (value as { type?: unknown }).type;
	return typeof type === "string" && type !== "bundle";
}

export interface ShareBody {
	/** The elements as sent, unchecked: ingest validates each (and locates its issues by index). */
	objects: unknown[];
	purpose?: Purpose;
}

/**
 * The objects of a share request, read under `limit` bytes and the untrusted-JSON rules (depth, string
 * size, duplicate keys: json/).
 * @throws AppError E_API_MEDIA_TYPE (415) for another content type, E_API_BODY_TOO_LARGE (413), or
 *   E_API_PARAMETER (400) for JSON that does not parse or has another shape, each issue located.
 */
export async function readShareBody(
	context: Context,
	limit: number,
	bodies?: BodyBudget,
): Promise<ShareBody> {
	const mediaType = (context.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (!STIX_MEDIA_TYPES.some((type) => type === mediaType)) {
		throw new AppError(
			"E_API_MEDIA_TYPE",
			'send the objects as application/json: a STIX bundle, or { "objects": [...] }',
			{ details: { accepted: STIX_MEDIA_TYPES } },
		);
	}
	// The bytes as sent: parseJson refuses invalid UTF-8 as it does for TAXII, federation and import.
	const bytes = await readBytes(context, limit, bodies);
	const value = decoded(() => parseJson(bytes, jsonLimits({ maxBytes: limit })));
	if (typeof value !== "object" || value === null || Array.isArray(value) || isStixObject(value))
		throw invalidInput([
			{
				path: ["body"],
				code: "invalid_type",
				message:
					'expected a STIX bundle or { "objects": [...] }; wrap a single object as { "objects": [object] }',
			},
		]);
	if ((value as { type?: unknown }).type === "bundle") {
		const bundle = ShareBundle.safeParse(value);
		if (!bundle.success) throw invalidInput(issuesOf("body", bundle.error.issues));
		return { objects: bundle.data.objects };
	}
	const list = ShareObjectList.safeParse(value);
	if (!list.success) throw invalidInput(issuesOf("body", list.error.issues));
	const { objects, purpose } = list.data;
	return purpose === undefined ? { objects } : { objects, purpose };
}
