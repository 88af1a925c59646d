// Which MISP attribute type a plain pattern is, read off misp-stix's own tables
// (../shared/data/misp/misp-stix-mapping/stix21_to_misp_attributes.json): the pattern paths of each type, in the
// order the type's `a|b` value joins them. Guards on a reference's type (`network-traffic:dst_ref.type`) carry no
// value and are left out of the shapes.
import type { PlainComparison } from "./plain-pattern.ts";

export interface AttributeType {
	type: string;
	category: string;
	/** The pattern paths, in the order of the `|`-joined value. */
	paths: readonly string[];
	/** Set when misp-stix writes this type back as another pattern: what the round trip changes. */
	comesBackAs?: string;
}

const PAYLOAD = "Payload delivery";
const NETWORK = "Network activity";

/** STIX hash names (as patterns write them, unquoted) → MISP's hash attribute types. */
export const HASH_TYPES: Readonly<Record<string, string>> = {
	MD5: "md5",
	"SHA-1": "sha1",
	SHA1: "sha1",
	"SHA-224": "sha224",
	"SHA-256": "sha256",
	SHA256: "sha256",
	"SHA-384": "sha384",
	"SHA-512": "sha512",
	"SHA3-224": "sha3-224",
	"SHA3-256": "sha3-256",
	"SHA3-384": "sha3-384",
	"SHA3-512": "sha3-512",
	SSDEEP: "ssdeep",
	TLSH: "tlsh",
	IMPHASH: "imphash",
	AUTHENTIHASH: "authentihash",
	PEHASH: "pehash",
	VHASH: "vhash",
	TELFHASH: "telfhash",
};

const IP_BACK =
	"MISP has no attribute type for an address alone: ip-dst, which misp-stix writes back as `network-traffic:dst_ref.value`";

const SINGLE: readonly AttributeType[] = [
	{ type: "AS", category: NETWORK, paths: ["autonomous-system:number"] },
	{ type: "domain", category: NETWORK, paths: ["domain-name:value"] },
	{ type: "ip-dst", category: NETWORK, paths: ["ipv4-addr:value"], comesBackAs: IP_BACK },
	{ type: "ip-dst", category: NETWORK, paths: ["ipv6-addr:value"], comesBackAs: IP_BACK },
	{ type: "ip-dst", category: NETWORK, paths: ["network-traffic:dst_ref.value"] },
	{ type: "ip-src", category: NETWORK, paths: ["network-traffic:src_ref.value"] },
	{ type: "port", category: NETWORK, paths: ["network-traffic:dst_port"] },
	{
		type: "http-method",
		category: NETWORK,
		paths: ["network-traffic:extensions.http-request-ext.request_method"],
	},
	{
		type: "user-agent",
		category: NETWORK,
		paths: ["network-traffic:extensions.http-request-ext.request_header.User-Agent"],
	},
	{ type: "url", category: NETWORK, paths: ["url:value"] },
	{ type: "mac-address", category: PAYLOAD, paths: ["mac-addr:value"] },
	{ type: "email", category: PAYLOAD, paths: ["email-addr:value"] },
	{ type: "email-body", category: PAYLOAD, paths: ["email-message:body"] },
	{ type: "email-dst", category: PAYLOAD, paths: ["email-message:to_refs[*].value"] },
	{ type: "email-header", category: PAYLOAD, paths: ["email-message:received_lines"] },
	{ type: "email-message-id", category: PAYLOAD, paths: ["email-message:message_id"] },
	{ type: "email-reply-to", category: PAYLOAD, paths: ["email-message:additional_header_fields.reply_to"] },
	{ type: "email-src", category: PAYLOAD, paths: ["email-message:from_ref.value"] },
	{ type: "email-subject", category: PAYLOAD, paths: ["email-message:subject"] },
	{ type: "email-x-mailer", category: PAYLOAD, paths: ["email-message:additional_header_fields.x_mailer"] },
	{
		type: "email-attachment",
		category: PAYLOAD,
		paths: ["email-message:body_multipart[*].body_raw_ref.name"],
	},
	{ type: "filename", category: PAYLOAD, paths: ["file:name"] },
	{ type: "size-in-bytes", category: "Other", paths: ["file:size"] },
	{ type: "mutex", category: "Artifacts dropped", paths: ["mutex:name"] },
	{ type: "regkey", category: "Persistence mechanism", paths: ["windows-registry-key:key"] },
	{ type: "x509-fingerprint-md5", category: PAYLOAD, paths: ["x509-certificate:hashes.MD5"] },
	{ type: "x509-fingerprint-sha1", category: PAYLOAD, paths: ["x509-certificate:hashes.SHA-1"] },
	{ type: "x509-fingerprint-sha256", category: PAYLOAD, paths: ["x509-certificate:hashes.SHA-256"] },
	...Object.entries(HASH_TYPES).map(([name, type]) => ({
		type,
		category: PAYLOAD,
		paths: [`file:hashes.${name}`],
	})),
];

const COMPOSITE: readonly AttributeType[] = [
	{
		type: "domain|ip",
		category: NETWORK,
		paths: ["domain-name:value", "domain-name:resolves_to_refs[*].value"],
	},
	{ type: "hostname|port", category: NETWORK, paths: ["domain-name:value", "network-traffic:dst_port"] },
	{
		type: "ip-dst|port",
		category: NETWORK,
		paths: ["network-traffic:dst_ref.value", "network-traffic:dst_port"],
	},
	{
		type: "ip-src|port",
		category: NETWORK,
		paths: ["network-traffic:src_ref.value", "network-traffic:src_port"],
	},
	{
		type: "regkey|value",
		category: "Persistence mechanism",
		paths: ["windows-registry-key:key", "windows-registry-key:values.data"],
	},
	...Object.entries(HASH_TYPES).map(([name, type]) => ({
		type: `filename|${type}`,
		category: PAYLOAD,
		paths: ["file:name", `file:hashes.${name}`],
	})),
];

/** MISP types that share a shape with another and are chosen only when misp-stix's label names them. */
const ALIASES: Readonly<Record<string, string>> = {
	hostname: "domain",
	link: "url",
	uri: "url",
	"sha512/224": "sha224",
	"sha512/256": "sha256",
	"filename|sha512/224": "filename|sha224",
	"filename|sha512/256": "filename|sha256",
};

const BY_SHAPE: ReadonlyMap<string, AttributeType> = new Map(
	[...SINGLE, ...COMPOSITE].map((entry) => [shapeKey(entry.paths), entry]),
);

const BY_PATH: ReadonlyMap<string, AttributeType> = new Map(
	SINGLE.map((entry) => [entry.paths[0] ?? "", entry]),
);

/** STIX hash names as patterns write them in any case (`md5`, `sha256`) → the key of HASH_TYPES they mean. */
const HASH_NAMES: ReadonlyMap<string, string> = new Map(
	Object.keys(HASH_TYPES).map((name) => [name.toUpperCase(), name]),
);

/**
 * A path with its hash name spelt as the STIX vocabulary does (`file:hashes.md5` → `file:hashes.MD5`), and whether
 * that changed it (then the round trip writes the vocabulary's spelling).
 */
export function canonicalPath(key: string): string {
	const at = key.indexOf(":hashes.");
	if (at < 0) return key;
	const name = key.slice(at + 8);
	const canonical = HASH_NAMES.get(name.toUpperCase());
	return canonical === undefined ? key : `${key.slice(0, at + 8)}${canonical}`;
}

function shapeKey(paths: readonly string[]): string {
	return [...paths].sort().join("\n");
}

/** Type guards (`…_ref.type = 'ipv4-addr'`) say which kind of address, not a value: MISP's types carry it. */
export function isTypeGuard(comparison: PlainComparison): boolean {
	return comparison.key.endsWith("_ref.type");
}

/**
 * The MISP attribute a plain pattern's comparisons make, with its `|`-joined value, or undefined when no one
 * attribute type has exactly these paths. `labelled` is the type misp-stix's `misp:type` label names, used when it
 * is one of the aliases of the shape found (hostname for domain, link for url…).
 */
export function attributeOf(
	comparisons: readonly PlainComparison[],
	labelled?: string,
): { type: string; category: string; value: string; comesBackAs?: string } | undefined {
	const lone = comparisons.length === 1 ? comparisons[0] : undefined;
	if (lone !== undefined && lone.key === canonicalPath(lone.key)) {
		// The common case, without the general path's copies: one comparison, its path in canonical spelling.
		const entry = BY_PATH.get(lone.key);
		if (entry === undefined) return undefined;
		const type = labelled !== undefined && ALIASES[labelled] === entry.type ? labelled : entry.type;
		const value = entry.type === "AS" ? `AS${lone.value}` : lone.value;
		return entry.comesBackAs === undefined
			? { type, category: entry.category, value }
			: { type, category: entry.category, value, comesBackAs: entry.comesBackAs };
	}
	const valued = comparisons
		.filter((comparison) => !isTypeGuard(comparison))
		.map((comparison) => ({ ...comparison, key: canonicalPath(comparison.key) }));
	const keys = valued.map((comparison) => comparison.key);
	if (new Set(keys).size !== keys.length) return undefined;
	const entry = BY_SHAPE.get(shapeKey(keys));
	if (entry === undefined) return undefined;
	const byKey = new Map(valued.map((comparison) => [comparison.key, comparison.value]));
	const value = entry.paths.map((path) => byKey.get(path) ?? "").join("|");
	const type = labelled !== undefined && ALIASES[labelled] === entry.type ? labelled : entry.type;
	const made = { type, category: entry.category, value: entry.type === "AS" ? `AS${value}` : value };
	const respelt = comparisons.some((comparison) => canonicalPath(comparison.key) !== comparison.key);
	const comesBackAs = respelt
		? "misp-stix writes the hash name back as the STIX vocabulary spells it"
		: entry.comesBackAs;
	return comesBackAs === undefined ? made : { ...made, comesBackAs };
}

/** True when MISP has an attribute type for this pattern path alone (the paths the parser would accept too). */
export function isTypedPath(key: string): boolean {
	return BY_PATH.has(key);
}

/** The attribute type and category of one path alone (an object's attribute), or undefined. */
export function typeOfPath(key: string): AttributeType | undefined {
	return BY_PATH.get(canonicalPath(key));
}
