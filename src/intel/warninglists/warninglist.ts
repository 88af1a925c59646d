// What a warninglist is to the matcher, what a hit says, and the bounds every list is held to (D50).
import type { WarninglistRecord, WarninglistType } from "../../store/index.ts";

/** A list as the matcher takes it: a stored or built-in record, and which of the two it is. */
export interface Warninglist extends WarninglistRecord {
	/** Shipped with Entente (built-in/), not loaded: it cannot be removed or replaced. */
	builtIn: boolean;
}

/**
 * A value is on a list: which list, what it is for, and the entry that matched (a CIDR block containing the
 * address, the parent domain on a hostname list, the substring found, the regex as written). A hit flags a value;
 * it never hides or drops it.
 */
export interface WarninglistHit {
	list: string;
	description: string;
	type: WarninglistType;
	entry: string;
}

/**
 * Bounds on what a list may hold, checked when a list is read (misp-format.ts). The biggest public MISP lists
 * (Tranco, Majestic: a million domains) fit; substring and regex entries are tried one by one against a value, so
 * they are held to far fewer.
 */
export const WARNINGLIST_LIMITS = {
	/** Largest list file read. */
	fileBytes: 64 * 1024 * 1024,
	/** Most entries in one list of type cidr, hostname or string. */
	entries: 1_000_000,
	/** Most entries in one substring list. */
	substringEntries: 10_000,
	/** Most entries in one regex list. */
	regexEntries: 1_000,
	/** Longest entry (a value is at most 8 KiB in any case: observables/). */
	entryChars: 8192,
	/** Longest regex entry, delimiters and flags included. */
	regexChars: 1024,
	/** Longest name and description. */
	nameChars: 200,
	descriptionChars: 4096,
	/** Most matching attributes. */
	matchingAttributes: 100,
} as const;
