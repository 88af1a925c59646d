// Signed `next` tokens (§3.4, §3.5): opaque to clients, bound to who asked and what, checked on every use.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../errors/index.ts";

/** What a `next` token is bound to: the requesting user and the request's filters, minus `limit` and `next`. */
export interface PageBinding {
	userId: string;
	/** A stable description of the query: endpoint, collection, object and filters. */
	query: string;
}

const VERSION = "n1";

function digest(binding: PageBinding): string {
	return createHash("sha256").update(binding.userId).update("\n").update(binding.query).digest("base64url");
}

function mac(secret: Uint8Array, payload: string): Buffer {
	return createHmac("sha256", secret).update(payload).digest();
}

/**
 * Wraps the store's cursor in a token only this node can have minted (HMAC-SHA-256 with the node's
 * secret) and only for this user and query. The limit may change between pages; nothing else may.
 */
export function signNext(secret: Uint8Array, binding: PageBinding, storeCursor: string): string {
	const payload = `${VERSION}.${Buffer.from(storeCursor, "utf8").toString("base64url")}.${digest(binding)}`;
	return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/**
 * The store cursor inside `token`, after checking its signature and that it was issued for this user and
 * query. Forged, altered and foreign tokens all get the same 400, which says nothing about other users.
 */
export function openNext(secret: Uint8Array, binding: PageBinding, token: string): string {
	const invalid = new AppError(
		"E_TAXII_NEXT_INVALID",
		"next is not a value this server issued for this query; repeat the original query's parameters with it (§3.5)",
	);
	const parts = token.split(".");
	if (parts.length !== 4 || parts[0] !== VERSION) throw invalid;
	const [version, cursor, bound, signature] = parts as [string, string, string, string];
	const expected = mac(secret, `${version}.${cursor}.${bound}`);
	const given = Buffer.from(signature, "base64url");
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
	if (bound !== digest(binding)) throw invalid;
	return Buffer.from(cursor, "base64url").toString("utf8");
}
