// Which observable kinds a list applies to: MISP's `matching_attributes` (its attribute types) mapped to ours, and
// narrowed by what the list's type can match at all.
import { OBSERVABLE_KINDS, type ObservableKind } from "../../observables/index.ts";
import type { WarninglistType } from "../../store/index.ts";

/**
 * MISP attribute types (misp-objects' and MISP's `types`) → our kinds. A composite type (`filename|md5`,
 * `domain|ip`) names each part MISP checks; types with no kind of ours (`sha224`, `x509-fingerprint-sha1`) map to
 * nothing and are ignored.
 */
const KINDS_OF_ATTRIBUTE: Readonly<Record<string, readonly ObservableKind[]>> = {
	"ip-src": ["ipv4", "ipv6"],
	"ip-dst": ["ipv4", "ipv6"],
	"ip-src|port": ["ipv4", "ipv6"],
	"ip-dst|port": ["ipv4", "ipv6"],
	ip: ["ipv4", "ipv6"],
	"domain|ip": ["domain", "ipv4", "ipv6"],
	domain: ["domain"],
	hostname: ["domain"],
	"hostname|port": ["domain"],
	url: ["url"],
	uri: ["url"],
	link: ["url"],
	email: ["email"],
	"email-src": ["email"],
	"email-dst": ["email"],
	"email-reply-to": ["email"],
	"target-email": ["email"],
	"whois-registrant-email": ["email"],
	"dns-soa-email": ["email"],
	md5: ["md5"],
	sha1: ["sha1"],
	sha256: ["sha256"],
	sha512: ["sha512"],
	"filename|md5": ["md5"],
	"filename|sha1": ["sha1"],
	"filename|sha256": ["sha256"],
	"filename|sha512": ["sha512"],
	ssdeep: ["ssdeep"],
	"filename|ssdeep": ["ssdeep"],
	tlsh: ["tlsh"],
	"filename|tlsh": ["tlsh"],
	filename: ["filename"],
	AS: ["asn"],
	mutex: ["mutex"],
	regkey: ["registry-key"],
	"regkey|value": ["registry-key"],
	"user-agent": ["user-agent"],
	"ja3-fingerprint-md5": ["ja3"],
	"ja4-fingerprint": ["ja4"],
	btc: ["wallet"],
	xmr: ["wallet"],
	dash: ["wallet"],
};

/** What each list type can match, whatever its attributes say: a CIDR block only an address, a host only a name. */
const KINDS_OF_TYPE: Readonly<Record<WarninglistType, readonly ObservableKind[]>> = {
	cidr: ["ipv4", "ipv6"],
	hostname: ["domain", "url", "email"],
	string: OBSERVABLE_KINDS,
	substring: OBSERVABLE_KINDS,
	regex: OBSERVABLE_KINDS,
};

/**
 * The kinds a list applies to: its matching attributes' kinds (every kind when it names none, as MISP reads a list
 * without them), within what its type can match. A hostname list matches e-mail addresses (by their domain) only
 * when it names an e-mail attribute or none.
 * @example kindsOfList("cidr", ["ip-src", "domain|ip"]) // Set { "ipv4", "ipv6" }
 */
export function kindsOfList(
	type: WarninglistType,
	matchingAttributes: readonly string[],
): ReadonlySet<ObservableKind> {
	const possible = KINDS_OF_TYPE[type];
	if (matchingAttributes.length === 0) return new Set(possible);
	const named = new Set(matchingAttributes.flatMap((attribute) => KINDS_OF_ATTRIBUTE[attribute] ?? []));
	return new Set(possible.filter((kind) => named.has(kind)));
}

/** The attributes no kind of ours stands for (reported when a list is loaded: they will never match). */
export function unknownAttributes(matchingAttributes: readonly string[]): string[] {
	return matchingAttributes.filter((attribute) => !Object.hasOwn(KINDS_OF_ATTRIBUTE, attribute));
}
