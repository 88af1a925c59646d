// Reads a warninglist in MISP's format (misp-warninglists' list.json: name, version, description, type, list,
// matching_attributes), checking every field and every entry, within bounds, and says all that is wrong at once.
import { AppError } from "../../errors/index.ts";
import { parseCidr } from "../../observables/index.ts";
import { WARNINGLIST_TYPES, type WarninglistRecord, type WarninglistType } from "../../store/index.ts";
import { unknownAttributes } from "./misp-attributes.ts";
import { compileRegexEntry } from "./regex-entries.ts";
import { foldEntry } from "./text-entries.ts";
import { WARNINGLIST_LIMITS } from "./warninglist.ts";

/** Names of the built-in lists start with this; a loaded list may not. */
export const BUILT_IN_PREFIX = "Entente: ";

/** A list read, and what about it will never match (unknown attributes, duplicates): said, not refused. */
export interface ReadWarninglist {
	list: WarninglistRecord;
	warnings: string[];
}

/** Fields MISP's schema knows; others are ignored with a warning (newer MISP versions may add some). */
const KNOWN_FIELDS = new Set(["name", "version", "description", "type", "list", "matching_attributes"]);

/** At most this many entry problems are named; the rest are counted. */
const ENTRY_PROBLEMS_SHOWN = 5;

/**
 * A MISP warninglist from its parsed JSON, checked whole.
 * @param source where it came from (a file's path), named in every message and kept with the list.
 * @throws AppError E_WARNINGLIST_INVALID naming `source` and every field or entry at fault (with its index), or
 *   E_WARNINGLIST_TOO_LARGE when the list has more entries than its type allows.
 * @example readMispWarninglist(JSON.parse(text), "lists/rfc1918/list.json").list.entries // ["10.0.0.0/8", …]
 */
export function readMispWarninglist(value: unknown, source: string): ReadWarninglist {
	const invalid = (problems: readonly string[]): AppError =>
		new AppError(
			"E_WARNINGLIST_INVALID",
			`${source} is not a MISP warninglist Entente can load: ${problems.join("; ")}`,
			{ details: { source, problems } },
		);
	if (typeof value !== "object" || value === null || Array.isArray(value)) {
		throw invalid(["expected a JSON object with name, version, description, type and list"]);
	}
	const fields = value as Record<string, unknown>;
	const problems: string[] = [];
	const warnings: string[] = [];
	const name = text(fields.name, "name", WARNINGLIST_LIMITS.nameChars, problems);
	if (name?.startsWith(BUILT_IN_PREFIX)) {
		problems.push(`name: names starting "${BUILT_IN_PREFIX}" belong to the built-in lists; rename the list`);
	}
	const description = text(fields.description, "description", WARNINGLIST_LIMITS.descriptionChars, problems);
	const version = fields.version;
	if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) {
		problems.push(`version: expected a whole number (MISP writes e.g. 20240615), got ${shown(version)}`);
	}
	const type = fields.type;
	if (typeof type !== "string" || !(WARNINGLIST_TYPES as readonly string[]).includes(type)) {
		problems.push(`type: expected one of ${WARNINGLIST_TYPES.join(", ")}, got ${shown(type)}`);
	}
	const matchingAttributes = attributes(fields.matching_attributes, problems);
	const unknown = unknownAttributes(matchingAttributes);
	if (unknown.length > 0) {
		warnings.push(`matching_attributes ${unknown.join(", ")}: no kind of value Entente knows; ignored`);
	}
	for (const field of Object.keys(fields)) {
		if (!KNOWN_FIELDS.has(field)) warnings.push(`field ${field}: not part of MISP's format; ignored`);
	}
	const entries = Array.isArray(fields.list) ? fields.list : undefined;
	if (entries === undefined) problems.push(`list: expected an array of strings, got ${shown(fields.list)}`);
	if (problems.length > 0 || entries === undefined) throw invalid(problems);
	const listType = type as WarninglistType;
	checkCount(entries.length, listType, source);
	const entryProblems = entries.flatMap((entry, index) => {
		const problem = entryProblem(entry, listType);
		return problem === undefined ? [] : [`list[${index}]: ${problem}`];
	});
	if (entryProblems.length > 0) {
		const more = entryProblems.length - ENTRY_PROBLEMS_SHOWN;
		throw invalid([
			...entryProblems.slice(0, ENTRY_PROBLEMS_SHOWN),
			...(more > 0 ? [`and ${more.toLocaleString("en")} more entries like these`] : []),
		]);
	}
	const strings = entries as string[];
	const duplicates =
		strings.length - new Set(strings.map((entry) => foldEntry(entry, type === "hostname"))).size;
	if (duplicates > 0) warnings.push(`list: ${duplicates.toLocaleString("en")} duplicate entries (kept once)`);
	if (strings.length === 0) warnings.push("list: no entries; the list will never match");
	return {
		list: {
			name: name as string,
			version: version as number,
			description: description as string,
			type: listType,
			matchingAttributes,
			entries: strings,
			source,
		},
		warnings,
	};
}

function text(value: unknown, field: string, limit: number, problems: string[]): string | undefined {
	if (typeof value !== "string" || value.trim() === "") {
		problems.push(`${field}: expected a non-empty string, got ${shown(value)}`);
		return undefined;
	}
	if (value.length > limit) {
		problems.push(`${field}: ${value.length.toLocaleString("en")} characters; at most ${limit} are accepted`);
		return undefined;
	}
	if (hasControl(value)) problems.push(`${field}: contains control characters; is this a text file?`);
	return value;
}

function attributes(value: unknown, problems: string[]): string[] {
	if (value === undefined) return [];
	if (
		!Array.isArray(value) ||
		value.length > WARNINGLIST_LIMITS.matchingAttributes ||
		!value.every((item) => typeof item === "string" && item.length <= 64 && !hasControl(item))
	) {
		problems.push(
			`matching_attributes: expected at most ${WARNINGLIST_LIMITS.matchingAttributes} MISP attribute types (strings), got ${shown(value)}`,
		);
		return [];
	}
	return [...new Set(value as string[])];
}

function checkCount(count: number, type: WarninglistType, source: string): void {
	const limit =
		type === "substring"
			? WARNINGLIST_LIMITS.substringEntries
			: type === "regex"
				? WARNINGLIST_LIMITS.regexEntries
				: WARNINGLIST_LIMITS.entries;
	if (count <= limit) return;
	throw new AppError(
		"E_WARNINGLIST_TOO_LARGE",
		`${source}: list has ${count.toLocaleString("en")} entries; a ${type} list holds at most ${limit.toLocaleString("en")}` +
			(type === "substring" || type === "regex"
				? " (each is tried against every value): split it, or make it a string or hostname list"
				: ": split it into several lists"),
		{ details: { source, entries: count, limit } },
	);
}

/** What is wrong with one entry for a list of `type`, or undefined. */
function entryProblem(entry: unknown, type: WarninglistType): string | undefined {
	if (typeof entry !== "string") return `expected a string, got ${shown(entry)}`;
	const trimmed = entry.trim();
	if (trimmed === "") return "empty";
	const limit = type === "regex" ? WARNINGLIST_LIMITS.regexChars : WARNINGLIST_LIMITS.entryChars;
	if (entry.length > limit)
		return `${entry.length.toLocaleString("en")} characters; at most ${limit} are accepted`;
	if (hasControl(entry)) return "contains control characters; is this a text file?";
	switch (type) {
		case "cidr":
			return parseCidr(trimmed) === undefined
				? `${shown(trimmed)} is not an IP address or CIDR block (10.0.0.0/8, 2001:db8::/32)`
				: undefined;
		case "hostname":
			return /\s/.test(trimmed) || foldEntry(trimmed, true) === ""
				? `${shown(trimmed)} is not a host name`
				: undefined;
		case "regex": {
			const compiled = compileRegexEntry(entry);
			return typeof compiled === "function" ? undefined : `${shown(entry)}: ${compiled.error}`;
		}
		default:
			return undefined;
	}
}

// Control characters but tab; any would be binary junk or a corrupted file in a list of values.
function hasControl(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
	}
	return false;
}

/** A value for a message: short, quoted when a string. */
function shown(value: unknown): string {
	if (value === undefined) return "nothing";
	if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	if (Array.isArray(value)) return "an array";
	return value === null ? "null" : typeof value === "object" ? "an object" : String(value);
}
