// Paging cursors: the store position where a page stopped, sealed (AES-256-GCM) so it reveals nothing.
// A page may stop right after an object the requester may not see; a readable position would date or name it.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../errors/index.ts";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals and opens cursors with one key (32 bytes); a cursor from another key or tampered with is refused.
 * The scope (authenticated, not encrypted) names what the position is a position in: a search's
 * `dateAdded`, one object's referrer ids. A cursor opens only in its own scope, so one listing's position
 * never reaches another's parser (whose error message might quote it).
 */
export interface CursorSeal {
	seal(position: string, scope: string): string;
	/** @throws AppError E_API_CURSOR_INVALID when the cursor was not sealed with this key for this scope. */
	open(cursor: string, scope: string): string;
}

function invalidCursor(): AppError {
	return new AppError(
		"E_API_CURSOR_INVALID",
		"this cursor is not valid here (it may predate a restart); start again without a cursor",
		{
			details: { issues: [{ path: ["query", "cursor"], code: "invalid_cursor", message: "unknown cursor" }] },
		},
	);
}

/**
 * @example const seal = cursorSeal(randomBytes(32)); seal.open(seal.seal("2026-01-01T00:00:00.000000Z", "search"), "search")
 */
export function cursorSeal(key: Uint8Array): CursorSeal {
	if (key.length !== 32) throw new RangeError("a cursor key has 32 bytes");
	return {
		seal(position, scope) {
			const iv = randomBytes(IV_BYTES);
			const cipher = createCipheriv("aes-256-gcm", key, iv);
			cipher.setAAD(Buffer.from(scope, "utf8"));
			const sealed = Buffer.concat([cipher.update(position, "utf8"), cipher.final()]);
			return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
		},
		open(cursor, scope) {
			const bytes = Buffer.from(cursor, "base64url");
			if (bytes.length <= IV_BYTES + TAG_BYTES) throw invalidCursor();
			try {
				const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
				decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
				decipher.setAAD(Buffer.from(scope, "utf8"));
				const plain = Buffer.concat([
					decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
					decipher.final(),
				]);
				return plain.toString("utf8");
			} catch {
				throw invalidCursor();
			}
		},
	};
}
