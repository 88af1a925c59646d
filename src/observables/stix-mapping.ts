// Where each kind of observable lives in STIX: the object type and property path, the one-comparison pattern
// that names a value, and the SCO that holds it (with its deterministic id).
import type { StixObject } from "../stix/core.ts";
import { scoId } from "../stix/ids/index.ts";
import { formatConstant, formatObjectPath, type ObjectPath } from "../stix/pattern/index.ts";
import type { Observable, ObservableKind } from "./kinds.ts";

/** A kind's place in STIX: the object type and the property steps (dictionary keys unquoted). */
interface Target {
	type: string;
	steps: readonly string[];
}

/**
 * The STIX 2.1 home of each kind (D45). JA3/JA4 have none in STIX: they are properties of a custom TLS
 * extension of network-traffic (`x-tls-ext`); wallets a custom SCO (`x-cryptocurrency-wallet`; OpenCTI's
 * `cryptocurrency-wallet` is read too, but a type without `x-` fails STIX 2.1 pattern checks, §9.7).
 */
const TARGETS: Readonly<Record<ObservableKind, Target>> = {
	ipv4: { type: "ipv4-addr", steps: ["value"] },
	ipv6: { type: "ipv6-addr", steps: ["value"] },
	domain: { type: "domain-name", steps: ["value"] },
	url: { type: "url", steps: ["value"] },
	email: { type: "email-addr", steps: ["value"] },
	md5: { type: "file", steps: ["hashes", "MD5"] },
	sha1: { type: "file", steps: ["hashes", "SHA-1"] },
	sha256: { type: "file", steps: ["hashes", "SHA-256"] },
	sha512: { type: "file", steps: ["hashes", "SHA-512"] },
	ssdeep: { type: "file", steps: ["hashes", "SSDEEP"] },
	tlsh: { type: "file", steps: ["hashes", "TLSH"] },
	filename: { type: "file", steps: ["name"] },
	asn: { type: "autonomous-system", steps: ["number"] },
	mutex: { type: "mutex", steps: ["name"] },
	"registry-key": { type: "windows-registry-key", steps: ["key"] },
	"user-agent": {
		type: "network-traffic",
		steps: ["extensions", "http-request-ext", "request_header", "User-Agent"],
	},
	ja3: { type: "network-traffic", steps: ["extensions", "x-tls-ext", "ja3"] },
	ja4: { type: "network-traffic", steps: ["extensions", "x-tls-ext", "ja4"] },
	wallet: { type: "x-cryptocurrency-wallet", steps: ["value"] },
};

/** `type:steps` as a STIX pattern writes it (`file:hashes.'SHA-256'`), the form `FoundObservable.path` uses. */
export function patternPath(type: string, steps: readonly (string | number)[]): string {
	const path: ObjectPath = {
		objectType: type,
		offset: -1,
		steps: steps.map((step) =>
			typeof step === "number"
				? { kind: "index", index: step, offset: -1 }
				: { kind: "property", name: step, offset: -1 },
		),
	};
	return formatObjectPath(path);
}

const PATHS: Readonly<Record<ObservableKind, { type: string; path: string }>> = Object.fromEntries(
	Object.entries(TARGETS).map(([kind, target]) => [
		kind,
		{ type: target.type, path: patternPath(target.type, target.steps).slice(target.type.length + 1) },
	]),
) as Record<ObservableKind, { type: string; path: string }>;

/**
 * The STIX object type and property path a kind maps to.
 * @example stixTargetOf("sha256") // { type: "file", path: "hashes.'SHA-256'" }
 */
export function stixTargetOf(kind: ObservableKind): { type: string; path: string } {
	const target = PATHS[kind];
	return { type: target.type, path: target.path };
}

/**
 * A one-comparison STIX pattern naming the value, quoted and escaped per STIX 2.1 §9 (`\\` and `\'` in strings;
 * an AS number as an integer). Takes a value in normal form.
 * @example patternOf({ kind: "ipv4", value: "198.51.100.7" }) // "[ipv4-addr:value = '198.51.100.7']"
 */
export function patternOf(o: Observable): string {
	const target = PATHS[o.kind];
	const constant =
		o.kind === "asn"
			? formatConstant({ type: "integer", value: Number(o.value), offset: -1 })
			: formatConstant({ type: "string", value: o.value, offset: -1 });
	return `[${target.type}:${target.path} = ${constant}]`;
}

/** Kinds whose value has no SCO of its own in STIX 2.1 (a header, a fingerprint, a custom type). */
const WITHOUT_SCO: ReadonlySet<ObservableKind> = new Set(["user-agent", "ja3", "ja4", "wallet"]);

/**
 * The SCO that holds a value (in normal form), with its deterministic UUIDv5 id (STIX 2.1 §2.9), or undefined
 * for kinds with no SCO of their own (user-agent, ja3, ja4, wallet). A hash makes a `file` with that one hash,
 * so two feeds naming the same SHA-256 make the same file id.
 * @example scoOf({ kind: "domain", value: "evil.example" }) // { type: "domain-name", spec_version: "2.1", id: "domain-name--…", value: "evil.example" }
 */
export function scoOf(o: Observable): StixObject | undefined {
	if (WITHOUT_SCO.has(o.kind)) return undefined;
	const target = TARGETS[o.kind];
	const [first, second] = target.steps as [string, string | undefined];
	const value: unknown = o.kind === "asn" ? Number(o.value) : o.value;
	const property = second === undefined ? { [first]: value } : { [first]: { [second]: value } };
	const body = { type: target.type, ...property };
	const id = scoId(body);
	if (id === undefined) return undefined;
	return { type: target.type, spec_version: "2.1", id, ...property };
}
