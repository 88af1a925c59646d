import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { contentDigest, verifyContentDigest } from "./content-digest.ts";

describe("contentDigest (RFC 9530)", () => {
	it('matches the RFC 9530 §2 sha-256 example for {"hello": "world"}', () => {
		assert.equal(
			contentDigest('{"hello": "world"}'),
			"sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
		);
	});

	it("digests an empty body", () => {
		const empty = createHash("sha256").update("").digest("base64");
		assert.equal(contentDigest(new Uint8Array(0)), `sha-256=:${empty}:`);
	});

	it("verifies its own output and refuses another body", () => {
		const body = new TextEncoder().encode("payload");
		assert.deepEqual(verifyContentDigest(contentDigest(body), body), { ok: true, algorithms: ["sha-256"] });
		const check = verifyContentDigest(contentDigest(body), "payloaD");
		assert.equal(check.ok ? "ok" : check.problem, "mismatch");
	});

	it("names each problem", () => {
		const problem = (field: string | undefined) => {
			const check = verifyContentDigest(field, "x");
			return check.ok ? "ok" : check.problem;
		};
		assert.equal(problem(undefined), "missing");
		assert.equal(problem(" "), "missing");
		assert.equal(problem("sha-256=:not base64!:"), "malformed");
		assert.equal(problem('sha-256="text"'), "malformed");
		assert.equal(problem("md5=:DMF1ucDxtqgxw5niaXcmYQ==:"), "unsupported-algorithm");
		assert.equal(problem(`${contentDigest("x")}, unixsum=:AAAA:`), "unsupported-algorithm");
		// Truncated digest: a length mismatch is a mismatch, not a crash in timingSafeEqual.
		assert.equal(problem("sha-256=:AAAA:"), "mismatch");
	});

	it("says which algorithms it accepts when refusing one", () => {
		const check = verifyContentDigest("sha3-256=:AAAA:", "x");
		assert.equal(check.ok, false);
		assert.match(check.ok ? "" : check.detail, /"sha3-256" is not accepted; use one of sha-256, sha-512/);
	});
});
