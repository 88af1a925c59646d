// Reading MISP's loosely typed JSON: each accessor names the path and the fix when a value is not what MISP writes.
import { AppError } from "../../errors/index.ts";
import { uuidVersion } from "../../stix/ids/index.ts";
import { derivedUuid } from "./ids.ts";

export type Json = Record<string, unknown>;

/** The one error of a malformed event: the path, what was found, and what MISP would have written. */
export function invalid(path: string, message: string): AppError {
	return new AppError("E_MISP_INVALID", `${path}: ${message}`, { details: { path } });
}

export function isRecord(value: unknown): value is Json {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A required string (MISP writes numbers as strings too; a number is read as its text). */
export function text(record: Json, key: string, path: string): string {
	const value = record[key];
	if (typeof value === "string") return value;
	if (typeof value === "number" && Number.isFinite(value)) return String(value);
	throw invalid(`${path}.${key}`, `${describe(value)} where MISP writes a string; give "${key}" as text`);
}

/** An optional string: absent or null is undefined. */
export function optionalText(record: Json, key: string, path: string): string | undefined {
	const value = record[key];
	if (value === undefined || value === null) return undefined;
	return text(record, key, path);
}

/** An optional list of objects: absent or null is empty. */
export function records(record: Json, key: string, path: string): Json[] {
	const value = record[key];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw invalid(`${path}.${key}`, `${describe(value)} where MISP writes a list; give "${key}" as [ … ]`);
	value.forEach((item, index) => {
		if (!isRecord(item))
			throw invalid(`${path}.${key}[${index}]`, `${describe(item)} where MISP writes an object { … }`);
	});
	return value as Json[];
}

/** MISP's booleans: true/false, or the strings and numbers older exports use ("1", 0). */
export function flag(record: Json, key: string): boolean | undefined {
	const value = record[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value === "boolean") return value;
	if (value === 1 || value === "1" || value === "true" || value === "True") return true;
	if (value === 0 || value === "0" || value === "false" || value === "False") return false;
	return undefined;
}

/** A required UUID, as STIX ids need it (RFC 4122: version 1–8 and the 10xx variant). */
export function uuidOf(record: Json, path: string): string {
	const value = text(record, "uuid", path).toLowerCase();
	// A UUID of another variant (old MISP instances wrote some): MISP's exporter swaps in a v5 of it, so do we.
	if (uuidVersion(value) === undefined && HEX_UUID.test(value)) return derivedUuid(value);
	if (uuidVersion(value) === undefined)
		throw invalid(
			`${path}.uuid`,
			`${JSON.stringify(value)} is not an RFC 4122 UUID; MISP gives every event, attribute and object one`,
		);
	return value;
}

const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function describe(value: unknown): string {
	if (value === undefined) return "nothing";
	if (value === null) return "null";
	if (Array.isArray(value)) return "a list";
	return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
