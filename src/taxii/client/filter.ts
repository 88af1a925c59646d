// The URL query of TAXII filtering and paging (§3.4, §3.4.1, §3.5), written the way the spec's examples write it.

/** `match[<field>]` values; several values of one field are OR-ed, fields are AND-ed. */
export interface MatchFilter {
	id?: readonly string[];
	type?: readonly string[];
	/** `last` (the server's default), `first`, `all`, or exact `modified` timestamps. */
	version?: readonly string[];
	spec_version?: readonly string[];
}

export interface ObjectFilter {
	/** Only objects added after this TAXII timestamp. */
	addedAfter?: string;
	/** Objects per page asked for; the server may send fewer, never more. */
	limit?: number;
	/** A `next` value from a previous page of the same query. */
	next?: string;
	match?: MatchFilter;
}

const MATCH_FIELDS = ["id", "type", "version", "spec_version"] as const;

/**
 * The query string for `filter`, brackets left literal (`?match[type]=indicator,malware`) as in the
 * spec's examples, values percent-encoded.
 * @example queryOf({ limit: 10, match: { type: ["indicator", "malware"] } }) // → "?limit=10&match[type]=indicator,malware"
 */
export function queryOf(filter: ObjectFilter): string {
	const parts: string[] = [];
	if (filter.addedAfter !== undefined) parts.push(`added_after=${encodeURIComponent(filter.addedAfter)}`);
	if (filter.limit !== undefined) parts.push(`limit=${filter.limit}`);
	if (filter.next !== undefined) parts.push(`next=${encodeURIComponent(filter.next)}`);
	for (const field of MATCH_FIELDS) {
		const values = filter.match?.[field];
		if (values !== undefined && values.length > 0)
			parts.push(`match[${field}]=${values.map((value) => encodeURIComponent(value)).join(",")}`);
	}
	return parts.length === 0 ? "" : `?${parts.join("&")}`;
}
