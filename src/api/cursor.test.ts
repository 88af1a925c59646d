// Cursor seals: a cursor opens only with its key and in its own scope, and reveals nothing of its position.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { cursorSeal } from "./cursor.ts";

const POSITION = "report--aaaaaaaa-0000-4000-8000-000000000065";

function refusedAsInvalid(open: () => string): void {
	assert.throws(open, (error: unknown) => (error as { code?: unknown }).code === "E_API_CURSOR_INVALID");
}

describe("cursorSeal", () => {
	it("opens what it sealed, in the same scope", () => {
		const seal = cursorSeal(randomBytes(32));
		assert.equal(seal.open(seal.seal(POSITION, "referrers x"), "referrers x"), POSITION);
	});

	it("refuses a cursor in another scope, from another key, or altered", () => {
		const seal = cursorSeal(randomBytes(32));
		const cursor = seal.seal(POSITION, "referrers x");
		refusedAsInvalid(() => seal.open(cursor, "search"));
		refusedAsInvalid(() => seal.open(cursor, "referrers y"));
		refusedAsInvalid(() => cursorSeal(randomBytes(32)).open(cursor, "referrers x"));
		const altered = Buffer.from(cursor, "base64url");
		altered[altered.length - 1] = (altered.at(-1) ?? 0) ^ 1;
		refusedAsInvalid(() => seal.open(altered.toString("base64url"), "referrers x"));
	});

	it("shows nothing of the position, and never the same cursor twice", () => {
		const seal = cursorSeal(randomBytes(32));
		const a = seal.seal(POSITION, "search");
		assert.ok(!Buffer.from(a, "base64url").toString("latin1").includes("report--"));
		assert.notEqual(a, seal.seal(POSITION, "search"));
	});
});
