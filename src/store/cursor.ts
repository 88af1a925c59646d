// Opaque page cursors: a position in commit order, encoded so clients treat it as a token.
import { AppError } from "../errors/index.ts";

const PREFIX = "p1.";

/** Encodes the commit position (date_added in microseconds) of the last item of a page. */
export function encodeCursor(position: number): string {
	return Buffer.from(`${PREFIX}${position}`, "utf8").toString("base64url");
}

/** Decodes a cursor from `encodeCursor`; anything else is the client's error, never trusted further. */
export function decodeCursor(cursor: string): number {
	const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
	const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : "";
	if (!/^\d{1,16}$/.test(digits)) {
		throw new AppError("E_STORE_QUERY_INVALID", "the paging cursor `next` is malformed");
	}
	return Number(digits);
}
