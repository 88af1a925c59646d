// Autonomous system numbers: "AS64496", "asn64496", "64496" and asdot "AS0.64496" all become "64496".

const ASN = /^(?:asn?[\s-]?)?(\d{1,10})(?:\.(\d{1,5}))?$/i;
const MAX_ASN = 4294967295;

/**
 * The AS number as a decimal string without leading zeros, or undefined. Asdot (RFC 5396, "1.10") is read as
 * 1 × 65536 + 10. 32-bit range (RFC 6793).
 */
export function normalAsn(text: string): string | undefined {
	if (text.length > 24) return undefined;
	const match = ASN.exec(text);
	if (match === null) return undefined;
	const high = Number(match[1]);
	const low = match[2] === undefined ? undefined : Number(match[2]);
	const value = low === undefined ? high : high * 65536 + low;
	if (low !== undefined && (high > 65535 || low > 65535)) return undefined;
	return value <= MAX_ASN ? String(value) : undefined;
}
