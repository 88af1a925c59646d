// normalise(): every kind's normal form behind one bounded entry point (limits first, refang, trim, then the kind).
import { normalAsn } from "./asn.ts";
import { MAX_DOMAIN_LENGTH, normalDomain } from "./domain.ts";
import { normalEmail } from "./email.ts";
import { explainHex, normalHex, normalJa4, normalSsdeep, normalTlsh } from "./hash.ts";
import { excerpt, invalidObservable } from "./invalid.ts";
import { normalIp } from "./ip.ts";
import { explainIpv4 } from "./ipv4.ts";
import { isObservableKind, type Observable, type ObservableKind } from "./kinds.ts";
import { refang } from "./refang.ts";
import { normalRegistryKey } from "./registry-key.ts";
import { normalFilename, normalMutex, normalUserAgent } from "./text-kinds.ts";
import { normalUrl } from "./url.ts";
import { normalWallet } from "./wallet.ts";

/** No value of any kind is longer than this (8 KiB of UTF-16 code units); checked before anything else. */
export const MAX_OBSERVABLE_LENGTH = 8192;

/**
 * The longest raw text each kind accepts, checked before any work: room for defanging and surrounding
 * whitespace, not for values no real indicator has.
 */
export const OBSERVABLE_LIMITS: Readonly<Record<ObservableKind, number>> = {
	ipv4: 128,
	ipv6: 256,
	domain: 4 * MAX_DOMAIN_LENGTH,
	url: MAX_OBSERVABLE_LENGTH,
	email: 1024,
	md5: 256,
	sha1: 256,
	sha256: 256,
	sha512: 256,
	ssdeep: 512,
	tlsh: 512,
	filename: 4096,
	asn: 64,
	mutex: 1024,
	"registry-key": 4096,
	"user-agent": MAX_OBSERVABLE_LENGTH,
	ja3: 256,
	ja4: 256,
	wallet: 256,
};

/** The kinds analysts defang; other kinds are never refanged (`HKCR\.exe` and `report(dot)pdf` are real names). */
const DEFANGED_KINDS: ReadonlySet<ObservableKind> = new Set(["ipv4", "ipv6", "domain", "url", "email"]);

/**
 * Kinds whose grammar admits no white space and no character a defang uses (`[ ( { \ :`… for a domain; IPv6's
 * brackets and colons fail the same way when defanged), so a value their normaliser accepts as written needs no
 * refang and no trim: tried first, it spares the hot path both.
 */
const TRIED_AS_WRITTEN: ReadonlySet<ObservableKind> = new Set([
	"ipv4",
	"ipv6",
	"domain",
	"md5",
	"sha1",
	"sha256",
	"sha512",
	"ja3",
]);

/** A kind's normaliser: the normal form (kind may change only for IPv4-mapped IPv6), or why it is none. */
type Normaliser = (text: string, kind: ObservableKind) => Observable | string;

const hex = (length: number, name: string): Normaliser => {
	return (text, kind) => {
		const value = normalHex(text, length);
		return value === undefined ? explainHex(text, length, name) : { kind, value };
	};
};

const shaped = (normal: (text: string) => string | undefined, why: string): Normaliser => {
	return (text, kind) => {
		const value = normal(text);
		return value === undefined ? why : { kind, value };
	};
};

const checked = (normal: (text: string) => string | { error: string }): Normaliser => {
	return (text, kind) => {
		const value = normal(text);
		return typeof value === "string" ? { kind, value } : value.error;
	};
};

const ip: Normaliser = (text, kind) => {
	const result = normalIp(text);
	if (result === "ipv4")
		return kind === "ipv4" || text.indexOf(".") !== -1 ? explainIpv4(text) : "it is not an IP address";
	if (typeof result === "string") return result;
	if (kind === "ipv6" && result.kind === "ipv4" && text.indexOf(":") === -1)
		return "it is an IPv4 address: use kind ipv4";
	if (kind === "ipv4" && result.kind === "ipv6") return "it is an IPv6 address: use kind ipv6";
	return result;
};

const NORMALISERS: Readonly<Record<ObservableKind, Normaliser>> = {
	ipv4: ip,
	ipv6: ip,
	domain: checked(normalDomain),
	url: checked(normalUrl),
	email: checked(normalEmail),
	md5: hex(32, "an MD5 hash"),
	sha1: hex(40, "a SHA-1 hash"),
	sha256: hex(64, "a SHA-256 hash"),
	sha512: hex(128, "a SHA-512 hash"),
	ssdeep: shaped(
		normalSsdeep,
		"an ssdeep hash is blocksize:hash:hash, e.g. 3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C",
	),
	tlsh: shaped(normalTlsh, "a TLSH hash is 70 to 136 hex digits, optionally after T1"),
	filename: checked(normalFilename),
	asn: shaped(normalAsn, "write an AS number from 0 to 4294967295: 64496, AS64496 or asdot 0.64496"),
	mutex: checked(normalMutex),
	"registry-key": checked(normalRegistryKey),
	"user-agent": checked(normalUserAgent),
	ja3: hex(32, "a JA3 fingerprint (an MD5)"),
	ja4: shaped(
		normalJa4,
		"a JA4 fingerprint is a_b_c: 10 characters (t13d1516h2), 12 hex digits, 12 hex digits",
	),
	wallet: checked(normalWallet),
};

/**
 * The normal form of a value, or why it is none (a sentence naming the problem and the fix).
 * Bounded: the length is checked first, before refanging, trimming or any regex.
 */
export function normaliseOrExplain(kind: ObservableKind, raw: string): Observable | string {
	// isObservableKind, not `NORMALISERS[kind] === undefined`: "constructor" would find Object's own.
	if (!isObservableKind(kind)) return `unknown kind ${excerpt(String(kind))}`;
	const normaliser = NORMALISERS[kind];
	if (typeof raw !== "string") return `${kind} values are strings, not ${raw === null ? "null" : typeof raw}`;
	const limit = OBSERVABLE_LIMITS[kind];
	if (raw.length > limit)
		return `it is ${raw.length} characters long; a ${kind} value has at most ${limit} (refused unread)`;
	if (TRIED_AS_WRITTEN.has(kind)) {
		const asWritten = normaliser(raw, kind);
		if (typeof asWritten !== "string") return asWritten;
	}
	const text = (DEFANGED_KINDS.has(kind) ? refang(raw) : raw).trim();
	if (text.length === 0) return "it is empty";
	return normaliser(text, kind);
}

/**
 * The value in its one normal form, so that equal values are equal strings (rules per kind: D45).
 * Refangs first for network kinds (`evil[.]com`, `hxxp://`), trims surrounding whitespace.
 * An IPv4-mapped IPv6 address (`::ffff:198.51.100.7`) comes back as kind ipv4.
 * @throws AppError E_OBSERVABLE_INVALID — the message names the problem and the fix; any value over its kind's
 * limit (a domain over 1012 characters, anything over 8 KiB) is refused before any work.
 * @example normalise("domain", "WWW.Evil[.]Example.") // { kind: "domain", value: "www.evil.example" }
 * @example normalise("ipv4", "198.51.100.77/24") // { kind: "ipv4", value: "198.51.100.0/24" }
 */
export function normalise(kind: ObservableKind, raw: string): Observable {
	const result = normaliseOrExplain(kind, raw);
	if (typeof result === "string") throw invalidObservable(kind, String(raw), result);
	return result;
}

/**
 * `normalise` without the throw: the normal form, or `{ error }` with the same message.
 * @example tryNormalise("sha256", "abc") // { error: '"abc" is not a valid sha256: a SHA-256 hash is 64 hex digits; …' }
 */
export function tryNormalise(kind: ObservableKind, raw: string): Observable | { error: string } {
	const result = normaliseOrExplain(kind, raw);
	if (typeof result === "string") return { error: invalidObservable(kind, String(raw), result).message };
	return result;
}
