// TAXII 2.1 content negotiation (§1.6.8): which Accept headers we answer and which request bodies we read.

/** The one media type every TAXII response carries, errors included (§1.6.8, §3.1). */
export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

/** The media type of the objects our collections hold (§5.2.1 `media_types`, §5.3.1 `media_type`). */
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

interface MediaRange {
	type: string;
	subtype: string;
	params: Map<string, string>;
}

function parseMediaRange(text: string): MediaRange | undefined {
	const [essence = "", ...rest] = text.split(";");
	const slash = essence.indexOf("/");
	if (slash < 1) return undefined;
	const type = essence.slice(0, slash).trim().toLowerCase();
	const subtype = essence
		.slice(slash + 1)
		.trim()
		.toLowerCase();
	if (type === "" || subtype === "") return undefined;
	const params = new Map<string, string>();
	for (const part of rest) {
		const eq = part.indexOf("=");
		if (eq < 0) continue;
		const name = part.slice(0, eq).trim().toLowerCase();
		const value = part
			.slice(eq + 1)
			.trim()
			.replace(/^"(.*)"$/, "$1");
		params.set(name, value);
	}
	return { type, subtype, params };
}

/** A TAXII media type we speak: `version` absent (= latest, §1.6.8.2) or 2.1. */
function isOurTaxii(range: MediaRange): boolean {
	return isVersion21(range, "taxii+json");
}

/** `application/{subtype}` with `version` absent (= latest) or 2.1. */
function isVersion21(range: MediaRange, subtype: string): boolean {
	if (range.type !== "application" || range.subtype !== subtype) return false;
	const version = range.params.get("version");
	return version === undefined || version === "2.1";
}

/**
 * True when a response in TAXII_MEDIA_TYPE satisfies `accept` (RFC 7231 §5.3.2): an absent header,
 * `* /*`, `application/*`, or `application/taxii+json` unversioned or `version=2.1`, with q > 0.
 * An unversioned TAXII type means the latest version we support (§1.6.8.2): never a 406. With `stix`, also
 * `application/stix+json` (unversioned or 2.1): Get Object Manifests lists both as its Accept (§5.3).
 */
export function acceptsTaxii(accept: string | undefined, options: { stix?: boolean } = {}): boolean {
	if (accept === undefined || accept.trim() === "") return true;
	for (const item of accept.split(",")) {
		const range = parseMediaRange(item);
		if (range === undefined) continue;
		const q = Number(range.params.get("q") ?? "1");
		if (!(q > 0)) continue;
		if (range.type === "*" && range.subtype === "*") return true;
		if (range.type === "application" && range.subtype === "*") return true;
		if (isOurTaxii(range)) return true;
		if (options.stix === true && isVersion21(range, "stix+json")) return true;
	}
	return false;
}

/** True when a request body's Content-Type is a TAXII 2.1 envelope (§5.5); `charset` and spacing are tolerated. */
export function isTaxiiContentType(contentType: string | undefined): boolean {
	if (contentType === undefined) return false;
	const range = parseMediaRange(contentType);
	if (range === undefined || !isOurTaxii(range)) return false;
	const charset = range.params.get("charset");
	return charset === undefined || charset.toLowerCase() === "utf-8";
}
