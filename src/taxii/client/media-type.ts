// Content negotiation for TAXII 2.1 (§1.6.8): what a response must declare to be read as TAXII.

/**
 * True for `application/taxii+json` with `version=2.1` or no version (the latest, §1.6.8.2).
 * Another version, or another type (an HTML login page, `application/json`), is refused.
 * @example isTaxii21ContentType("application/taxii+json; version=2.1; charset=utf-8") // → true
 */
export function isTaxii21ContentType(value: string | null): boolean {
	if (value === null) return false;
	const [type = "", ...parameters] = value.split(";");
	if (type.trim().toLowerCase() !== "application/taxii+json") return false;
	for (const parameter of parameters) {
		const [name = "", raw = ""] = parameter.split("=");
		if (name.trim().toLowerCase() !== "version") continue;
		if (raw.trim().replace(/^"|"$/g, "") !== "2.1") return false;
	}
	return true;
}
