// Reads one input (bundle, envelope, object or array) and ingests it, keeping input-level problems apart.
import type { AppError } from "../errors/index.ts";
import { type JsonLimits, readBundle } from "../json/index.ts";
import type { Store } from "../store/index.ts";
import { type IngestItem, type IngestOptions, ingest } from "./ingest.ts";
import type { IngestReport } from "./report.ts";
import { counted, type InputSource } from "./sources.ts";

/** Another format an input may be written in (a MISP event): recognised per element, turned into STIX objects. */
export interface SourceTranslator {
	/** Whether an element (or a top-level object that is not STIX) is this format. */
	recognises(object: Record<string, unknown>): boolean;
	/** Its STIX objects, or errors that reject a part of it whole. */
	translate(object: Record<string, unknown>): Iterable<{ object: unknown } | { error: AppError }>;
}

export interface SourceOptions extends IngestOptions {
	limits: JsonLimits;
	onBytes?: (bytes: number) => void;
	/** Foreign elements → STIX (CLI import passes misp/'s; ingest/ knows no format but STIX). */
	translate?: SourceTranslator;
}

/**
 * Streams one source into the store. Errors that end the input (a truncated file, a broken top
 * level) are input errors, remarks about its wrapper input warnings; objects before an error are kept.
 */
export async function ingestSource(
	store: Store,
	source: InputSource,
	options: SourceOptions,
): Promise<IngestReport> {
	const bytes = options.onBytes === undefined ? source.open() : counted(source.open(), options.onBytes);
	const translator = options.translate;
	const read = readBundle(
		bytes,
		options.limits,
		translator === undefined ? {} : { foreign: (object) => translator.recognises(object) },
	);
	const fatal: string[] = [];
	async function* items(): AsyncGenerator<IngestItem> {
		for await (const item of read.objects) {
			if ("error" in item && item.fatal) fatal.push(item.error.message);
			else if ("error" in item || translator === undefined || !translator.recognises(item.object)) yield item;
			else for (const part of translator.translate(item.object)) yield { index: item.index, ...part };
		}
	}
	const report = await ingest(store, items(), options);
	const header = await read.header;
	report.inputErrors.push(...fatal);
	report.inputWarnings.push(...header.warnings);
	return report;
}
