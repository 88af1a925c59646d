// Builds TAXII responses: the media type on every one (§3.1), date-added headers on paged ones (§3.2).
import { AppError } from "../../errors/index.ts";
import { TAXII_MEDIA_TYPE } from "./media-types.ts";

/** A JSON response in the TAXII media type. */
export function taxiiResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { "Content-Type": TAXII_MEDIA_TYPE, ...headers },
	});
}

/** X-TAXII-Date-Added-First/-Last (§3.2), both microsecond timestamps. */
export function dateAddedHeaders(first: string, last: string): Record<string, string> {
	return { "X-TAXII-Date-Added-First": first, "X-TAXII-Date-Added-Last": last };
}

/**
 * The one "not found" of each resource kind: the same text whether the thing does not exist or the
 * client may not see it, so an answer never reveals which (§1.6.9, §5.2, §5.6).
 */
export function notFound(what: "api-root" | "collection" | "object" | "status" | "path"): AppError {
	const messages = {
		"api-root": "no such API root",
		collection: "no such collection in this API root",
		object: "no such object in this collection",
		status: "no such status resource",
		path: "no such TAXII endpoint; TAXII 2.1 paths end in '/' (§3.1)",
	};
	return new AppError("E_TAXII_NO_SUCH_RESOURCE", messages[what]);
}
