// Parses the TAXII 2.1 query parameters (§3.4, §3.4.1): strict, every malformed value a 400, never a 500.
import { AppError } from "../../errors/index.ts";
import { parseMicros, type VersionSelector } from "../../store/index.ts";

/** The largest page we serve, whatever `limit` asks (§3.4: a server may return fewer). */
export const MAX_PAGE_SIZE = 1000;
/** Match values summed over all fields: a cost limit, so one request cannot become thousands of probes. */
export const MAX_MATCH_VALUES = 100;
const MAX_VALUE_LENGTH = 300;
const MAX_QUERY_LENGTH = 16 * 1024;

/** The parameters each endpoint understands (§5.3, §5.4, §5.6, §5.7, §5.8); others are ignored (§3.4). */
export type Endpoint = "objects" | "manifest" | "object" | "versions" | "delete";

const FIELDS_OF: Record<Endpoint, readonly string[]> = {
	objects: [
		"added_after",
		"limit",
		"next",
		"match[id]",
		"match[type]",
		"match[version]",
		"match[spec_version]",
	],
	manifest: [
		"added_after",
		"limit",
		"next",
		"match[id]",
		"match[type]",
		"match[version]",
		"match[spec_version]",
	],
	object: ["added_after", "limit", "next", "match[version]", "match[spec_version]"],
	versions: ["added_after", "limit", "next", "match[spec_version]"],
	delete: ["match[version]", "match[spec_version]"],
};

/** Filters as the server uses them; absent fields mean "no filter". */
export interface TaxiiFilters {
	addedAfter?: string;
	limit: number;
	next?: string;
	ids?: string[];
	types?: string[];
	/** Absent means the endpoint default (`last` for objects and manifest, §3.4.1). */
	versions?: VersionSelector[];
	specVersions?: string[];
}

// §2 timestamp; precision is tolerated (clients send milliseconds), the UTC "Z" is not optional.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const STIX_ID =
	/^[a-z0-9][a-z0-9-]{0,248}[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{0,248}[a-z0-9]$/;
const SPEC_VERSION = /^\d{1,3}\.\d{1,3}$/;

function bad(message: string, parameter: string): AppError {
	return new AppError("E_TAXII_PARAMETER", message, { details: { parameter } });
}

/** True for a well-formed timestamp on a real calendar day. */
export function isTimestamp(text: string): boolean {
	return TIMESTAMP.test(text) && parseMicros(text) !== undefined;
}

/** True for `type--UUID` as STIX 2.1 §2.9 writes identifiers (lowercase). */
export function isStixId(text: string): boolean {
	return text.length <= 300 && STIX_ID.test(text);
}

/** The comma-separated values of one match field (§3.4): no empty value, none repeated. */
function splitValues(name: string, raw: string): string[] {
	const values = raw.split(",");
	const seen = new Set<string>();
	for (const value of values) {
		if (value === "")
			throw bad(`${name} has an empty value; separate values with single commas, no spaces`, name);
		if (value.length > MAX_VALUE_LENGTH)
			throw bad(`${name} has a value longer than ${MAX_VALUE_LENGTH}`, name);
		if (seen.has(value)) throw bad(`${name} repeats the value ${JSON.stringify(value)}`, name);
		seen.add(value);
	}
	return values;
}

function parseLimit(raw: string): number {
	// A TAXII integer fits 54 bits (§2); beyond that the value is malformed, below it we cap.
	if (!/^\d{1,16}$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
		throw bad(`limit must be a positive integer, got ${JSON.stringify(raw.slice(0, 40))}`, "limit");
	}
	return Math.min(Number(raw), MAX_PAGE_SIZE);
}

function parseVersions(raw: string): VersionSelector[] {
	const selectors: VersionSelector[] = [];
	for (const value of splitValues("match[version]", raw)) {
		if (value === "last" || value === "first" || value === "all") selectors.push(value);
		else if (isTimestamp(value)) selectors.push({ modified: value });
		else {
			throw bad(
				`match[version] takes last, first, all or a STIX timestamp, got ${JSON.stringify(value.slice(0, 40))}`,
				"match[version]",
			);
		}
	}
	if (selectors.includes("all") && selectors.length > 1) {
		throw bad("match[version]=all cannot be combined with other versions (§3.4.1)", "match[version]");
	}
	return selectors;
}

function checkEach(
	name: string,
	values: string[],
	valid: (value: string) => boolean,
	what: string,
): string[] {
	for (const value of values) {
		if (!valid(value)) throw bad(`${name} value ${JSON.stringify(value.slice(0, 60))} is not ${what}`, name);
	}
	return values;
}

/**
 * Reads the filters `endpoint` supports from a query string. Repeated parameters, malformed values and
 * queries over the cost limit are AppErrors (400); parameters the endpoint does not define are ignored.
 * @example parseFilters(new URLSearchParams("match[type]=indicator,malware&limit=50"), "objects")
 */
export function parseFilters(query: URLSearchParams, endpoint: Endpoint): TaxiiFilters {
	if (query.size > 64 || query.toString().length > MAX_QUERY_LENGTH) {
		throw new AppError("E_TAXII_QUERY_COST", "the query string is too long", {
			details: { max_length: MAX_QUERY_LENGTH },
		});
	}
	const fields = FIELDS_OF[endpoint];
	const single = new Map<string, string>();
	for (const name of fields) {
		const all = query.getAll(name);
		if (all.length > 1) throw bad(`${name} may appear only once in a request (§3.4)`, name);
		const value = all[0];
		if (value !== undefined) single.set(name, value);
	}
	const filters: TaxiiFilters = { limit: MAX_PAGE_SIZE };
	let matchValues = 0;
	for (const [name, raw] of single) {
		switch (name) {
			case "added_after":
				if (!isTimestamp(raw)) {
					throw bad(
						`added_after must be a UTC timestamp such as 2026-01-31T12:00:00.000000Z, got ${JSON.stringify(raw.slice(0, 40))}`,
						name,
					);
				}
				filters.addedAfter = raw;
				break;
			case "limit":
				filters.limit = parseLimit(raw);
				break;
			case "next":
				if (raw === "" || raw.length > 1024) throw new AppError("E_TAXII_NEXT_INVALID", "next is not valid");
				filters.next = raw;
				break;
			case "match[id]":
				filters.ids = checkEach(name, splitValues(name, raw), isStixId, "a STIX identifier (type--UUID)");
				matchValues += filters.ids.length;
				break;
			case "match[type]":
				filters.types = checkEach(name, splitValues(name, raw), (v) => TYPE_NAME.test(v), "a STIX type name");
				matchValues += filters.types.length;
				break;
			case "match[version]":
				filters.versions = parseVersions(raw);
				matchValues += filters.versions.length;
				break;
			case "match[spec_version]":
				filters.specVersions = checkEach(
					name,
					splitValues(name, raw),
					(v) => SPEC_VERSION.test(v),
					"a specification version such as 2.1",
				);
				matchValues += filters.specVersions.length;
				break;
		}
	}
	if (matchValues > MAX_MATCH_VALUES) {
		throw new AppError("E_TAXII_QUERY_COST", `at most ${MAX_MATCH_VALUES} match values per request`, {
			details: { max_match_values: MAX_MATCH_VALUES, given: matchValues },
		});
	}
	return filters;
}
