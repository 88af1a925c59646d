// Checks for the text inside typed constants: h'…' hex, b'…' base64, t'…' timestamps, and IP/CIDR strings.

/** Where inside the literal's text a problem is (0-based), and what it is. */
export interface LiteralProblem {
	index: number;
	message: string;
}

function isHexDigit(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** An even number of hex digits (§9.2); empty is allowed, as in the grammar. */
export function checkHex(text: string): LiteralProblem | null {
	for (let i = 0; i < text.length; i++) {
		if (!isHexDigit(text.charCodeAt(i))) {
			return { index: i, message: `'${text[i]}' is not a hex digit` };
		}
	}
	if (text.length % 2 !== 0) {
		return { index: text.length, message: `hex constant has ${text.length} digits; it needs an even number` };
	}
	return null;
}

function isBase64Char(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/**
 * Padded base64 (RFC 4648 §4), at least one quantum, as the grammar's BinaryLiteral. Line breaks are
 * ignored (§9.2 says they MUST be supported), so indexes are into the text with them.
 */
export function checkBase64(text: string): LiteralProblem | null {
	let count = 0;
	let padding = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) continue;
		if (c === 61) {
			padding++;
			if (padding > 2) return { index: i, message: "base64 has at most two '=' of padding" };
		} else if (!isBase64Char(c)) {
			return { index: i, message: `'${text[i]}' is not a base64 character` };
		} else if (padding > 0) {
			return { index: i, message: "base64 '=' padding may only appear at the end" };
		}
		count++;
	}
	if (count === 0)
		return { index: 0, message: "binary constant is empty; base64 needs at least 4 characters" };
	if (count % 4 !== 0) {
		return { index: text.length, message: `base64 length ${count} is not a multiple of 4 (pad with '=')` };
	}
	return null;
}

// d = digit; other characters must match exactly.
const TIMESTAMP_SHAPE = "dddd-dd-ddTdd:dd:dd";
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** A STIX timestamp (§2.16, RFC 3339 in UTC): `YYYY-MM-DDTHH:MM:SS[.s+]Z`, a real calendar date. */
export function checkTimestamp(text: string): LiteralProblem | null {
	const expected = "expected YYYY-MM-DDTHH:MM:SS[.fraction]Z (RFC 3339, UTC)";
	for (let i = 0; i < TIMESTAMP_SHAPE.length; i++) {
		const want = TIMESTAMP_SHAPE[i];
		const c = text.charCodeAt(i);
		if (want === "d" ? !isDigit(c) : text[i] !== want) {
			return { index: i, message: `invalid timestamp: ${expected}` };
		}
	}
	let i = TIMESTAMP_SHAPE.length;
	if (text[i] === ".") {
		i++;
		if (!isDigit(text.charCodeAt(i)))
			return { index: i, message: "invalid timestamp: expected digits after '.'" };
		while (isDigit(text.charCodeAt(i))) i++;
	}
	if (text[i] !== "Z") {
		return { index: i, message: `invalid timestamp: ${expected}; the time zone must be 'Z'` };
	}
	if (i + 1 !== text.length) return { index: i + 1, message: "invalid timestamp: nothing may follow 'Z'" };
	const year = Number(text.slice(0, 4));
	const month = Number(text.slice(5, 7));
	const day = Number(text.slice(8, 10));
	if (month < 1 || month > 12)
		return { index: 5, message: `invalid timestamp: month ${month} is out of range` };
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
	if (day < 1 || day > days) return { index: 8, message: `invalid timestamp: day ${day} is out of range` };
	if (Number(text.slice(11, 13)) > 23)
		return { index: 11, message: "invalid timestamp: hour is out of range" };
	if (Number(text.slice(14, 16)) > 59)
		return { index: 14, message: "invalid timestamp: minute is out of range" };
	// 60 is a leap second, which RFC 3339 and the grammar allow.
	if (Number(text.slice(17, 19)) > 60)
		return { index: 17, message: "invalid timestamp: second is out of range" };
	return null;
}

/** Compares two valid timestamps as instants; fractions of any length are handled. */
export function compareTimestamps(a: string, b: string): number {
	const wholeA = a.slice(0, 19);
	const wholeB = b.slice(0, 19);
	if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
	const fracA = a.slice(19, -1).replace(/^\./, "").replace(/0+$/, "");
	const fracB = b.slice(19, -1).replace(/^\./, "").replace(/0+$/, "");
	const width = Math.max(fracA.length, fracB.length);
	const x = fracA.padEnd(width, "0");
	const y = fracB.padEnd(width, "0");
	return x === y ? 0 : x < y ? -1 : 1;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(text: string): boolean {
	let head = text;
	if (text.includes(".")) {
		// An embedded IPv4 tail counts as two groups.
		const lastColon = text.lastIndexOf(":");
		if (!IPV4.test(text.slice(lastColon + 1))) return false;
		head = `${text.slice(0, lastColon + 1)}0:0`;
	}
	const halves = head.split("::");
	if (halves.length > 2) return false;
	const group = /^[0-9a-fA-F]{1,4}$/;
	const parts = halves.map((h) => (h === "" ? [] : h.split(":")));
	for (const list of parts) if (!list.every((g) => group.test(g))) return false;
	const count = parts.reduce((n, list) => n + list.length, 0);
	return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * An IPv4 or IPv6 address, optionally with a CIDR prefix in range: what ISSUBSET/ISSUPERSET take
 * (§9.6.1: "a valid string representation" of ipv4-addr or ipv6-addr). Returns the family.
 */
export function parseCidr(text: string): { family: 4 | 6 } | LiteralProblem {
	const slash = text.indexOf("/");
	const address = slash === -1 ? text : text.slice(0, slash);
	let family: 4 | 6;
	if (IPV4.test(address)) family = 4;
	else if (isIpv6(address)) family = 6;
	else return { index: 0, message: `'${address}' is not an IPv4 or IPv6 address` };
	if (slash !== -1) {
		const prefix = text.slice(slash + 1);
		const max = family === 4 ? 32 : 128;
		if (!/^(0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > max) {
			return { index: slash + 1, message: `CIDR prefix '${prefix}' must be an integer from 0 to ${max}` };
		}
	}
	return { family };
}
