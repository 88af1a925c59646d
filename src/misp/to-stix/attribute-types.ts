// MISP attribute types → STIX, after misp-stix's mapping (misp_attributes_to_stix21.json): the observables an
// attribute's value is, and the pattern of its indicator.
import type { StixObject } from "../../stix/core.ts";
import { HASH_NAMES } from "./hashes.ts";
import { observation, quoted, segment } from "./pattern-text.ts";

/** What one attribute's value becomes. */
export type AttributeShape =
	/** Observables (in an observed-data) and, when to_ids, an indicator with this pattern. */
	| { kind: "observable"; scos: StixObject[]; pattern: string }
	/** Only a pattern: an indicator when to_ids (or `always`: detection rules), else kept as a custom object. */
	| { kind: "pattern"; pattern: string; patternType: string; always: boolean }
	/** A domain object of its own (campaign, vulnerability). */
	| { kind: "sdo"; type: string; properties: Record<string, unknown> };

type Builder = (value: string, uuid: string) => AttributeShape | undefined;

/** An SCO whose id is `<type>--<attribute uuid>`, as MISP's exporter names them. */
export function sco(type: string, uuid: string, properties: Record<string, unknown>): StixObject {
	return { type, spec_version: "2.1", id: `${type}--${uuid}`, ...properties };
}

/** The attribute types MISP's STIX 2.1 exporter maps; any other is kept as an `x-misp-attribute` with a note. */
export function attributeShape(type: string, value: string, uuid: string): AttributeShape | undefined {
	const build = BUILDERS[type];
	if (build !== undefined) return build(value, uuid);
	const hash = HASH_NAMES[type];
	if (hash !== undefined) return fileHashes(value, uuid, hash, undefined);
	if (type.startsWith("filename|")) {
		const name = HASH_NAMES[type.slice("filename|".length)];
		const [file, digest] = split(value);
		if (name === undefined || file === undefined || digest === undefined) return undefined;
		return fileHashes(digest, uuid, name, file);
	}
	return undefined;
}

/** "a|b" → ["a", "b"]; anything else → []. */
export function split(value: string): [string, string] | [] {
	const at = value.indexOf("|");
	if (at < 0) return [];
	return [value.slice(0, at), value.slice(at + 1)];
}

export function ipType(value: string): "ipv4-addr" | "ipv6-addr" {
	return value.includes(":") ? "ipv6-addr" : "ipv4-addr";
}

function fileHashes(digest: string, uuid: string, name: string, file: string | undefined): AttributeShape {
	const comparisons = [`file:hashes.${segment(name)} = ${quoted(digest)}`];
	if (file !== undefined) comparisons.unshift(`file:name = ${quoted(file)}`);
	return {
		kind: "observable",
		scos: [sco("file", uuid, { hashes: { [name]: digest }, ...(file === undefined ? {} : { name: file }) })],
		pattern: observation(comparisons),
	};
}

function single(type: string, property: string): Builder {
	return (value, uuid) => ({
		kind: "observable",
		scos: [sco(type, uuid, { [property]: value })],
		pattern: `[${type}:${property} = ${quoted(value)}]`,
	});
}

function address(side: "src" | "dst", withPort: boolean): Builder {
	return (value, uuid) => {
		let ip = value;
		let port: string | undefined;
		if (withPort) {
			const [host, portText] = split(value);
			if (host === undefined || portText === undefined || !/^\d{1,5}$/.test(portText)) return undefined;
			ip = host;
			port = portText;
		}
		const addressType = ipType(ip);
		const comparisons = [
			`network-traffic:${side}_ref.type = '${addressType}'`,
			`network-traffic:${side}_ref.value = ${quoted(ip)}`,
		];
		if (port !== undefined) comparisons.push(`network-traffic:${side}_port = '${port}'`);
		return {
			kind: "observable",
			scos: [
				sco("network-traffic", uuid, {
					[`${side}_ref`]: `${addressType}--${uuid}`,
					...(port === undefined ? {} : { [`${side}_port`]: Number(port) }),
					protocols: ["tcp"],
				}),
				sco(addressType, uuid, { value: ip }),
			],
			pattern: observation(comparisons),
		};
	};
}

function emailMessage(property: string, patternPath: string, wrap: (value: string) => unknown): Builder {
	return (value, uuid) => ({
		kind: "observable",
		scos: [sco("email-message", uuid, { is_multipart: false, [property]: wrap(value) })],
		pattern: `[email-message:${patternPath} = ${quoted(value)}]`,
	});
}

function emailAddress(property: "from_ref" | "to_refs", patternPath: string): Builder {
	return (value, uuid) => {
		const addressId = `email-addr--${uuid}`;
		return {
			kind: "observable",
			scos: [
				sco("email-message", uuid, {
					is_multipart: false,
					[property]: property === "to_refs" ? [addressId] : addressId,
				}),
				sco("email-addr", uuid, { value }),
			],
			pattern: `[email-message:${patternPath} = ${quoted(value)}]`,
		};
	};
}

const HIVES: Readonly<Record<string, string>> = {
	HKLM: "HKEY_LOCAL_MACHINE",
	HKCU: "HKEY_CURRENT_USER",
	HKCR: "HKEY_CLASSES_ROOT",
	HKU: "HKEY_USERS",
	HKCC: "HKEY_CURRENT_CONFIG",
};

/** Registry keys with the hive spelled out (STIX 2.1 §6.13 requires it; MISP users write HKLM\\…). */
export function registryKey(key: string): string {
	const at = key.indexOf("\\");
	const hive = at < 0 ? key : key.slice(0, at);
	const full = HIVES[hive.toUpperCase()];
	return full === undefined ? key : `${full}${at < 0 ? "" : key.slice(at)}`;
}

function patternOnly(pattern: (value: string) => string): Builder {
	return (value) => ({ kind: "pattern", pattern: pattern(value), patternType: "stix", always: false });
}

function rule(patternType: string): Builder {
	return (value) => ({ kind: "pattern", pattern: value, patternType, always: true });
}

const HTTP_REQUEST = "network-traffic:extensions.'http-request-ext'";

const BUILDERS: Readonly<Record<string, Builder>> = {
	AS: (value, uuid) => {
		const digits = value.replace(/^AS/i, "");
		if (!/^\d{1,10}$/.test(digits)) return undefined;
		return {
			kind: "observable",
			scos: [sco("autonomous-system", uuid, { number: Number(digits) })],
			pattern: `[autonomous-system:number = '${Number(digits)}']`,
		};
	},
	domain: single("domain-name", "value"),
	hostname: single("domain-name", "value"),
	"domain|ip": (value, uuid) => {
		const [domain, ip] = split(value);
		if (domain === undefined || ip === undefined) return undefined;
		const addressId = `${ipType(ip)}--${uuid}`;
		return {
			kind: "observable",
			scos: [
				sco("domain-name", uuid, { value: domain, resolves_to_refs: [addressId] }),
				sco(ipType(ip), uuid, { value: ip }),
			],
			pattern: observation([
				`domain-name:value = ${quoted(domain)}`,
				`domain-name:resolves_to_refs[*].value = ${quoted(ip)}`,
			]),
		};
	},
	"hostname|port": (value, uuid) => {
		const [host, port] = split(value);
		if (host === undefined || port === undefined || !/^\d{1,5}$/.test(port)) return undefined;
		return {
			kind: "observable",
			scos: [
				sco("domain-name", uuid, { value: host }),
				sco("network-traffic", uuid, {
					dst_ref: `domain-name--${uuid}`,
					dst_port: Number(port),
					protocols: ["tcp"],
				}),
			],
			// MISP's exporter joins domain-name and network-traffic in one observation, which STIX 2.1 §9.5 forbids.
			pattern: observation([
				`network-traffic:dst_ref.type = 'domain-name'`,
				`network-traffic:dst_ref.value = ${quoted(host)}`,
				`network-traffic:dst_port = '${port}'`,
			]),
		};
	},
	"ip-src": address("src", false),
	"ip-dst": address("dst", false),
	"ip-src|port": address("src", true),
	"ip-dst|port": address("dst", true),
	email: single("email-addr", "value"),
	"email-src": emailAddress("from_ref", "from_ref.value"),
	"email-dst": emailAddress("to_refs", "to_refs[*].value"),
	"email-subject": emailMessage("subject", "subject", (value) => value),
	"email-body": emailMessage("body", "body", (value) => value),
	"email-header": emailMessage("received_lines", "received_lines", (value) => [value]),
	"email-message-id": emailMessage("message_id", "message_id", (value) => value),
	"email-reply-to": emailMessage(
		"additional_header_fields",
		"additional_header_fields.reply_to",
		(value) => ({ "Reply-To": value }),
	),
	"email-x-mailer": emailMessage(
		"additional_header_fields",
		"additional_header_fields.x_mailer",
		(value) => ({ "X-Mailer": value }),
	),
	"email-attachment": (value, uuid) => ({
		kind: "observable",
		scos: [
			sco("email-message", uuid, {
				is_multipart: true,
				body_multipart: [
					{ body_raw_ref: `file--${uuid}`, content_disposition: `attachment; filename='${value}'` },
				],
			}),
			sco("file", uuid, { name: value }),
		],
		pattern: `[email-message:body_multipart[*].body_raw_ref.name = ${quoted(value)}]`,
	}),
	filename: single("file", "name"),
	attachment: single("file", "name"),
	"malware-sample": (value, uuid) => {
		const [file, md5] = split(value);
		if (file === undefined || md5 === undefined) return single("file", "name")(value, uuid);
		return fileHashes(md5, uuid, "MD5", file);
	},
	url: single("url", "value"),
	link: single("url", "value"),
	uri: single("url", "value"),
	"mac-address": single("mac-addr", "value"),
	mutex: single("mutex", "name"),
	regkey: (value, uuid) => {
		const key = registryKey(value);
		return {
			kind: "observable",
			scos: [sco("windows-registry-key", uuid, { key })],
			pattern: `[windows-registry-key:key = ${quoted(key)}]`,
		};
	},
	"regkey|value": (value, uuid) => {
		const [keyText, data] = split(value);
		if (keyText === undefined || data === undefined) return undefined;
		const key = registryKey(keyText);
		return {
			kind: "observable",
			scos: [sco("windows-registry-key", uuid, { key, values: [{ data }] })],
			pattern: observation([
				`windows-registry-key:key = ${quoted(key)}`,
				`windows-registry-key:values[*].data = ${quoted(data)}`,
			]),
		};
	},
	"github-username": (value, uuid) => ({
		kind: "observable",
		scos: [sco("user-account", uuid, { account_login: value, account_type: "github" })],
		pattern: observation([
			`user-account:account_type = 'github'`,
			`user-account:account_login = ${quoted(value)}`,
		]),
	}),
	"x509-fingerprint-md5": x509("MD5"),
	"x509-fingerprint-sha1": x509("SHA-1"),
	"x509-fingerprint-sha256": x509("SHA-256"),
	port: (value) =>
		/^\d{1,5}$/.test(value)
			? {
					kind: "pattern",
					pattern: `[network-traffic:dst_port = '${value}']`,
					patternType: "stix",
					always: false,
				}
			: undefined,
	"size-in-bytes": (value) =>
		/^\d+$/.test(value)
			? { kind: "pattern", pattern: `[file:size = '${value}']`, patternType: "stix", always: false }
			: undefined,
	"http-method": patternOnly((value) => `[${HTTP_REQUEST}.request_method = ${quoted(value)}]`),
	"user-agent": patternOnly((value) => `[${HTTP_REQUEST}.request_header.'User-Agent' = ${quoted(value)}]`),
	snort: rule("snort"),
	suricata: rule("suricata"),
	yara: rule("yara"),
	sigma: rule("sigma"),
	"campaign-name": (value) => ({ kind: "sdo", type: "campaign", properties: { name: value } }),
	vulnerability: (value) => ({
		kind: "sdo",
		type: "vulnerability",
		properties: { name: value, external_references: [{ source_name: "cve", external_id: value }] },
	}),
};

function x509(name: string): Builder {
	return (value, uuid) => {
		const digest = value.replace(/[^0-9A-Za-z]/g, "");
		return {
			kind: "observable",
			scos: [sco("x509-certificate", uuid, { hashes: { [name]: digest } })],
			pattern: `[x509-certificate:hashes.${segment(name)} = ${quoted(digest)}]`,
		};
	};
}
