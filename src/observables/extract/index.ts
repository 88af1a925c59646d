// Free-text extraction (issue 12, D52): every observable in a pasted report, CSV or e-mail, refanged, typed,
// normalised, deduplicated, in order of first appearance, in one linear pass.
import { decodeQuotedPrintableBody } from "./email-body.ts";
import { type Extraction, Extractor } from "./extractor.ts";
import { chunkEnd } from "./tokens.ts";

export type { ReferenceKind } from "./classify-token.ts";
export { FILE_EXTENSIONS } from "./domain-or-file.ts";
export type { ExtractedObservable, ExtractedReference, Extraction } from "./extractor.ts";

/** What a pasted text is. "email": a quoted-printable body is decoded first; "csv" and "text" scan alike. */
export type TextFormat = "text" | "csv" | "email";

export interface ExtractOptions {
	/** Most rows returned (observables; references apart), 10,000 by default. */
	limit?: number;
	format?: TextFormat;
}

export const DEFAULT_EXTRACT_LIMIT = 10_000;
/** Characters scanned between two yields to the event loop: about 10 ms of work. */
const CHUNK_CHARS = 256 * 1024;

/**
 * Every observable in `text` (report, CSV, e-mail), refanged, typed, deduplicated, in order of first
 * appearance, with the text as first written, the count and the first offset. At most `limit` rows.
 * Offsets are into `text`, or for an e-mail with a quoted-printable body, into its decoded form.
 */
export function extractObservables(text: string, options: ExtractOptions = {}): Extraction["observables"] {
	return extractText(text, options).observables;
}

/** The observables of `text` (as extractObservables) and the CVE and ATT&CK technique ids it cites. */
export function extractText(text: string, options: ExtractOptions = {}): Extraction {
	const scanned = options.format === "email" ? decodeQuotedPrintableBody(text) : text;
	const extractor = new Extractor(scanned, options.limit ?? DEFAULT_EXTRACT_LIMIT);
	extractor.scan(0, scanned.length);
	return extractor.result();
}

/**
 * extractText in chunks of about 10 ms, yielding to the event loop between them, so a server extracting a
 * 10 MiB paste keeps answering other requests. Stops with the signal's reason when it is aborted.
 */
export async function extractTextYielding(
	text: string,
	options: ExtractOptions & { signal?: AbortSignal } = {},
): Promise<Extraction> {
	const scanned = options.format === "email" ? decodeQuotedPrintableBody(text) : text;
	const extractor = new Extractor(scanned, options.limit ?? DEFAULT_EXTRACT_LIMIT);
	for (let from = 0; from < scanned.length; ) {
		const to = chunkEnd(scanned, from + CHUNK_CHARS);
		extractor.scan(from, to);
		from = to;
		if (from < scanned.length) {
			await new Promise((resolve) => setImmediate(resolve));
			options.signal?.throwIfAborted();
		}
	}
	return extractor.result();
}
