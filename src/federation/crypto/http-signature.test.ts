import assert from "node:assert/strict";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, it } from "node:test";
import { signRequest, signResponse } from "./http-signature.ts";
import { type VerifyRequestOptions, verifyRequest, verifyResponse } from "./http-signature-verify.ts";
import { keyIdOf } from "./jwk.ts";
import { ReplayCache } from "./replay-cache.ts";

const NOW = 1_700_000_000;
const alice = generateKeyPairSync("ed25519");
const mallory = generateKeyPairSync("ed25519");
const ALICE_ID = keyIdOf(alice.publicKey);

function request(body = '{"type":"bundle"}') {
	return {
		method: "POST",
		url: "https://uk.example:8443/federation/push?peer=us",
		headers: { "content-type": "application/json" } as Record<string, string>,
		body: new TextEncoder().encode(body),
	};
}

function signed(options: { created?: number; expires?: number; nonce?: string; key?: KeyObject } = {}) {
	const req = request();
	const fields = signRequest(req, options.key ?? alice.privateKey, {
		keyId: ALICE_ID,
		created: options.created ?? NOW,
		...(options.expires === undefined ? {} : { expires: options.expires }),
		...(options.nonce === undefined ? {} : { nonce: options.nonce }),
	});
	return { ...req, headers: { ...req.headers, ...fields } };
}

function opts(overrides: Partial<VerifyRequestOptions> = {}): VerifyRequestOptions {
	const cache = new ReplayCache({ maxEntries: 100 });
	return {
		keyResolver: (id) => (id === ALICE_ID ? alice.publicKey : undefined),
		now: new Date(NOW * 1000),
		maxSkewSeconds: 600,
		seenNonce: (key, forgetAfter, now) => cache.seen(key, forgetAfter, now),
		...overrides,
	};
}

function reasonOf(verdict: ReturnType<typeof verifyRequest>): string {
	return verdict.ok ? "ok" : verdict.reason;
}

describe("signRequest / verifyRequest", () => {
	it("round-trips and reports the key id", () => {
		const req = signed({ nonce: "n-0123456789abcdef" });
		assert.match(
			req.headers["signature-input"] ?? "",
			/^entente=\("@method" "@target-uri" "content-digest" "date"\);created=1700000000;expires=1700000300;nonce="n-0123456789abcdef";keyid="[\w-]{43}";alg="ed25519"$/,
		);
		assert.equal(req.headers.date, "Tue, 14 Nov 2023 22:13:20 GMT");
		const verdict = verifyRequest(req, opts());
		assert.deepEqual(verdict, {
			ok: true,
			keyId: ALICE_ID,
			created: NOW,
			expires: NOW + 300,
			nonce: "n-0123456789abcdef",
		});
	});

	it("accepts Headers objects and node-style array values", () => {
		const req = signed();
		assert.equal(reasonOf(verifyRequest({ ...req, headers: new Headers(req.headers) }, opts())), "ok");
		const nodeStyle = { ...req.headers, date: [req.headers.date], "x-other": undefined };
		assert.equal(reasonOf(verifyRequest({ ...req, headers: nodeStyle }, opts())), "ok");
	});

	it("missing-signature: no fields, or no member with our label", () => {
		assert.equal(reasonOf(verifyRequest(request(), opts())), "missing-signature");
		assert.equal(reasonOf(verifyRequest(signed(), opts({ label: "other" }))), "missing-signature");
	});

	it("bad-digest: body tampered after signing", () => {
		const req = { ...signed(), body: new TextEncoder().encode('{"type":"bundle","x":1}') };
		const verdict = verifyRequest(req, opts());
		assert.equal(reasonOf(verdict), "bad-digest");
	});

	it("bad-signature: a covered header, the target or the parameters tampered", () => {
		const req = signed();
		const tampered = [
			{ ...req, headers: { ...req.headers, date: "Tue, 14 Nov 2023 22:13:21 GMT" } },
			{ ...req, url: "https://uk.example:8443/federation/push?peer=de" },
			{ ...req, method: "PUT" },
			{
				...req,
				body: new TextEncoder().encode("{}"),
				headers: {
					...req.headers,
					"content-digest": "sha-256=:RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=:",
				},
			},
			{
				...req,
				headers: {
					...req.headers,
					"signature-input": req.headers["signature-input"].replace("1700000300", "1700000299"),
				},
			},
		];
		for (const r of tampered) assert.equal(reasonOf(verifyRequest(r, opts())), "bad-signature");
	});

	it("bad-signature: signed by another key under alice's id", () => {
		assert.equal(reasonOf(verifyRequest(signed({ key: mallory.privateKey }), opts())), "bad-signature");
	});

	it("unknown-key: key id the peer does not hold", () => {
		assert.equal(reasonOf(verifyRequest(signed(), opts({ keyResolver: () => undefined }))), "unknown-key");
		assert.equal(
			reasonOf(verifyRequest(signed(), opts({ keyResolver: () => alice.privateKey }))),
			"unknown-key",
		);
	});

	it("tolerates clock skew within ±10 minutes and names it beyond", () => {
		const ahead = (s: number) => signed({ created: NOW + s });
		const behind = (s: number) => signed({ created: NOW - s, expires: NOW - s + 300 });
		assert.equal(reasonOf(verifyRequest(ahead(599), opts())), "ok");
		assert.equal(reasonOf(verifyRequest(ahead(600), opts())), "ok");
		assert.equal(reasonOf(verifyRequest(ahead(601), opts())), "not-yet-valid");
		assert.equal(reasonOf(verifyRequest(behind(600), opts())), "ok");
		// The same window as `ahead`: a signer 601 s behind (though its signature expires only 301 s ago) is refused,
		// as the signer would refuse this node's answer, signed 601 s ahead of its clock.
		assert.equal(reasonOf(verifyRequest(behind(601), opts())), "expired");
		assert.equal(reasonOf(verifyRequest(behind(900), opts())), "expired");
		assert.equal(reasonOf(verifyRequest(behind(901), opts())), "expired");
		assert.equal(reasonOf(verifyRequest(behind(901), opts({ maxSkewSeconds: 0 }))), "expired");
		assert.equal(reasonOf(verifyRequest(ahead(1), opts({ maxSkewSeconds: 0 }))), "not-yet-valid");
	});

	it("replayed: the same request twice", () => {
		const o = opts();
		const req = signed();
		assert.equal(reasonOf(verifyRequest(req, o)), "ok");
		assert.equal(reasonOf(verifyRequest(req, o)), "replayed");
		assert.equal(reasonOf(verifyRequest(signed(), o)), "ok");
	});

	it("does not burn a nonce on a request that fails verification", () => {
		const o = opts();
		const req = signed({ nonce: "n-0123456789abcdef" });
		assert.equal(reasonOf(verifyRequest({ ...req, body: new Uint8Array([1]) }, o)), "bad-digest");
		assert.equal(reasonOf(verifyRequest(req, o)), "ok");
	});

	it("malformed: garbage fields, missing components or parameters, overlong lifetime", () => {
		const req = signed();
		const input = req.headers["signature-input"];
		const cases = [
			{ "signature-input": "entente=(", signature: req.headers.signature },
			{ "signature-input": input.replace(' "date"', ""), signature: req.headers.signature },
			{ "signature-input": input.replace(/;nonce="[^"]*"/, ""), signature: req.headers.signature },
			{
				"signature-input": input.replace('alg="ed25519"', 'alg="rsa-pss-sha512"'),
				signature: req.headers.signature,
			},
			{ "signature-input": input.replace("1700000300", "1700086400"), signature: req.headers.signature },
			{ "signature-input": input, signature: 'entente="not bytes"' },
		];
		for (const fields of cases) {
			const verdict = verifyRequest({ ...req, headers: { ...req.headers, ...fields } }, opts());
			assert.equal(reasonOf(verdict), "malformed", JSON.stringify(fields));
		}
	});
});

describe("signResponse / verifyResponse", () => {
	const ack = { status: 200, headers: {}, body: '{"acknowledged":3}' };
	const resolver = { keyResolver: (id: string) => (id === ALICE_ID ? alice.publicKey : undefined) };

	it("round-trips an acknowledgement bound to its request", () => {
		const req = signed();
		const fields = signResponse(ack, req, alice.privateKey, { keyId: ALICE_ID, created: NOW });
		assert.match(
			fields["signature-input"],
			/^entente=\("@status" "content-digest" "signature";req;key="entente"\)/,
		);
		const res = { ...ack, headers: fields };
		assert.equal(reasonOf(verifyResponse(res, req, { ...resolver, now: new Date(NOW * 1000) })), "ok");
		// An unsigned Date the server stamps (here far in the future) is not judged.
		const stamped = { ...ack, headers: { ...fields, date: "Fri, 01 Jan 2100 00:00:00 GMT" } };
		assert.equal(reasonOf(verifyResponse(stamped, req, { ...resolver, now: new Date(NOW * 1000) })), "ok");
	});

	it("refuses an acknowledgement replayed for another request, a changed status or body", () => {
		const req = signed();
		const fields = signResponse(ack, req, alice.privateKey, { keyId: ALICE_ID, created: NOW });
		const o = { ...resolver, now: new Date(NOW * 1000) };
		assert.equal(reasonOf(verifyResponse({ ...ack, headers: fields }, signed(), o)), "bad-signature");
		assert.equal(reasonOf(verifyResponse({ ...ack, status: 202, headers: fields }, req, o)), "bad-signature");
		assert.equal(reasonOf(verifyResponse({ ...ack, body: "{}", headers: fields }, req, o)), "bad-digest");
		assert.equal(reasonOf(verifyResponse({ ...ack, headers: {} }, req, o)), "missing-signature");
	});

	it("cannot sign a response to an unsigned request", () => {
		assert.throws(() => signResponse(ack, request(), alice.privateKey, { keyId: ALICE_ID, created: NOW }), {
			code: "E_FEDERATION_SIGNING_INPUT",
		});
	});
});
