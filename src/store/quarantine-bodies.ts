// A held item's body as the quarantine keeps it (D65): cut to the item limit, and keyed so a refusal is kept once.
import { createHash } from "node:crypto";
import type { HeldItem } from "./quarantine-records.ts";

/** A held item's body cut to `limit` bytes on a character boundary, and whether it was cut. */
export function fitBody(body: string, limit: number): { body: string; bytes: number; truncated: boolean } {
	const bytes = Buffer.byteLength(body);
	if (bytes <= limit) return { body, bytes, truncated: false };
	let cut = Buffer.from(body).subarray(0, limit).toString("utf8");
	if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
	return { body: cut, bytes: Buffer.byteLength(cut), truncated: true };
}

/** A held item's identity for the quarantine's once-per-content key: the same refusal twice is kept once. */
export function heldItemHash(item: HeldItem, body: string): string {
	return createHash("sha256").update(`${item.kind}\u0000${item.reason}\u0000${body}`).digest("hex");
}
