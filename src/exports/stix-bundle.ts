// STIX 2.1: one bundle, streamed, every released object as it was released (revocations travel as themselves).
import type { Exporter, ExportOptions } from "./format.ts";

/**
 * A bundle of the objects passed, in order; nothing is left out by the format (the caller's gate decides what
 * passes), so its footer closes the bundle only. `bundleId` must be `bundle--<uuid>` (the caller makes one).
 */
export function stixBundleExporter(bundleId: string, _options: ExportOptions): Exporter {
	let count = 0;
	return {
		mediaType: "application/stix+json;version=2.1",
		extension: "json",
		header: () => `{"type":"bundle","id":"${bundleId}","objects":[`,
		item(object) {
			const text = `${count === 0 ? "\n" : ",\n"}${JSON.stringify(object)}`;
			count++;
			return { text };
		},
		footer: () => "\n]}\n",
	};
}
