// IP addresses and CIDR blocks of both versions: normal forms, parsing to bytes, containment.
import ipaddr from "ipaddr.js";
import { formatIpv4, maskIpv4, normalIpv4, parseIpv4Number, parsePrefix } from "./ipv4.ts";

/** An address or block in normal form, with the kind it belongs to (an IPv4-mapped IPv6 value is IPv4). */
export interface NormalIp {
	kind: "ipv4" | "ipv6";
	value: string;
}

/**
 * The normal form of an IPv4 or IPv6 address or CIDR block, or a sentence saying why it is none.
 * IPv6 is written as RFC 5952 says (lower case, longest zero run compressed); `[…]` around it is dropped;
 * IPv4-mapped addresses (`::ffff:198.51.100.7`) become the IPv4 address they carry, since dual-stack logs write
 * IPv4 clients that way (D45); a zone (`%eth0`) is refused: it only means something on one host.
 */
export function normalIp(text: string): NormalIp | string {
	if (text.indexOf(":") === -1 && text.indexOf("[") === -1) {
		const value = normalIpv4(text);
		return value === undefined ? "ipv4" : { kind: "ipv4", value };
	}
	return normalIpv6(text);
}

function normalIpv6(written: string): NormalIp | string {
	const text = written.startsWith("[") ? unbracket(written) : written;
	if (text.indexOf(":") === -1) {
		const value = normalIpv4(text);
		return value === undefined ? "ipv4" : { kind: "ipv4", value };
	}
	if (text.includes("%"))
		return "a zone index (%eth0) only means something on one host: write the address without it";
	const slash = text.indexOf("/");
	const address = slash === -1 ? text : text.slice(0, slash);
	if (!ipaddr.IPv6.isValid(address) || !embeddedIpv4IsStrict(address))
		return "write eight groups of up to four hex digits separated by colons, :: for one run of zero groups (2001:db8::7), optionally followed by /prefix (2001:db8::/32)";
	let prefix = 128;
	if (slash !== -1) {
		prefix = parsePrefix(text, slash + 1, text.length, 128);
		if (prefix < 0) return `the prefix length after "/" must be a number from 0 to 128 without leading zeros`;
	}
	const parsed = ipaddr.IPv6.parse(address);
	if (parsed.isIPv4MappedAddress() && prefix >= 96) {
		const bytes = parsed.toByteArray();
		const v4 =
			((bytes[12] as number) << 24) |
			((bytes[13] as number) << 16) |
			((bytes[14] as number) << 8) |
			(bytes[15] as number);
		const v4Prefix = prefix - 96;
		const value = formatIpv4(maskIpv4(v4 >>> 0, v4Prefix));
		return { kind: "ipv4", value: v4Prefix === 32 ? value : `${value}/${v4Prefix}` };
	}
	const bytes = maskBytes(parsed.toByteArray(), prefix);
	const value = (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
	return { kind: "ipv6", value: prefix === 128 ? value : `${value}/${prefix}` };
}

function unbracket(text: string): string {
	const close = text.indexOf("]");
	if (close === -1) return text;
	return text.slice(1, close) + text.slice(close + 1);
}

/** `::ffff:010.1.1.1` carries the same octal/decimal ambiguity as IPv4 itself: refuse it the same way. */
function embeddedIpv4IsStrict(address: string): boolean {
	if (address.indexOf(".") === -1) return true;
	const colon = address.lastIndexOf(":");
	return parseIpv4Number(address, colon + 1, address.length) >= 0;
}

function maskBytes(bytes: number[], prefix: number): number[] {
	for (let i = 0; i < bytes.length; i++) {
		const keep = prefix - i * 8;
		if (keep >= 8) continue;
		bytes[i] = keep <= 0 ? 0 : (bytes[i] as number) & (0xff << (8 - keep));
	}
	return bytes;
}

/** An address or block as bytes: what comparisons of IPs use, parsed once. */
export interface ParsedCidr {
	version: 4 | 6;
	/** 4 or 16 bytes, host bits cleared. */
	bytes: Uint8Array;
	/** 32 or 128 for a single address. */
	prefix: number;
}

/**
 * An IPv4/IPv6 address or CIDR block as bytes, or undefined when the text is neither (same rules as
 * `normalise`: no leading zeros, no zone; IPv4-mapped IPv6 is version 4).
 * @example parseCidr("10.1.2.3/8") // { version: 4, bytes: Uint8Array [10, 0, 0, 0], prefix: 8 }
 */
export function parseCidr(value: string): ParsedCidr | undefined {
	if (value.length > 128) return undefined;
	if (value.indexOf(":") === -1) {
		const slash = value.indexOf("/");
		const address = parseIpv4Number(value, 0, slash === -1 ? value.length : slash);
		if (address < 0) return undefined;
		const prefix = slash === -1 ? 32 : parsePrefix(value, slash + 1, value.length, 32);
		if (prefix < 0) return undefined;
		const masked = maskIpv4(address, prefix);
		return {
			version: 4,
			bytes: Uint8Array.of(masked >>> 24, (masked >>> 16) & 255, (masked >>> 8) & 255, masked & 255),
			prefix,
		};
	}
	const normal = normalIpv6(value);
	if (typeof normal === "string") return undefined;
	if (normal.kind === "ipv4") return parseCidr(normal.value);
	const slash = normal.value.indexOf("/");
	const address = slash === -1 ? normal.value : normal.value.slice(0, slash);
	const prefix = slash === -1 ? 128 : Number(normal.value.slice(slash + 1));
	return { version: 6, bytes: Uint8Array.from(ipaddr.IPv6.parse(address).toByteArray()), prefix };
}

/**
 * Whether the block `outer` contains the address or block `inner` (a block contains itself). False when
 * either is not an IP value or their versions differ.
 * @example cidrContains("10.0.0.0/8", "10.1.2.3") // true
 */
export function cidrContains(outer: string, inner: string): boolean {
	const a = parseCidr(outer);
	const b = parseCidr(inner);
	return a !== undefined && b !== undefined && parsedContains(a, b);
}

/** `cidrContains` on values parsed once (for loops over many). */
export function parsedContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
	if (outer.version !== inner.version || outer.prefix > inner.prefix) return false;
	const whole = outer.prefix >>> 3;
	for (let i = 0; i < whole; i++) if (outer.bytes[i] !== inner.bytes[i]) return false;
	const rest = outer.prefix & 7;
	if (rest === 0) return true;
	const mask = (0xff << (8 - rest)) & 0xff;
	return ((outer.bytes[whole] as number) & mask) === ((inner.bytes[whole] as number) & mask);
}
