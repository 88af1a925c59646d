// String formats STIX 2.1 relies on: timestamps (§2.14), identifiers (§2.9), language tags, hex, base64.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What is wrong with a timestamp: undefined when it is a real RFC 3339 UTC instant. */
export function timestampProblem(text: string): "timestamp" | "timestamp-calendar" | undefined {
	// Hand-rolled rather than a capture-group regex: this runs several times per object on ingest.
	const length = text.length;
	if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */) return "timestamp";
	if (
		text.charCodeAt(4) !== 45 /* - */ ||
		text.charCodeAt(7) !== 45 ||
		text.charCodeAt(10) !== 84 /* T */ ||
		text.charCodeAt(13) !== 58 /* : */ ||
		text.charCodeAt(16) !== 58
	) {
		return "timestamp";
	}
	const year = digits(text, 0, 4);
	const month = digits(text, 5, 2);
	const day = digits(text, 8, 2);
	const hour = digits(text, 11, 2);
	const minute = digits(text, 14, 2);
	const second = digits(text, 17, 2);
	if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return "timestamp";
	if (length > 20) {
		// "." then one or more digits before the final Z
		if (text.charCodeAt(19) !== 46 /* . */ || length < 22 || digits(text, 20, length - 21) < 0)
			return "timestamp";
	}
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return "timestamp";
	const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const last = (DAYS_IN_MONTH[month - 1] ?? 31) + (leap ? 1 : 0);
	if (day < 1 || day > 31) return "timestamp";
	return day > last ? "timestamp-calendar" : undefined;
}

/** The value of `count` ASCII digits at `start`, or -1 if any is not a digit (a long run only validates). */
function digits(text: string, start: number, count: number): number {
	let value = 0;
	for (let i = start; i < start + count; i++) {
		const code = text.charCodeAt(i) - 48;
		if (code < 0 || code > 9) return -1;
		value = count <= 9 ? value * 10 + code : 0;
	}
	return value;
}

/** True when a (well-formed) timestamp carries at least millisecond precision. */
export function hasMillis(text: string): boolean {
	return text.length >= 24 && text.charCodeAt(19) === 46 /* . */;
}

/**
 * Orders two well-formed timestamps: negative when `a` is earlier. Plain string comparison is wrong
 * when fractions differ in length ("…:00Z" vs "…:00.5Z"), so fractions are compared digit by digit.
 */
export function compareTimestamps(a: string, b: string): number {
	const headA = a.slice(0, 19);
	const headB = b.slice(0, 19);
	if (headA !== headB) return headA < headB ? -1 : 1;
	const fractionA = a.length > 20 ? a.slice(20, -1) : "";
	const fractionB = b.length > 20 ? b.slice(20, -1) : "";
	const length = Math.max(fractionA.length, fractionB.length);
	const paddedA = fractionA.padEnd(length, "0");
	const paddedB = fractionB.padEnd(length, "0");
	return paddedA === paddedB ? 0 : paddedA < paddedB ? -1 : 1;
}

/** 1 for a hexadecimal digit's char code, 0 otherwise (codes below 128). */
const HEX_DIGIT = new Uint8Array(128);
for (const c of "0123456789abcdefABCDEF") HEX_DIGIT[c.charCodeAt(0)] = 1;

/**
 * True for `type--UUID` with an RFC 4122 UUID: the type part per the schema's identifier.json
 * (`^[a-z][a-z0-9-]+[a-z0-9]--`), the UUID of versions 1–5 and variant 10xx. Hand-rolled rather than
 * one regex: every id and reference of every ingested object passes here (the regex was ~5% of ATT&CK ingest).
 */
export function isIdentifier(text: string): boolean {
	const length = text.length;
	const dash = length - 38; // the UUID is the last 36 characters, after "--"
	if (dash < 3 || text.charCodeAt(dash) !== 45 || text.charCodeAt(dash + 1) !== 45) return false;
	if (!isLowerAlpha(text.charCodeAt(0))) return false;
	for (let i = 1; i < dash - 1; i++) {
		const c = text.charCodeAt(i);
		if (!isLowerAlpha(c) && !isDigit(c) && c !== 45) return false;
	}
	const last = text.charCodeAt(dash - 1);
	if (!isLowerAlpha(last) && !isDigit(last)) return false;
	const uuid = dash + 2;
	for (let i = 0; i < 36; i++) {
		const c = text.charCodeAt(uuid + i);
		if (i === 8 || i === 13 || i === 18 || i === 23) {
			if (c !== 45) return false;
		} else if (c >= 128 || HEX_DIGIT[c] === 0) {
			return false;
		}
	}
	const version = text.charCodeAt(uuid + 14);
	const variant = text.charCodeAt(uuid + 19) | 0x20; // lower-cased
	return (
		version >= 49 && version <= 53 && (variant === 56 || variant === 57 || variant === 97 || variant === 98)
	);
}

function isLowerAlpha(c: number): boolean {
	return c >= 97 && c <= 122;
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** True when an identifier's type part is one of `types` (no allocation). */
export function refersTo(id: string, types: readonly string[]): boolean {
	for (const type of types) {
		if (
			id.length > type.length + 2 &&
			id.startsWith(type) &&
			id.charCodeAt(type.length) === 45 &&
			id.charCodeAt(type.length + 1) === 45
		) {
			return true;
		}
	}
	return false;
}

/** The type part of an identifier (everything before `--`). */
export function typeOfId(id: string): string {
	const at = id.indexOf("--");
	return at < 0 ? id : id.slice(0, at);
}

const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;

/** §3.1: type names are 3–250 of a–z, 0–9, '-'; no leading/trailing or double hyphen; "action" is reserved. */
export function isTypeName(text: string): boolean {
	return TYPE_NAME.test(text) && !text.includes("--") && text !== "action";
}

const LANGUAGE_TAG = /^(?:[a-zA-Z]{2,8}(?:-[a-zA-Z0-9]{1,8})*|[xXiI](?:-[a-zA-Z0-9]{1,8})+)$/;

/** A loose RFC 5646 check: primary subtag and hyphen-separated subtags. */
export function isLanguageTag(text: string): boolean {
	return LANGUAGE_TAG.test(text);
}

const HEX = /^(?:[a-fA-F0-9]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const URL_SHAPE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;

/** §2.6 hex: an even number of hexadecimal digits. */
export function isHex(text: string): boolean {
	return HEX.test(text);
}

/** §2.3 binary: base64 (RFC 4648 §4) with padding. */
export function isBase64(text: string): boolean {
	return BASE64.test(text);
}

/** RFC 3986 shape: a scheme, a colon, and no whitespace. */
export function isUrl(text: string): boolean {
	return URL_SHAPE.test(text);
}

/** Digest shapes of the hash algorithms §10.2 names (the schema's hashes-type patterns). */
export const HASH_PATTERNS: Readonly<Record<string, RegExp>> = {
	MD5: /^[a-fA-F0-9]{32}$/,
	"SHA-1": /^[a-fA-F0-9]{40}$/,
	"SHA-256": /^[a-fA-F0-9]{64}$/,
	"SHA-512": /^[a-fA-F0-9]{128}$/,
	"SHA3-256": /^[a-fA-F0-9]{64}$/,
	"SHA3-512": /^[a-fA-F0-9]{128}$/,
	SSDEEP: /^[a-zA-Z0-9/+:.]{1,128}$/,
	TLSH: /^[a-zA-Z0-9]{70}$/,
};
