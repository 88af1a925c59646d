// Deterministic SCO identifiers (STIX 2.1 §2.9): UUIDv5 over the canonical JSON of the ID contributing properties.
import { canonicalJson } from "./canonical-json.ts";
import { uuidV5 } from "./uuid.ts";

/** The namespace STIX 2.1 §2.9 fixes for SCO UUIDv5 ids. */
export const SCO_ID_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

/**
 * ID contributing properties of each SCO type, from the "ID Contributing Properties" line of each
 * object in STIX 2.1 §6. `process` has none: its ids are always UUIDv4.
 */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
	artifact: ["hashes", "payload_bin"],
	"autonomous-system": ["number"],
	directory: ["path"],
	"domain-name": ["value"],
	"email-addr": ["value"],
	"email-message": ["from_ref", "subject", "body"],
	file: ["hashes", "name", "extensions", "parent_directory_ref"],
	"ipv4-addr": ["value"],
	"ipv6-addr": ["value"],
	"mac-addr": ["value"],
	mutex: ["name"],
	"network-traffic": [
		"start",
		"end",
		"src_ref",
		"dst_ref",
		"src_port",
		"dst_port",
		"protocols",
		"extensions",
	],
	process: [],
	software: ["name", "cpe", "swid", "vendor", "version"],
	url: ["value"],
	"user-account": ["account_type", "user_id", "account_login"],
	"windows-registry-key": ["key", "values"],
	"x509-certificate": ["hashes", "serial_number"],
};

/** Hash algorithms in the order §2.9 picks the single one that contributes to an id. */
const HASH_PREFERENCE = ["MD5", "SHA-1", "SHA-256", "SHA-512"] as const;

/**
 * The one `hashes` entry that contributes to an SCO id: the first of MD5, SHA-1, SHA-256, SHA-512
 * present, else the first key in the dictionary (as the reference implementation does).
 */
export function chooseOneHash(hashes: Record<string, unknown>): Record<string, unknown> | undefined {
	for (const algorithm of HASH_PREFERENCE) {
		if (hashes[algorithm] !== undefined) return { [algorithm]: hashes[algorithm] };
	}
	for (const key in hashes) return { [key]: hashes[key] };
	return undefined;
}

/**
 * The value an SCO states (STIX 2.1 §2.9): the canonical JSON of its ID contributing properties (one hash
 * of `hashes`), or undefined when its type has none or none is present. Two SCOs with the same value have
 * the same deterministic id.
 */
export function scoValue(object: { type: string; [property: string]: unknown }): string | undefined {
	const properties = ID_CONTRIBUTING_PROPERTIES[object.type];
	if (properties === undefined) return undefined;
	const contributing: Record<string, unknown> = {};
	let present = false;
	for (const name of properties) {
		let value = object[name];
		if (value === undefined || value === null) continue;
		if (name === "hashes") {
			if (typeof value !== "object" || Array.isArray(value)) continue;
			value = chooseOneHash(value as Record<string, unknown>);
			if (value === undefined) continue;
		}
		contributing[name] = value;
		present = true;
	}
	return present ? canonicalJson(contributing) : undefined;
}

/**
 * The deterministic id of an SCO, or undefined when the type has no ID contributing properties
 * (process, custom types) or none of them is present — then the id is a UUIDv4 of the producer's
 * choosing and the caller decides.
 * @example scoId({ type: "ipv4-addr", value: "198.51.100.3" }) // "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"
 */
export function scoId(object: { type: string; [property: string]: unknown }): string | undefined {
	const value = scoValue(object);
	return value === undefined ? undefined : `${object.type}--${uuidV5(SCO_ID_NAMESPACE, value)}`;
}
