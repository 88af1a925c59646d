// Reads a page of a TAXII answer: an envelope of objects (§3.7) with its paging headers (§3.2), each object parsed on its own.
import { AppError } from "../../errors/index.ts";
import { type BundleItem, type JsonLimits, readBundle } from "../../json/index.ts";
import type { TaxiiResponse } from "./transport.ts";

/** One page of objects. A malformed element is an item with an error; the rest of the page still counts. */
export interface EnvelopePage {
	readonly items: readonly BundleItem[];
	readonly more: boolean;
	readonly next?: string;
	/** `X-TAXII-Date-Added-First` / `-Last`: where this page starts and ends in the collection. */
	readonly dateAddedFirst?: string;
	readonly dateAddedLast?: string;
	/** What the server got wrong without making the page unreadable. */
	readonly warnings: readonly string[];
}

/**
 * Parses an envelope under `limits`, element by element.
 * @throws AppError E_TAXII_PROTOCOL when the body is not an envelope or is broken beyond one element.
 */
export async function envelopePageOf(
	response: TaxiiResponse,
	url: string,
	limits: JsonLimits,
): Promise<EnvelopePage> {
	const read = readBundle([response.body], limits);
	const items: BundleItem[] = [];
	for await (const item of read.objects) {
		if ("error" in item && item.fatal) {
			throw new AppError("E_TAXII_PROTOCOL", `${url} answered a broken envelope: ${item.error.message}`, {
				cause: item.error,
				details: { url },
			});
		}
		items.push(item);
	}
	const header = await read.header;
	// readBundle notes an envelope it had to guess at; here an envelope is exactly what was asked for.
	const warnings = header.warnings.filter((warning) => !warning.includes("read as a TAXII envelope"));
	if (header.form === "bundle")
		warnings.push("server sent a STIX bundle where TAXII 2.1 requires an envelope (§3.7)");
	else if (header.form !== "envelope") {
		throw new AppError(
			"E_TAXII_PROTOCOL",
			`${url} answered a bare ${header.form}, not a TAXII envelope (§3.7)`,
			{
				details: { url },
			},
		);
	}
	const more = header.more === true;
	const dateAddedFirst = response.headers.get("x-taxii-date-added-first") ?? undefined;
	const dateAddedLast = response.headers.get("x-taxii-date-added-last") ?? undefined;
	if (items.length > 0 && dateAddedLast === undefined)
		warnings.push("no X-TAXII-Date-Added-Last header (§3.2)");
	return {
		items,
		more,
		...(more && header.next !== undefined && header.next !== "" ? { next: header.next } : {}),
		...(dateAddedFirst === undefined ? {} : { dateAddedFirst }),
		...(dateAddedLast === undefined ? {} : { dateAddedLast }),
		warnings,
	};
}
