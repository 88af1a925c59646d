// Reads one input (bundle, envelope, object or array) and ingests it, keeping input-level problems apart.
import { type JsonLimits, readBundle } from "../json/index.ts";
import type { Store } from "../store/index.ts";
import { type IngestItem, type IngestOptions, ingest } from "./ingest.ts";
import type { IngestReport } from "./report.ts";
import { counted, type InputSource } from "./sources.ts";

export interface SourceOptions extends IngestOptions {
	limits: JsonLimits;
	onBytes?: (bytes: number) => void;
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
	const read = readBundle(bytes, options.limits);
	const fatal: string[] = [];
	async function* items(): AsyncGenerator<IngestItem> {
		for await (const item of read.objects) {
			if ("error" in item && item.fatal) fatal.push(item.error.message);
			else yield item;
		}
	}
	const report = await ingest(store, items(), options);
	const header = await read.header;
	report.inputErrors.push(...fatal);
	report.inputWarnings.push(...header.warnings);
	return report;
}
