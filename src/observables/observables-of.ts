// observablesOf(): the values a STIX object names — the properties of an SCO, the exact comparisons of a pattern.
import type { StixObject } from "../stix/core.ts";
import { type Comparison, formatObjectPath, listComparisons, parsePattern } from "../stix/pattern/index.ts";
import type { Observable, ObservableKind } from "./kinds.ts";
import { normaliseOrExplain } from "./normalise.ts";
import { patternPath } from "./stix-mapping.ts";
import { HASHED_TYPES, hashKind, hashPath, kindAt, PLAIN_PATHS, SCO_VALUES } from "./stix-paths.ts";

/** A value found in an object: where (`type:path`, as a STIX pattern writes it) and from what. */
export interface FoundObservable extends Observable {
	/** The object path as in a STIX pattern: `file:hashes.'SHA-256'`, `network-traffic:dst_ref.value`. */
	path: string;
	source: "sco" | "pattern";
}

/**
 * Every value an object names, in normal form, deduplicated by kind, value and path; values that do not
 * normalise are left out (the object itself is not judged here). SCOs: `value` of ipv4-addr, ipv6-addr,
 * domain-name, url, email-addr; `hashes` of file, artifact, x509-certificate; file `name`; autonomous-system
 * `number`; mutex `name`; windows-registry-key `key`; network-traffic's User-Agent header and `x-tls-ext`
 * ja3/ja4; custom wallet, hostname and user-agent objects. Indicators with a STIX pattern (`pattern_type`
 * "stix", or none as in STIX 2.0): the constants of `=` and `IN` comparisons, and of `ISSUBSET` on an IP value
 * (the block it names); `!=`, `NOT`, `LIKE`, `MATCHES`, `ISSUPERSET` and ordering comparisons name no value.
 * @example observablesOf(indicator("[ipv4-addr:value = '198.51.100.7' OR file:hashes.MD5 IN ('A…', 'B…')]"))
 * // [{ kind: "ipv4", value: "198.51.100.7", path: "ipv4-addr:value", source: "pattern" }, { kind: "md5", … }, …]
 */
export function observablesOf(object: StixObject): FoundObservable[] {
	const found = new Found();
	if (object.type === "indicator") fromPattern(object, found);
	else fromSco(object, found);
	return found.list;
}

/** The values found so far, deduplicated (a Set only once there are several: most objects name one value). */
class Found {
	readonly list: FoundObservable[] = [];
	#seen: Set<string> | undefined;

	add(kind: ObservableKind, raw: unknown, path: string, source: FoundObservable["source"]): void {
		const text = typeof raw === "number" && Number.isSafeInteger(raw) ? String(raw) : raw;
		if (typeof text !== "string") return;
		const normal = normaliseOrExplain(kind, text);
		if (typeof normal === "string") return;
		this.push({ kind: normal.kind, value: normal.value, path, source });
	}

	push(o: FoundObservable): void {
		if (this.list.length === 0) {
			this.list.push(o);
			return;
		}
		if (this.#seen === undefined) this.#seen = new Set(this.list.map(keyOf));
		const key = keyOf(o);
		if (this.#seen.has(key)) return;
		this.#seen.add(key);
		this.list.push(o);
	}
}

function keyOf(o: FoundObservable): string {
	return `${o.kind}:${o.value}\u0000${o.path}`;
}

function fromSco(object: StixObject, found: Found): void {
	const type = object.type;
	const value = SCO_VALUES.get(type);
	if (value !== undefined) addIp(found, value.kind, object[value.property], value.path, "sco");
	if (HASHED_TYPES.has(type)) {
		const hashes = object.hashes;
		if (isRecord(hashes)) {
			for (const [algorithm, value] of Object.entries(hashes)) {
				const kind = hashKind(algorithm);
				if (kind !== undefined) found.add(kind, value, hashPath(type, algorithm), "sco");
			}
		}
	}
	if (type === "network-traffic" && isRecord(object.extensions)) fromTraffic(object.extensions, found);
}

function fromTraffic(extensions: Record<string, unknown>, found: Found): void {
	const http = extensions["http-request-ext"];
	if (isRecord(http) && isRecord(http.request_header)) {
		for (const [name, value] of Object.entries(http.request_header)) {
			if (name.toLowerCase() !== "user-agent") continue;
			const path = patternPath("network-traffic", ["extensions", "http-request-ext", "request_header", name]);
			found.add("user-agent", value, path, "sco");
		}
	}
	const tls = extensions["x-tls-ext"];
	if (isRecord(tls)) {
		for (const kind of ["ja3", "ja4"] as const)
			found.add(kind, tls[kind], patternPath("network-traffic", ["extensions", "x-tls-ext", kind]), "sco");
	}
}

/** An address in the other version's SCO still names that address: matching is about values, not containers. */
function addIp(
	found: Found,
	kind: ObservableKind,
	value: unknown,
	path: string,
	source: FoundObservable["source"],
) {
	const before = found.list.length;
	found.add(kind, value, path, source);
	if (found.list.length > before) return;
	if (kind === "ipv4") found.add("ipv6", value, path, source);
	else if (kind === "ipv6") found.add("ipv4", value, path, source);
}

function fromPattern(indicator: StixObject, found: Found): void {
	const type = indicator.pattern_type;
	if ((type !== undefined && type !== "stix") || typeof indicator.pattern !== "string") return;
	if (fromPlainPattern(indicator.pattern, found)) return;
	const parsed = parsePattern(indicator.pattern);
	if (!parsed.ok) return;
	for (const comparison of listComparisons(parsed.pattern)) fromComparison(comparison, found);
}

function fromComparison(c: Comparison, found: Found): void {
	if (c.negated || c.value === null) return;
	const { operator } = c;
	if (operator !== "=" && operator !== "IN" && operator !== "ISSUBSET") return;
	const target = kindAt(c.path.objectType, c.path.steps);
	if (target === undefined) return;
	if (operator === "ISSUBSET" && target !== "ipv4" && target !== "ipv6" && target !== "ref-value") return;
	const constants = c.value.type === "set" ? c.value.values : [c.value];
	const path = formatObjectPath(c.path);
	for (const constant of constants) {
		if (constant.type !== "string" && constant.type !== "integer") continue;
		if (target === "ref-value") addRefValue(found, String(constant.value), path, operator === "ISSUBSET");
		else addIp(found, target, constant.value, path, "pattern");
	}
}

/**
 * A value behind a reference (`network-traffic:dst_ref.value`): an IP address or block, else (not for ISSUBSET) an
 * e-mail address, a URL or a domain, told by its shape. No public-suffix check: reserved names such as
 * `.example` and internal domains are still values an indicator names.
 */
function addRefValue(found: Found, value: string, path: string, block: boolean): void {
	const before = found.list.length;
	addIp(found, "ipv4", value, path, "pattern");
	if (found.list.length > before || block) return;
	const kind = value.includes("@") ? "email" : value.includes("://") ? "url" : "domain";
	found.add(kind, value, path, "pattern");
}

/**
 * Most indicators are one comparison of a value (`[ipv4-addr:value = '198.51.100.7']`): read without the parser,
 * which costs several times more and dominates an index rebuild. Only for the paths in PLAIN_PATHS and constants
 * with no escape; anything else (and anything this would read differently) goes to the parser.
 */
const PLAIN_COMPARISON = /([a-z0-9-]{1,64}):([A-Za-z0-9_.'-]{1,64}) = '([^'\\]*)'/y;
const PLAIN_LIMIT = 2048;
/** At most this many comparisons are read without the parser (an indicator testing one file names three hashes). */
const PLAIN_COMPARISONS = 8;

/**
 * One observation of plain comparisons: one, or several joined all by AND on one object type (a file's hashes)
 * or all by OR. Mixed joiners, AND across types (which the parser refuses), and any path outside PLAIN_PATHS go to
 * the parser. Values hold no quote or backslash, so the comparisons cannot be split wrongly.
 */
function fromPlainPattern(pattern: string, found: Found): boolean {
	if (pattern.length > PLAIN_LIMIT || pattern.charCodeAt(0) !== 91) return false;
	const targets: { kind: ObservableKind; path: string; value: string }[] = [];
	let joiner: " AND " | " OR " | undefined;
	let type: string | undefined;
	let at = 1;
	for (;;) {
		PLAIN_COMPARISON.lastIndex = at;
		const match = PLAIN_COMPARISON.exec(pattern);
		if (match === null || targets.length === PLAIN_COMPARISONS) return false;
		const target = PLAIN_PATHS.get(`${match[1]}:${match[2]}`);
		// An AS number is an integer constant, never quoted: the parser decides.
		if (target === undefined || target.kind === "asn") return false;
		if (joiner === " AND " && match[1] !== type) return false;
		type = match[1];
		targets.push({ kind: target.kind, path: target.path, value: match[3] as string });
		at = PLAIN_COMPARISON.lastIndex;
		if (at === pattern.length - 1 && pattern.charCodeAt(at) === 93) break;
		const next = pattern.startsWith(" AND ", at)
			? " AND "
			: pattern.startsWith(" OR ", at)
				? " OR "
				: undefined;
		if (next === undefined || (joiner !== undefined && next !== joiner)) return false;
		joiner = next;
		at += next.length;
	}
	for (const { kind, path, value } of targets) addIp(found, kind, value, path, "pattern");
	return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === "object" && !Array.isArray(value);
}
