// External dynamic lists (Palo Alto and the firewalls that read plain lists): one value a line, of the kinds asked.
import type { FoundObservable } from "../observables/index.ts";
import type { ExportOptions } from "./format.ts";
import type { LineFormat } from "./line-exporter.ts";

/**
 * A plain list: a firewall list holds one type, so ask one export per type (`kinds`: ipv4,ipv6 — domain — url).
 * URLs without their http(s) scheme, as PAN-OS URL lists are written. A firewall replaces its list with each poll,
 * so the full export is what it polls; an incremental one names removals in comment lines (none without comments).
 */
export function edlFormat(options: ExportOptions): LineFormat {
	return {
		title: "External dynamic list",
		mediaType: "text/plain; charset=utf-8",
		extension: "txt",
		comment: "#",
		notes: [
			"one value a line; a firewall replaces its list with each poll (comments=false for lists that refuse #)",
		],
		refuses: (value) => (/[\s]/.test(value.value) ? "a value holding white space" : undefined),
		entries: (_object, values) => values.map(entryOf),
		removals: (object, values, lifecycle) =>
			options.comments === false
				? []
				: values.map((value) => `# removed ${entryOf(value)} (${object.id} ${lifecycle})`),
	};
}

function entryOf(value: FoundObservable): string {
	return value.kind === "url" ? value.value.replace(/^https?:\/\//, "") : value.value;
}
