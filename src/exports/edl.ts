// External dynamic lists (Palo Alto and the firewalls that read plain lists): one value a line, of the kinds asked.
import { AppError } from "../errors/index.ts";
import type { FoundObservable, ObservableKind } from "../observables/index.ts";
import type { ExportOptions } from "./format.ts";
import type { LineFormat } from "./line-format.ts";

/**
 * A plain list: a firewall list holds one type, so ask one export per type (`kinds`: ipv4,ipv6 — domain — url).
 * URLs without their http(s) scheme, as PAN-OS URL lists are written. A firewall replaces its list with each poll,
 * so the full export is what it polls; an incremental one names removals in comment lines (none without comments).
 */
export function edlFormat(options: ExportOptions): LineFormat {
	checkOneListType(options.kinds);
	return {
		title: "External dynamic list",
		mediaType: "text/plain; charset=utf-8",
		extension: "txt",
		comment: "#",
		notes: [
			"one value a line; a firewall replaces its list with each poll (comments=false for lists that refuse #)",
		],
		refuses: (value) => (/[\s]/.test(value.value) ? "a value holding white space" : undefined),
		entries(_object, values, out) {
			for (const value of values) out.line(entryOf(value));
		},
		removals(object, values, lifecycle, out) {
			if (options.comments === false) return;
			for (const value of values) out.line(`# removed ${entryOf(value)} (${object.id} ${lifecycle})`);
		},
	};
}

function entryOf(value: FoundObservable): string {
	return value.kind === "url" ? value.value.replace(/^https?:\/\//, "") : value.value;
}

/** The types of list a firewall reads, each the kinds it may hold. */
const LIST_TYPES: readonly (readonly ObservableKind[])[] = [["ipv4", "ipv6"], ["domain"], ["url"]];

/**
 * A firewall reads a list as one type (PAN-OS: IP, domain or URL lists), so an EDL mixing kinds — or the e-mails and
 * hashes a default "every kind" would add — is refused with the three lists to ask for instead.
 */
function checkOneListType(kinds: readonly ObservableKind[] | undefined): void {
	const asked = kinds ?? [];
	if (asked.length > 0 && LIST_TYPES.some((type) => asked.every((kind) => type.includes(kind)))) return;
	throw new AppError(
		"E_EXPORT_EDL_KINDS",
		`an external dynamic list holds one type of value; ${
			asked.length === 0 ? "no kinds were given" : `got ${asked.join(",")}`
		}: ask for kinds ipv4,ipv6 (an IP list), domain (a domain list) or url (a URL list), one export each (?kinds= on REST, --kind on the CLI)`,
	);
}
