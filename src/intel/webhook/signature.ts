// The webhook signature (D51): HMAC-SHA256 with the subscription's secret over "<timestamp>.<body>", sent as
// `X-Entente-Signature: t=<unix seconds>,v1=<hex>`; a receiver recomputes it and refuses an old timestamp (replay).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header carrying the signature, and the one carrying the alert's id (the receiver's deduplication key). */
export const SIGNATURE_HEADER = "X-Entente-Signature";
export const DELIVERY_HEADER = "X-Entente-Delivery";

/** How old a signed timestamp a receiver should accept, in seconds (what `verifyWebhookSignature` uses). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new subscription secret: 32 random bytes, `whsec_` and base64url. Shown once. */
export function newWebhookSecret(): string {
	return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The signature header's value for `body` sent at `at`.
 * @example signatureOf(secret, body, new Date()) // "t=1765100000,v1=5f2c…"
 */
export function signatureOf(secret: string, body: string, at: Date): string {
	const timestamp = Math.floor(at.getTime() / 1000);
	return `t=${timestamp},v1=${hmac(secret, `${timestamp}.${body}`)}`;
}

/**
 * What a receiver does: true when `header` signs `body` with `secret` and its timestamp is within the tolerance of
 * `now`. Constant-time over the digest.
 */
export function verifyWebhookSignature(
	secret: string,
	header: string,
	body: string,
	now: Date,
	toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
	const fields = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
	const timestamp = Number(fields.get("t"));
	const given = fields.get("v1");
	if (!Number.isSafeInteger(timestamp) || given === undefined) return false;
	if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
	const expected = Buffer.from(hmac(secret, `${timestamp}.${body}`), "hex");
	const actual = Buffer.from(given, "hex");
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hmac(secret: string, text: string): string {
	return createHmac("sha256", secret).update(text).digest("hex");
}
