// Which STIX object paths hold which kinds of value: the tables observablesOf reads SCOs and patterns with.
import type { PathStep } from "../stix/pattern/index.ts";
import type { ObservableKind } from "./kinds.ts";
import { patternPath } from "./stix-mapping.ts";

/** Hash dictionary keys, upper case without `-`/`_`, to kinds (STIX 2.1 §10.7 names and the 2.0-era spellings). */
const HASH_KINDS: Readonly<Record<string, ObservableKind>> = {
	MD5: "md5",
	SHA1: "sha1",
	SHA256: "sha256",
	SHA512: "sha512",
	SSDEEP: "ssdeep",
	TLSH: "tlsh",
};

/** `type:property` paths of one step that hold a value of a kind, in SCOs and in patterns. */
const ONE_STEP: Readonly<Record<string, ObservableKind>> = {
	"ipv4-addr:value": "ipv4",
	"ipv6-addr:value": "ipv6",
	"domain-name:value": "domain",
	"url:value": "url",
	"email-addr:value": "email",
	"file:name": "filename",
	"autonomous-system:number": "asn",
	"mutex:name": "mutex",
	"windows-registry-key:key": "registry-key",
	"x-cryptocurrency-wallet:value": "wallet",
};

/**
 * Custom SCOs as OpenCTI writes them, read in objects only: their types lack the `x-` prefix, so a pattern naming
 * them fails the §9.7 check and the parser (rightly) finds nothing in it.
 */
const SCO_ONLY: Readonly<Record<string, ObservableKind>> = {
	"cryptocurrency-wallet:value": "wallet",
	"hostname:value": "domain",
	"user-agent:value": "user-agent",
};

/** Types whose `hashes` dictionary names a content hash (an X.509 certificate's hash is still that value). */
export const HASHED_TYPES: ReadonlySet<string> = new Set(["file", "artifact", "x509-certificate"]);

/** An SCO type's one value property, with its kind and its path as results write it (computed once). */
export const SCO_VALUES: ReadonlyMap<string, { property: string; kind: ObservableKind; path: string }> =
	new Map(
		Object.entries({ ...ONE_STEP, ...SCO_ONLY }).map(([key, kind]) => {
			const [type, property] = key.split(":") as [string, string];
			return [type, { property, kind, path: patternPath(type, [property]) }];
		}),
	);

/** The kind at a parsed object path, "ref-value" for `…_ref.value` paths (kind told by the value), else undefined. */
export function kindAt(type: string, steps: readonly PathStep[]): ObservableKind | "ref-value" | undefined {
	const names = steps.map((step) => (step.kind === "property" ? step.name : "*"));
	const [first, second, third, fourth] = names;
	if (names.length === 1) return ONE_STEP[`${type}:${first}`];
	if (first === "hashes" && names.length === 2 && HASHED_TYPES.has(type)) return hashKind(second as string);
	if (type === "network-traffic" && first === "extensions" && names.length === 4) {
		if (second === "http-request-ext" && third === "request_header" && fourth?.toLowerCase() === "user-agent")
			return "user-agent";
	}
	if (type === "network-traffic" && first === "extensions" && second === "x-tls-ext" && names.length === 3)
		return third === "ja3" || third === "ja4" ? third : undefined;
	const last = names[names.length - 1];
	const viaRef = names.some((name) => name.endsWith("_ref") || name.endsWith("_refs"));
	return last === "value" && viaRef ? "ref-value" : undefined;
}

/** Hash algorithm keys as indicators write them, bare or quoted. */
const HASH_SPELLINGS = [
	"MD5",
	"md5",
	"SHA-1",
	"SHA1",
	"sha1",
	"SHA-256",
	"SHA256",
	"sha256",
	"SHA-512",
	"SHA512",
	"sha512",
	"SSDEEP",
	"ssdeep",
	"TLSH",
	"tlsh",
];
const BARE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Written `type:path` → kind and the path as the parser's formatter writes it (the results must not differ). */
export const PLAIN_PATHS: ReadonlyMap<string, { kind: ObservableKind; path: string }> = new Map([
	...Object.entries(ONE_STEP).map(([key, kind]) => {
		const [type, property] = key.split(":") as [string, string];
		return [key, { kind, path: patternPath(type, [property]) }] as const;
	}),
	...[...HASHED_TYPES].flatMap((type) =>
		HASH_SPELLINGS.flatMap((algorithm) => {
			const target = {
				kind: hashKind(algorithm) as ObservableKind,
				path: patternPath(type, ["hashes", algorithm]),
			};
			const quoted = [`${type}:hashes.'${algorithm}'`, target] as const;
			return BARE.test(algorithm) ? [quoted, [`${type}:hashes.${algorithm}`, target] as const] : [quoted];
		}),
	),
]);

/** `type:algorithm` → the formatted path of a hash, for the spellings above (others are formatted when met). */
const HASH_PATHS: ReadonlyMap<string, string> = new Map(
	[...HASHED_TYPES].flatMap((type) =>
		HASH_SPELLINGS.map(
			(algorithm) => [`${type}:${algorithm}`, patternPath(type, ["hashes", algorithm])] as const,
		),
	),
);

export function hashPath(type: string, algorithm: string): string {
	return HASH_PATHS.get(`${type}:${algorithm}`) ?? patternPath(type, ["hashes", algorithm]);
}

export function hashKind(algorithm: string): ObservableKind | undefined {
	return HASH_KINDS[algorithm.toUpperCase().replaceAll("-", "").replaceAll("_", "")];
}
