// The records a store keeps of warninglists (D50): lists of values that are known not to be threats (private ranges,
// public resolvers, empty-file hashes…), loaded by operators in MISP's format; intel/warninglists matches against them.
/** How a list's entries match a value, as MISP's warninglists define them. */
export const WARNINGLIST_TYPES = ["cidr", "hostname", "string", "substring", "regex"] as const;
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/** A warninglist as loaded: MISP's fields, its entries as written, and where it came from. */
export interface WarninglistRecord {
	/** Unique on the node: loading a list of the same name replaces it. */
	name: string;
	/** MISP's version number (often a date, 20240615). */
	version: number;
	description: string;
	type: WarninglistType;
	/** MISP attribute types the list applies to (`ip-src`, `domain`, `md5`…); empty: every value. */
	matchingAttributes: readonly string[];
	entries: readonly string[];
	/** Where it was loaded from (the file's path), shown by `entente warninglists list`. */
	source: string;
}

/** A stored list: the record and when this content was first put. */
export interface StoredWarninglist extends WarninglistRecord {
	/** RFC 3339, the store's clock. */
	loadedAt: string;
}

/** A stored list without its entries: what listing shows. */
export interface WarninglistSummary extends Omit<StoredWarninglist, "entries"> {
	entryCount: number;
}

/** What `putWarninglist` did: a new name, another content under a known name, or the same content again. */
export type WarninglistPut = "added" | "replaced" | "unchanged";
