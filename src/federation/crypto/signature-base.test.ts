import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { describe, it } from "node:test";
import { verifyContentDigest } from "./content-digest.ts";
import { signatureBase, signatureInputMember } from "./signature-base.ts";
import { serializeMember } from "./structured-fields.ts";

// RFC 9421 Appendix B.1.4 (test-key-ed25519) and B.2.6 (signing a request using ed25519).
const RFC_PRIVATE_KEY = createPrivateKey(
	"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n",
);
const RFC_PUBLIC_KEY = createPublicKey(
	"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n",
);
const RFC_REQUEST = {
	method: "POST",
	url: "https://example.com/foo?param=Value&Pet=dog",
	headers: {
		Host: "example.com",
		Date: "Tue, 20 Apr 2021 02:07:55 GMT",
		"Content-Type": "application/json",
		"Content-Digest":
			"sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
		"Content-Length": "18",
	},
	body: '{"hello": "world"}',
};
const B26_INPUT =
	'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
const B26_BASE = [
	'"date": Tue, 20 Apr 2021 02:07:55 GMT',
	'"@method": POST',
	'"@path": /foo',
	'"@authority": example.com',
	'"content-type": application/json',
	'"content-length": 18',
	'"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
].join("\n");
const B26_SIGNATURE =
	"wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";

describe("RFC 9421 Appendix B.2.6", () => {
	const params = signatureInputMember(B26_INPUT, "sig-b26");

	it("builds the signature base byte for byte", () => {
		assert.ok(params);
		assert.equal(signatureBase(params, { request: RFC_REQUEST }), B26_BASE);
	});

	it("produces the RFC's signature value exactly (Ed25519 is deterministic)", () => {
		assert.ok(params);
		const base = signatureBase(params, { request: RFC_REQUEST });
		assert.equal(sign(null, Buffer.from(base), RFC_PRIVATE_KEY).toString("base64"), B26_SIGNATURE);
		assert.ok(verify(null, Buffer.from(base), RFC_PUBLIC_KEY, Buffer.from(B26_SIGNATURE, "base64")));
	});

	it("re-serializes the Signature-Input member unchanged", () => {
		assert.ok(params);
		assert.equal(`sig-b26=${serializeMember(params)}`, B26_INPUT);
	});

	it("accepts the request's sha-512 Content-Digest (RFC 9530)", () => {
		assert.deepEqual(verifyContentDigest(RFC_REQUEST.headers["Content-Digest"], RFC_REQUEST.body), {
			ok: true,
			algorithms: ["sha-512"],
		});
	});
});

describe("signature base", () => {
	const request = {
		method: "GET",
		url: "https://Example.COM:443/a%20b?x=1",
		headers: { "X-Two": ["a ", " b"] },
	};

	it("derives the other components from the URL", () => {
		const list = signatureInputMember(
			's=("@target-uri" "@authority" "@scheme" "@query" "@request-target" "x-two");created=1',
			"s",
		);
		assert.ok(list);
		assert.equal(
			signatureBase(list, { request }),
			[
				'"@target-uri": https://example.com/a%20b?x=1',
				'"@authority": example.com',
				'"@scheme": https',
				'"@query": ?x=1',
				'"@request-target": /a%20b?x=1',
				'"x-two": a, b',
				'"@signature-params": ("@target-uri" "@authority" "@scheme" "@query" "@request-target" "x-two");created=1',
			].join("\n"),
		);
	});

	it("refuses a missing field, a repeated component and unsupported parameters", () => {
		for (const input of ['s=("date")', 's=("@method" "@method")', 's=("x-two";sf)', 's=("@status")']) {
			const list = signatureInputMember(input, "s");
			assert.ok(list);
			assert.throws(() => signatureBase(list, { request }), { name: "ComponentError" }, input);
		}
	});

	it("refuses a field value with a line break (base injection)", () => {
		const list = signatureInputMember('s=("x-evil")', "s");
		assert.ok(list);
		const evil = { ...request, headers: { "x-evil": 'a\n"@method": POST' } };
		assert.throws(() => signatureBase(list, { request: evil }), /line break/);
	});
});
