// Reads MISP warninglist files from a path: one file, or every .json below a folder (MISP's repository keeps
// lists/NAME/list.json beside its schema.json), each read within bounds and checked; one bad file never stops the rest.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { AppError, isAppError } from "../../errors/index.ts";
import { listSources } from "../../ingest/index.ts";
import { type ReadWarninglist, readMispWarninglist, WARNINGLIST_LIMITS } from "../../intel/index.ts";
import { jsonLimits, parseJson } from "../../json/index.ts";

/** One file read: its list (with warnings), or why it was refused. */
export type WarninglistFile = { path: string } & (
	| ({ ok: true } & ReadWarninglist)
	| { ok: false; error: AppError }
);

/** MISP's JSON schema of the format, at the root of both of its layouts: not a list. */
const SCHEMA_FILE = "schema.json";

/** JSON a list file may be: deep enough for `{ "list": [ … ] }`, strings as long as an entry may be (and then some). */
const LIST_JSON = jsonLimits({
	maxBytes: WARNINGLIST_LIMITS.fileBytes,
	maxDepth: 8,
	maxStringBytes: 64 * 1024,
});

/**
 * Every warninglist file at `path`, read and checked, in path order.
 * @throws AppError E_INPUT_NOT_FOUND when `path` does not exist.
 */
export function readWarninglistFiles(path: string): WarninglistFile[] {
	if (path === "-") {
		throw new AppError(
			"E_INPUT_NOT_FOUND",
			"name a list file or a folder of them; standard input is not read",
		);
	}
	const files = listSources(path).filter(
		(source) => basename(source.name) !== SCHEMA_FILE || path.endsWith(SCHEMA_FILE),
	);
	return files.map((source) => readOne(source.name, source.size ?? 0));
}

function readOne(path: string, size: number): WarninglistFile {
	try {
		if (size > WARNINGLIST_LIMITS.fileBytes) {
			throw new AppError(
				"E_WARNINGLIST_TOO_LARGE",
				`${path} is ${size.toLocaleString("en")} bytes; a list file may be at most ${WARNINGLIST_LIMITS.fileBytes.toLocaleString("en")}: split the list`,
				{ details: { source: path, bytes: size, limit: WARNINGLIST_LIMITS.fileBytes } },
			);
		}
		const value = parseListJson(path, readFileSync(path));
		return { path, ok: true, ...readMispWarninglist(value, path) };
	} catch (error) {
		if (!isAppError(error)) throw error;
		return { path, ok: false, error };
	}
}

/** The file's JSON, under the list bounds; a file that is not JSON (or not UTF-8) is refused naming the file. */
function parseListJson(path: string, bytes: Uint8Array): unknown {
	try {
		return parseJson(bytes, LIST_JSON);
	} catch (error) {
		if (!isAppError(error)) throw error;
		throw new AppError(
			error.kind === "too_large" ? "E_WARNINGLIST_TOO_LARGE" : "E_WARNINGLIST_INVALID",
			`${path} is not a MISP warninglist: ${error.message}`,
			{ cause: error, details: { source: path } },
		);
	}
}
