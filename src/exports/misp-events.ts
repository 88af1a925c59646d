// MISP JSON: the released objects as MISP events (src/misp's stixToMisp, D54) — a report or grouping an event, the
// rest one event — in MISP's list answer `{"response": [{"Event": …}, …]}`.
import { stixToMisp } from "../misp/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { Exporter, ExportOptions } from "./format.ts";
import { LeftOut } from "./left-out.ts";

/**
 * Events need every object an event names at once (a report's refs may come pages later), so this format holds
 * the objects until the footer: at most MISP_EXPORT_LIMIT, the rest left out and counted (ask for less with
 * `types`/`since`, or subscribe a MISP instance to the node's MISP feed, D54, which pages by event).
 */
export const MISP_EXPORT_LIMIT = 100_000;

export function mispExporter(options: ExportOptions): Exporter {
	const held: StixObject[] = [];
	const left = new LeftOut();
	return {
		mediaType: "application/json",
		extension: "json",
		header: () => "",
		item(object) {
			if (held.length >= MISP_EXPORT_LIMIT) {
				const skipped = `over ${MISP_EXPORT_LIMIT} objects in one MISP export (narrow it with types or since, or use the MISP feed)`;
				left.add(skipped);
				return { text: "", skipped };
			}
			held.push(object);
			left.objects++;
			return { text: "" };
		},
		footer(tally) {
			const { events, notes } = stixToMisp(held, {
				orphanEventInfo: `Entente export${options.recipient === undefined ? "" : ` for ${options.recipient}`}`,
			});
			left.lines = events.length;
			// MISP reads `response`; the summary rides beside it (MISP ignores keys it does not know).
			return `${JSON.stringify({
				response: events,
				entente_export: {
					summary: left.summary(tally),
					notes,
					...(options.nextSince === undefined ? {} : { next_since: options.nextSince }),
				},
			})}\n`;
		},
	};
}
