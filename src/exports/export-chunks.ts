// An export as text chunks: the header, one chunk per page of released objects, the footer (with the gate's count
// only for the operator: a recipient told how many objects it may not see learns that they exist, D5).
import type { StixObject } from "../stix/core.ts";
import type { Exporter } from "./format.ts";

/**
 * The text of an export, a chunk per page, so a caller can stream it with backpressure: `pages` yields each page
 * of versions as the gate answered it (undefined where it withheld an object: counted, never formatted).
 * The footer names how many the gate withheld only when `options.sayWithheld` is true: for the operator exporting
 * as a party (`entente export --as`), never for the recipient itself (REST), whom a count would tell that objects it
 * may not see exist, and with `since`/`types` when and of what type they arrive (D5: hidden answers like missing).
 * No I/O of its own; the caller reads the store and asks the gate.
 * @example for await (const chunk of exportChunks(exporterFor("zeek"), releasedPages)) await write(chunk);
 */
export async function* exportChunks(
	exporter: Exporter,
	pages: AsyncIterable<readonly (StixObject | undefined)[]>,
	options: { sayWithheld: boolean },
): AsyncGenerator<string> {
	yield exporter.header();
	let withheld = 0;
	for await (const page of pages) {
		let chunk = "";
		for (const object of page) {
			if (object === undefined) withheld++;
			else chunk += exporter.item(object).text;
		}
		if (chunk !== "") yield chunk;
	}
	yield exporter.footer(options.sayWithheld ? { withheld } : {});
}
