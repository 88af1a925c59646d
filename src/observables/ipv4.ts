// IPv4 addresses and CIDR blocks: strict dotted decimal, parsed by hand (this is the hot path of indexing).

/**
 * The address as an unsigned 32-bit number, or -1 when `text[start, end)` is not four decimal octets 0–255
 * without leading zeros. Leading zeros are refused, not read: `010.1.1.1` is 8.1.1.1 to inet_aton (octal) and
 * 10.1.1.1 to most parsers, so any reading would silently pick one (D45).
 */
export function parseIpv4Number(text: string, start: number, end: number): number {
	let value = 0;
	let octet = 0;
	let digits = 0;
	let dots = 0;
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			if (digits === 1 && octet === 0) return -1;
			octet = octet * 10 + (c - 48);
			if (++digits > 3 || octet > 255) return -1;
		} else if (c === 46) {
			if (digits === 0 || ++dots > 3) return -1;
			value = value * 256 + octet;
			octet = 0;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (digits === 0 || dots !== 3) return -1;
	return value * 256 + octet;
}

/** The prefix length written in `text[start, end)`, 0–`max` without leading zeros, or -1. */
export function parsePrefix(text: string, start: number, end: number, max: number): number {
	const length = end - start;
	if (length < 1 || length > 3) return -1;
	let value = 0;
	for (let i = start; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) return -1;
		value = value * 10 + (c - 48);
	}
	if (length > 1 && text.charCodeAt(start) === 48) return -1;
	return value <= max ? value : -1;
}

/** Dotted decimal of an unsigned 32-bit number. */
export function formatIpv4(value: number): string {
	return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** The network address of `value`/`prefix` (host bits cleared). */
export function maskIpv4(value: number, prefix: number): number {
	return prefix === 0 ? 0 : (value & (0xffffffff << (32 - prefix))) >>> 0;
}

/**
 * The normal form of an IPv4 address or CIDR block, or undefined when it is not one (the caller explains why).
 * A bare address already in normal form is returned as the same string: no allocation on the hot path.
 */
export function normalIpv4(text: string): string | undefined {
	const slash = text.indexOf("/");
	const end = slash === -1 ? text.length : slash;
	const address = parseIpv4Number(text, 0, end);
	if (address < 0) return undefined;
	if (slash === -1) return text;
	const prefix = parsePrefix(text, slash + 1, text.length, 32);
	if (prefix < 0) return undefined;
	if (prefix === 32) return text.slice(0, slash);
	const network = maskIpv4(address, prefix);
	return network === address ? text : `${formatIpv4(network)}/${prefix}`;
}

const OCTET_WITH_LEADING_ZERO = /(?:^|\.)(0\d+)(?=\.|\/|$)/;

/** Why `text` is not an IPv4 address or CIDR block, with what to write instead (only called on refusal). */
export function explainIpv4(text: string): string {
	const slash = text.indexOf("/");
	const address = slash === -1 ? text : text.slice(0, slash);
	const zero = OCTET_WITH_LEADING_ZERO.exec(address);
	if (zero !== null) {
		const octet = zero[1] as string;
		return `the octet ${octet} has a leading zero, which some tools read as octal (${/^[0-7]+$/.test(octet) ? Number.parseInt(octet, 8) : "not even valid octal"}) and others as decimal (${Number(octet)}); write the number without leading zeros`;
	}
	if (slash !== -1 && parseIpv4Number(text, 0, slash) >= 0)
		return `the prefix length after "/" must be a number from 0 to 32 without leading zeros`;
	return "write four decimal numbers from 0 to 255 separated by dots (198.51.100.7), optionally followed by /prefix (198.51.100.0/24)";
}
