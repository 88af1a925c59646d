// An export as UTF-8 chunks: the header, one chunk per page of released objects, the footer (with the gate's count
// only for the operator: a recipient told how many objects it may not see learns that they exist, D5).
import type { StixObject } from "../stix/core.ts";
import type { Exporter } from "./format.ts";
import { type FormatRequest, type FormatThreadOptions, formattedPages } from "./format-threads.ts";

/**
 * One page to export: what the gate released (undefined where it withheld an object: counted, never formatted),
 * or — the operator's own export, no gate (`entente export` without `--as`) — the objects as stored, as JSON text.
 */
export type ExportPage = readonly (StixObject | undefined)[] | { stored: readonly string[] };

/** How the chunks are made: whether the footer names the withheld count, and the format threads (line formats). */
export interface ExportChunkOptions extends FormatThreadOptions {
	sayWithheld: boolean;
}

const ENCODER = new TextEncoder();

/**
 * The bytes of an export, a chunk per page, so a caller can stream them with backpressure (pages are read as
 * chunks are pulled). Line formats format pages on threads (format-threads.ts) and write exactly what one thread
 * writes. The footer names how many objects the gate withheld only when `options.sayWithheld` is true: for the
 * operator exporting as a party (`entente export --as`), never for the recipient itself (REST), whom a count
 * would tell that objects it may not see exist, and with `since`/`types` when and of what type they arrive (D5:
 * hidden answers like missing). No I/O of its own; the caller reads the store and asks the gate.
 * @example for await (const chunk of exportChunks(exporterFor("zeek"), pages, { sayWithheld: false })) await write(chunk);
 */
export async function* exportChunks(
	exporter: Exporter,
	pages: AsyncIterable<ExportPage>,
	options: ExportChunkOptions,
): AsyncGenerator<Uint8Array> {
	yield ENCODER.encode(exporter.header());
	const withheld = { count: 0 };
	if (exporter.split === undefined) {
		for await (const page of pages) {
			let chunk = "";
			for (const object of objectsOf(requestOf(page, withheld))) chunk += exporter.item(object).text;
			if (chunk !== "") yield ENCODER.encode(chunk);
		}
	} else {
		for await (const bytes of formattedPages(exporter.split, requestsOf(pages, withheld), options))
			if (bytes.length > 0) yield bytes;
	}
	yield ENCODER.encode(exporter.footer(options.sayWithheld ? { withheld: withheld.count } : {}));
}

async function* requestsOf(
	pages: AsyncIterable<ExportPage>,
	withheld: { count: number },
): AsyncGenerator<FormatRequest> {
	for await (const page of pages) yield requestOf(page, withheld);
}

/** A page as a format thread takes it: stored bodies as one JSON array (parsed there), released objects as they are. */
function requestOf(page: ExportPage, withheld: { count: number }): FormatRequest {
	if (!Array.isArray(page)) return `[${(page as { stored: readonly string[] }).stored.join(",")}]`;
	const released: StixObject[] = [];
	for (const object of page as readonly (StixObject | undefined)[]) {
		if (object === undefined) withheld.count++;
		else released.push(object);
	}
	return released;
}

function objectsOf(request: FormatRequest): readonly StixObject[] {
	return typeof request === "string" ? (JSON.parse(request) as StixObject[]) : request;
}
