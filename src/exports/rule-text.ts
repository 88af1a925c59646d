// The pieces of a Suricata or Snort rule that carry our text: content strings, msg, metadata and reference.
import type { StixObject } from "../stix/core.ts";
import { classifyMarking } from "../stix/markings/index.ts";

/** Bytes written as themselves inside `content:"…"`; every other byte is written `|hh|` (safe in both engines). */
const PLAIN_CONTENT = /^[A-Za-z0-9._~/:?=&%@+!*'()$-]$/;
const ENCODER = new TextEncoder();

/** A whole value of safe bytes only (most domains, addresses and hashes): written as it is. */
const ALL_PLAIN = /^[A-Za-z0-9._~/:?=&%@+!*'()$-]*$/;

/** `value` as the inside of a content string: `"`, `;`, `\`, `|`, spaces and non-ASCII as hex bytes. */
export function contentOf(value: string): string {
	if (ALL_PLAIN.test(value)) return value;
	let out = "";
	let hex: string[] = [];
	const flush = () => {
		if (hex.length > 0) out += `|${hex.join(" ")}|`;
		hex = [];
	};
	for (const char of value) {
		if (PLAIN_CONTENT.test(char)) {
			flush();
			out += char;
			continue;
		}
		for (const byte of ENCODER.encode(char)) hex.push(byte.toString(16).padStart(2, "0"));
	}
	flush();
	return out;
}

/** The length in bytes a buffer holding `value` has (bsize / bufferlen). */
export function byteLength(value: string): number {
	return ALL_PLAIN.test(value) ? value.length : ENCODER.encode(value).length;
}

/** A domain as a DNS query carries it on the wire: `|04|evil|07|example|00|`. */
export function dnsWireContent(domain: string): string {
	const labels = domain.split(".").filter((label) => label.length > 0);
	return `${labels.map((label) => `|${byteLength(label).toString(16).padStart(2, "0")}|${contentOf(label)}`).join("")}|00|`;
}

const MSG_LIMIT = 200;
/** Printable ASCII but `\\`, `"` and `;`: nothing in it to replace or escape. */
const PLAIN_MSG = /^[\x20-\x21\x23-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** `msg:"…"`'s text: the object's name (else its type), `\`, `"` and `;` escaped, control characters as spaces. */
export function msgOf(object: StixObject): string {
	const name = typeof object.name === "string" && object.name.trim() !== "" ? object.name : object.type;
	const text = `ENTENTE ${name}`;
	// Most names are short printable ASCII with nothing to escape: written as they are.
	if (text.length <= MSG_LIMIT && PLAIN_MSG.test(text)) return text;
	return text
		.replace(/\p{Cc}+/gu, " ")
		.slice(0, MSG_LIMIT)
		.replace(/[\\";]/g, (char) => `\\${char}`);
}

/**
 * `metadata:` pairs: the STIX id, the confidence, and each marking (`tlp amber`, `pap green`, an unknown one by
 * its id). Values carry no `,` or `;`, which would end a pair or the option.
 */
export function metadataOf(object: StixObject): string {
	const pairs = [`stix_id ${object.id}`];
	if (typeof object.confidence === "number") pairs.push(`confidence ${object.confidence}`);
	const markings = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
	for (const ref of markings) {
		if (typeof ref !== "string") continue;
		const known = classifyMarking(ref);
		if (known === undefined) pairs.push(`marking ${ref.replace(/[,;\s]/g, "")}`);
		else pairs.push(`${known.kind.startsWith("tlp") ? "tlp" : known.kind} ${known.level}`);
	}
	return pairs.join(", ");
}

/** `reference:url,…;` to where the object can be read (the scheme left out: engines prefix `http://`), or "". */
export function referenceOf(object: StixObject, objectUrlBase: string | undefined): string {
	if (objectUrlBase === undefined) return "";
	const url = `${objectUrlBase}${object.id}`.replace(/^[a-z]+:\/\//i, "");
	return `reference:url,${url.replace(/[;"\s]/g, "")}; `;
}
