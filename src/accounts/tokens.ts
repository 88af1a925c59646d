// API tokens: random, shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_PREFIX = "ent_";

/** A new API token: 32 random bytes, base64url, with a prefix that secret scanners can spot. */
export function mintToken(): string {
	return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/**
 * The first characters of a token (`ent_` and 6 more: 36 of its 256 bits), kept in clear so that a person can
 * tell their tokens apart in a list; never enough to guess the rest.
 */
export function tokenPrefixOf(token: string): string {
	return token.slice(0, TOKEN_PREFIX.length + 6);
}

/** The form stored at rest. A fast hash suffices: tokens carry 256 bits of entropy, unlike passwords. */
export function hashToken(token: string): string {
	return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
	const left = Buffer.from(a, "hex");
	const right = Buffer.from(b, "hex");
	return left.length === right.length && timingSafeEqual(left, right);
}
