// classify(): the kind a lone value most likely is, from its shape alone.
import { parse as parseDomain } from "tldts";
import { TLDTS_OPTIONS } from "./domain.ts";
import type { Observable } from "./kinds.ts";
import { MAX_OBSERVABLE_LENGTH, normaliseOrExplain } from "./normalise.ts";
import { refang } from "./refang.ts";

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ASN = /^asn?[\s-]?\d/i;
const HEX = /^[0-9a-f]+$/i;
const TLSH = /^T1[0-9A-F]{70}$/i;
const JA4 = /^[tqd][0-9a-z]{2}[di]\d{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$/i;
const SSDEEP = /^\d{1,10}:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+$/;
const IPV4ISH = /^[\d./]+$/;
const IPV6ISH = /^\[?[0-9a-f:.]+\]?(?:\/\d+)?$/i;
const REGISTRY = /^(?:HKLM|HKCU|HKCR|HKU|HKCC|HKEY_[A-Z_]+|\\REGISTRY\\)(?::)?\\/i;
const WALLET = /^(?:0x[0-9a-f]{40}|(?:bc|tb|ltc)1[0-9a-z]{6,87}|[13][1-9A-HJ-NP-Za-km-z]{24,33})$/i;
const FILENAME = /^[^\\/:*?"<>|\s][^\\/:*?"<>|]{0,250}\.[A-Za-z0-9]{1,8}$/;
const HASH_BY_LENGTH = { 32: "md5", 40: "sha1", 64: "sha256", 128: "sha512" } as const;

/**
 * Refangs, then guesses the kind from the shape: a URL (`hxxps://…`, or a host with a path), an IPv4/IPv6
 * address or CIDR, an AS number written with its prefix ("AS64496"; a bare number is too ambiguous), a hash by
 * its hex length (32 hex digits are an MD5, not a JA3), ssdeep, TLSH, JA4, a registry key, a wallet address,
 * an e-mail address, a user agent ("Mozilla/…"), a domain whose suffix is on the public suffix list, else a
 * file name with an extension. The value comes back in normal form. undefined when it is none of them.
 * @example classify("evil[.]example[.]com") // { kind: "domain", value: "evil.example.com" }
 * @example classify("AS64496") // { kind: "asn", value: "64496" }
 */
export function classify(raw: string): Observable | undefined {
	if (typeof raw !== "string" || raw.length > MAX_OBSERVABLE_LENGTH) return undefined;
	const text = refang(raw).trim();
	if (text.length === 0) return undefined;
	const kind = guessKind(text);
	if (kind === undefined) return undefined;
	const result = normaliseOrExplain(kind, text);
	return typeof result === "string" ? undefined : result;
}

type Guess = Observable["kind"] | undefined;

function guessKind(text: string): Guess {
	if (SCHEME.test(text)) return "url";
	if (IPV4ISH.test(text)) return "ipv4";
	if (HEX.test(text)) return HASH_BY_LENGTH[text.length as keyof typeof HASH_BY_LENGTH];
	if (text.indexOf(":") !== -1 && IPV6ISH.test(text)) return "ipv6";
	if (ASN.test(text)) return "asn";
	if (TLSH.test(text)) return "tlsh";
	if (JA4.test(text)) return "ja4";
	if (SSDEEP.test(text)) return "ssdeep";
	if (REGISTRY.test(text)) return "registry-key";
	if (text.startsWith("Mozilla/")) return "user-agent";
	if (WALLET.test(text) && isWallet(text)) return "wallet";
	if (text.indexOf("@") > 0) return knownSuffix(text.slice(text.lastIndexOf("@") + 1)) ? "email" : undefined;
	const slash = text.indexOf("/");
	if (slash > 0) return knownSuffix(text.slice(0, slash)) ? "url" : undefined;
	if (knownSuffix(text)) return "domain";
	return FILENAME.test(text) ? "filename" : undefined;
}

function isWallet(text: string): boolean {
	return typeof normaliseOrExplain("wallet", text) !== "string";
}

/** Whether a name ends in a suffix on the public suffix list (so `invoice.exe` is not a domain). */
function knownSuffix(host: string): boolean {
	if (host.indexOf(".") <= 0) return false;
	const parsed = parseDomain(host, TLDTS_OPTIONS);
	return (parsed.isIcann === true || parsed.isPrivate === true) && parsed.domain !== null;
}
