// Zeek Intelligence Framework files: `#fields indicator indicator_type meta.source meta.desc meta.url`, tab
// separated, `-` for an empty field; loaded with `redef Intel::read_files += { "…" };`.
import type { FoundObservable, ObservableKind } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ExportOptions } from "./format.ts";
import type { LineFormat } from "./line-format.ts";

/** The Intel::Type of each kind Zeek's seen scripts report; other kinds are never matched by Zeek. */
const INTEL_TYPES: Partial<Record<ObservableKind, string>> = {
	ipv4: "Intel::ADDR",
	ipv6: "Intel::ADDR",
	domain: "Intel::DOMAIN",
	url: "Intel::URL",
	email: "Intel::EMAIL",
	md5: "Intel::FILE_HASH",
	sha1: "Intel::FILE_HASH",
	sha256: "Intel::FILE_HASH",
	filename: "Intel::FILE_NAME",
	"user-agent": "Intel::SOFTWARE",
};

const DESC_LIMIT = 200;

/** A Zeek intel file; an incremental one lists removals as comment lines (Zeek reads whole files: D56). */
export function zeekFormat(options: ExportOptions): LineFormat {
	const source = fieldOf(options.source ?? "entente");
	return {
		title: "Zeek Intel framework file",
		mediaType: "text/plain; charset=utf-8",
		extension: "intel",
		comment: "#",
		notes: [
			"Zeek reads the whole file: an incremental export is for tools that merge; poll the full one for Zeek",
		],
		columns: "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url",
		refuses(value) {
			if (INTEL_TYPES[value.kind] === undefined) return `no Zeek Intel type for ${value.kind}`;
			if (/[\t\r\n]/.test(value.value)) return "a value holding a tab or a line break";
			if (value.kind === "url" && !/^https?:\/\//.test(value.value))
				return "a URL whose scheme is not http(s) (Zeek sees HTTP requests)";
			return undefined;
		},
		entries(object, values, out) {
			const desc = fieldOf(descOf(object));
			const url = options.objectUrlBase === undefined ? "-" : fieldOf(`${options.objectUrlBase}${object.id}`);
			for (const value of values)
				out.line(`${indicatorOf(value)}\t${typeOf(value)}\t${source}\t${desc}\t${url}`);
		},
		removals(object, values, lifecycle, out) {
			for (const value of values)
				out.line(`#removed\t${indicatorOf(value)}\t${typeOf(value)}\t${object.id}\t${lifecycle}`);
		},
	};
}

/** Zeek matches URLs as host and path without the scheme, and blocks as Intel::SUBNET. */
function indicatorOf(value: FoundObservable): string {
	return value.kind === "url" ? value.value.replace(/^https?:\/\//, "") : value.value;
}

function typeOf(value: FoundObservable): string {
	if ((value.kind === "ipv4" || value.kind === "ipv6") && value.value.includes("/")) return "Intel::SUBNET";
	return INTEL_TYPES[value.kind] as string;
}

function descOf(object: StixObject): string {
	const name = typeof object.name === "string" && object.name.trim() !== "" ? object.name : object.type;
	return `${name.slice(0, DESC_LIMIT)} (${object.id})`;
}

/** A field without tabs or line breaks; `-` (Zeek's unset) when empty. */
function fieldOf(text: string): string {
	const clean = text.replace(/[\t\r\n]+/g, " ").trim();
	return clean === "" ? "-" : clean;
}
