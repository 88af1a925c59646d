// Keyed pseudonyms: HMAC-SHA256 under a key that never leaves this node, shaped so the value stays valid for its type.
//
// A recipient without the key cannot reverse or dictionary-attack a pseudonym (the reason an SCO id,
// an unkeyed hash, must be replaced too); the same key and value always give the same pseudonym, so
// a recipient can still correlate. See CJEU C-413/23 P in ../shared/reference/sharing-policy.md.
import { createHmac } from "node:crypto";
import { formatIp, formatIpv6, maskParts, parseIp } from "./network.ts";

/** What sort of value is pseudonymised: the output format, and a domain separator for the HMAC. */
export const PSEUDONYM_KINDS = ["ipv4", "ipv6", "email", "mac", "domain", "url", "text"] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];

/** Hex characters of HMAC output carried by text-shaped pseudonyms (64 bits). */
const TEXT_HEX_LENGTH = 16;

/** HMAC-SHA256 over a versioned, kind-separated message, so one value's pseudonyms differ by kind. */
export function pseudonymDigest(key: Uint8Array, kind: PseudonymKind, value: string): Buffer {
	if (key.length < 16) throw new RangeError("pseudonym key must be at least 16 bytes");
	return createHmac("sha256", key).update(`entente-pseudonym-v1\u0000${kind}\u0000${value}`, "utf8").digest();
}

/**
 * The pseudonym of `value`, valid for its kind:
 * - `ipv4`: an address in 240.0.0.0/4 (reserved, never routed; 28 bits of HMAC); a CIDR block keeps
 *   its prefix length, with the host bits zeroed (so a /24 carries 20 bits);
 * - `ipv6`: an address in 3fff::/20 (documentation, RFC 9637; 108 bits of HMAC), same rule for blocks;
 * - `email`: `pseudonym-<hex>@pseudonym.invalid` (RFC 2606 `.invalid`);
 * - `mac`: a locally administered unicast address `02:xx:xx:xx:xx:xx`;
 * - `domain`: `pseudonym-<hex>.invalid`; `url`: `https://pseudonym.invalid/<hex>`;
 * - `text` (logins, user ids, names): `pseud-<hex>`.
 * An IP value that does not parse is pseudonymised as text: it cannot be left as it is.
 * @example pseudonymise(key, "email", "alice@example.com") // "pseudonym-3f9c…@pseudonym.invalid"
 */
export function pseudonymise(key: Uint8Array, kind: PseudonymKind, value: string): string {
	switch (kind) {
		case "ipv4":
		case "ipv6":
			return pseudonymiseIp(key, value) ?? pseudonymise(key, "text", value);
		case "email":
			return `pseudonym-${hex(key, "email", value.toLowerCase())}@pseudonym.invalid`;
		case "mac": {
			const digest = pseudonymDigest(key, "mac", value.toLowerCase().replaceAll("-", ":"));
			const bytes = [0x02, ...digest.subarray(0, 5)];
			return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
		}
		case "domain":
			return `pseudonym-${hex(key, "domain", value.toLowerCase())}.invalid`;
		case "url":
			return `https://pseudonym.invalid/${hex(key, "url", value)}`;
		case "text":
			return `pseud-${hex(key, "text", value)}`;
	}
}

function hex(key: Uint8Array, kind: PseudonymKind, value: string): string {
	return pseudonymDigest(key, kind, value).toString("hex", 0, TEXT_HEX_LENGTH / 2);
}

function pseudonymiseIp(key: Uint8Array, value: string): string | undefined {
	const ip = parseIp(value);
	if (ip === undefined) return undefined;
	// Canonical text first, so `2001:DB8::1` and `2001:db8:0::1` get one pseudonym.
	const digest = pseudonymDigest(key, ip.family === 4 ? "ipv4" : "ipv6", formatIp(ip));
	if (ip.family === 4) {
		let parts = [0xf0 | ((digest[0] ?? 0) & 0x0f), digest[1] ?? 0, digest[2] ?? 0, digest[3] ?? 0];
		if (parts.every((p) => p === 255)) parts = [255, 255, 255, 254]; // never the broadcast address
		if (ip.prefix === undefined) return formatIp({ family: 4, parts });
		const prefix = Math.max(ip.prefix, 4);
		return formatIp({ family: 4, parts: maskParts(parts, 8, prefix), prefix });
	}
	const groups = [0x3fff];
	for (let i = 0; i < 7; i++) groups.push(((digest[2 * i] ?? 0) << 8) | (digest[2 * i + 1] ?? 0));
	groups[1] = (groups[1] ?? 0) & 0x0fff;
	if (ip.prefix === undefined) return formatIpv6(groups);
	const prefix = Math.max(ip.prefix, 20);
	return formatIp({ family: 6, parts: maskParts(groups, 16, prefix), prefix });
}
