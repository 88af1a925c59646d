// Free-text import, first step (D52): the observables of a pasted text, each with whether this node already holds
// it as released to the viewer. Nothing is stored; the extraction yields to the event loop as it goes.
import type { Context } from "hono";
import { AppError } from "../errors/index.ts";
import {
	type ExtractedObservable,
	extractTextYielding,
	OBSERVABLE_KINDS,
	scoOf,
} from "../observables/index.ts";
import type { ApiViewer } from "./gate.ts";
import { readJsonValue } from "./request-body.ts";
import type { ApiServices } from "./services.ts";
import {
	type ImportPreview,
	type ImportRow,
	ImportTextBody,
	MAX_IMPORT_ROWS,
	MAX_IMPORT_TEXT_BYTES,
	type Presented,
} from "./shapes/index.ts";
import { invalidInput, issuesOf } from "./validate.ts";

/** A body may carry the text JSON-escaped: control characters and quotes take more bytes than they stand for. */
const MAX_BODY_BYTES = 2 * MAX_IMPORT_TEXT_BYTES + 64 * 1024;

export const NOTHING_IMPORTED =
	"Nothing was stored: review the rows (kind, include), then POST /api/v1/import/text/commit builds the STIX " +
	"draft, which POST /api/v1/policy/preview previews for every party and POST /api/v1/objects publishes.";

function textTooLarge(): AppError {
	return new AppError(
		"E_API_BODY_TOO_LARGE",
		`the text is larger than ${MAX_IMPORT_TEXT_BYTES} bytes (10 MiB) of UTF-8: split it and import each part`,
		{ details: { limit: MAX_IMPORT_TEXT_BYTES } },
	);
}

/**
 * The import request's JSON body, under the text's limit.
 * @throws AppError E_API_MEDIA_TYPE (415) for another content type, E_API_BODY_TOO_LARGE (413) for a text over
 *   10 MiB, E_API_PARAMETER (400) for a body of another shape, each issue located.
 */
export async function readImportText(context: Context, services: ApiServices): Promise<ImportTextBody> {
	const value = await readJsonValue(context, MAX_BODY_BYTES, services.bodies).catch((error: unknown) => {
		throw error instanceof AppError && error.code === "E_API_BODY_TOO_LARGE" ? textTooLarge() : error;
	});
	const parsed = ImportTextBody.safeParse(value);
	if (!parsed.success) throw invalidInput(issuesOf("body", parsed.error.issues));
	if (Buffer.byteLength(parsed.data.text, "utf8") > MAX_IMPORT_TEXT_BYTES) throw textTooLarge();
	return parsed.data;
}

/**
 * The observables of `body.text` in order of first appearance, with the references it cites, each row marked
 * `known` when this node holds an observable object of that value and releases it to `viewer` as it is.
 */
export async function previewTextImport(
	services: ApiServices,
	body: ImportTextBody,
	viewer: ApiViewer,
	signal?: AbortSignal,
): Promise<Presented<ImportPreview>> {
	const extraction = await extractTextYielding(body.text, {
		limit: body.limit ?? MAX_IMPORT_ROWS,
		...(body.format === undefined ? {} : { format: body.format }),
		...(signal === undefined ? {} : { signal }),
	});
	const known = await knownIds(services, extraction.observables, viewer);
	// Warninglists flag a row (D50): the analyst sees the list and decides; nothing is dropped for it.
	const warninglists = services.intel?.warninglists;
	await warninglists?.refresh();
	const rows = extraction.observables.map((row): ImportRow => {
		const id = scoOf(row)?.id;
		const hits = warninglists?.hits(row) ?? [];
		return {
			...row,
			known: id !== undefined && known.has(id),
			...(hits.length === 0 ? {} : { warninglists: hits.map((hit) => ({ ...hit })) }),
		};
	});
	return {
		rows,
		references: extraction.references,
		truncated: extraction.truncated,
		kinds: [...OBSERVABLE_KINDS],
		note: NOTHING_IMPORTED,
	};
}

/**
 * The ids of the observable objects of `rows` that the gate releases to `viewer` under their own id: hidden ≡
 * missing, and a copy transformed under another id (a pseudonymised address) does not tell the viewer this value.
 */
async function knownIds(
	services: ApiServices,
	rows: readonly ExtractedObservable[],
	viewer: ApiViewer,
): Promise<Set<string>> {
	const ids = [...new Set(rows.flatMap((row) => scoOf(row)?.id ?? []))];
	if (ids.length === 0) return new Set();
	const versions = await services.store.latestVersions(ids);
	const released = await services.gate.releasePage(viewer, versions);
	return new Set(
		versions.flatMap((version, index) => (released[index]?.id === version.id ? [version.id] : [])),
	);
}
