// Signatures written by the hand-written implementation (before decisions D43 moved parsing and
// verification to structured-headers and jose) still verify, and are still written byte for byte:
// stores keep provenance JWS as proof, and peers on the previous version must interoperate.
import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { signRequest, signResponse } from "./http-signature.ts";
import { verifyRequest, verifyResponse } from "./http-signature-verify.ts";
import { keyIdOf } from "./jwk.ts";
import { signObject, signObjectAsync, verifyObjectAsync } from "./provenance.ts";

// RFC 9421 B.1.4's test-key-ed25519; every value below was produced by Entente 0.1.0 before D43.
const KEY = createPrivateKey(
	"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n",
);
const PUBLIC_KEY = createPublicKey(KEY);
const KEY_ID = "poqkLGiymh_W0uP6PZFw-dvez3QJT5SolqXBCW38r0U";

const REQUEST = {
	method: "POST",
	url: "https://uk.example:8443/federation/v1/push",
	headers: { "content-type": "application/json" },
	body: '{"items":[]}',
};
const REQUEST_FIELDS = {
	"content-digest": "sha-256=:7vRnQa38Op92KU07ePN6RfETCSrJ1E7nfHoDioj/CaE=:",
	date: "Tue, 14 Nov 2023 22:13:20 GMT",
	"signature-input": `entente=("@method" "@target-uri" "content-digest" "date");created=1700000000;expires=1700000300;nonce="bm9uY2UtZml4dHVyZS0wMQ";keyid="${KEY_ID}";alg="ed25519"`,
	signature:
		"entente=:Ri2pJLENr2HsxBz8/Yi6WDeZXoqT0pVudyeEQcc/q8Pp37BkPcDRt3QE/2QmV//v9eoFoHbm/L1Jkl1a4OZ+BA==:",
};
const RESPONSE = { status: 200, headers: {}, body: '{"results":[]}' };
const RESPONSE_FIELDS = {
	"content-digest": "sha-256=:UCHmJOdSsAHOPjhG6PFY7Urrk6TJpy/bNaDFsUoO6oQ=:",
	"signature-input": `entente=("@status" "content-digest" "signature";req;key="entente");created=1700000001;expires=1700000301;keyid="${KEY_ID}";alg="ed25519"`,
	signature:
		"entente=:n11lzzF/zXSOERGPUz7IKonOdTdhSEtTGVvnBOdlBmBWp/HVUVygE4hi+C7FPjaV7gYnqlN0k/PxSo8rsb6NAw==:",
};

const INDICATOR = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	created: "2026-03-01T10:00:00.000Z",
	modified: "2026-03-01T10:00:00.000Z",
	pattern: "[ipv4-addr:value = '198.51.100.7']",
	pattern_type: "stix",
	valid_from: "2026-03-01T10:00:00Z",
	labels: ["c2", "ünïcode ✓"],
	confidence: 85,
} as StixObject;
const DERIVED_FROM = {
	id: "indicator--00000000-0000-4000-8000-000000000001",
	version: "2026-02-01T00:00:00.000Z",
	signer: "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
};
const PROVENANCE = {
	protected:
		"eyJhbGciOiJFZERTQSIsImtpZCI6InBvcWtMR2l5bWhfVzB1UDZQWkZ3LWR2ZXozUUpUNVNvbHFYQkNXMzhyMFUiLCJ0eXAiOiJlbnRlbnRlLXByb3ZlbmFuY2UrandzIn0",
	signature: "lOoMDP3PI6s6xPstmybo6FMtZsAGPz81RNKP6O-Aui1fv6c9WvBfx3Ow72BgDUXDmx07fa1MKZgfmgGQlYpgAw",
};
const DERIVED_PROVENANCE = {
	protected:
		"eyJhbGciOiJFZERTQSIsImRlcml2ZWRfZnJvbSI6eyJpZCI6ImluZGljYXRvci0tMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxIiwic2lnbmVyIjoia1ByS19xbXhWV2FZVkE5d3dCRjZJdW8zdlZ6ejdUeEhDVHdYQnlnclM0ayIsInZlcnNpb24iOiIyMDI2LTAyLTAxVDAwOjAwOjAwLjAwMFoifSwia2lkIjoicG9xa0xHaXltaF9XMHVQNlBaRnctZHZlejNRSlQ1U29scVhCQ1czOHIwVSIsInR5cCI6ImVudGVudGUtcHJvdmVuYW5jZStqd3MifQ",
	signature: "CozYWKn9V5fHUFxzBmUcuwfp6qPjtzcsHLMWvKd3Rl-CWERRcUAuhy0fuUahItTptM2G4QmY5mMBYCCZhsWKDg",
};

const resolve = (kid: string) => (kid === KEY_ID ? PUBLIC_KEY : undefined);
const NOW = new Date(1_700_000_010 * 1000);

describe("wire compatibility with signatures made before D43", () => {
	it("the fixture's key id is the key's thumbprint", () => {
		assert.equal(keyIdOf(PUBLIC_KEY), KEY_ID);
	});

	it("an old request signature verifies, and signing it again gives the same fields", () => {
		const signed = { ...REQUEST, headers: { ...REQUEST.headers, ...REQUEST_FIELDS } };
		const verdict = verifyRequest(signed, { keyResolver: resolve, now: NOW, seenNonce: () => false });
		assert.deepEqual(verdict, {
			ok: true,
			keyId: KEY_ID,
			created: 1_700_000_000,
			expires: 1_700_000_300,
			nonce: "bm9uY2UtZml4dHVyZS0wMQ",
		});
		const again = signRequest(REQUEST, KEY, {
			keyId: KEY_ID,
			created: 1_700_000_000,
			nonce: "bm9uY2UtZml4dHVyZS0wMQ",
		});
		assert.deepEqual(again, REQUEST_FIELDS);
	});

	it("an old acknowledgement verifies against its request, and signing it again gives the same fields", () => {
		const request = { ...REQUEST, headers: { ...REQUEST.headers, ...REQUEST_FIELDS } };
		const signed = { ...RESPONSE, headers: { ...RESPONSE_FIELDS } };
		const verdict = verifyResponse(signed, request, { keyResolver: resolve, now: NOW });
		assert.equal(verdict.ok, true);
		assert.deepEqual(
			signResponse(RESPONSE, request, KEY, { keyId: KEY_ID, created: 1_700_000_001 }),
			RESPONSE_FIELDS,
		);
	});

	it("old provenance (plain and derived_from) verifies, and signing it again gives the same JWS", async () => {
		assert.deepEqual(await verifyObjectAsync(INDICATOR, PROVENANCE, resolve), {
			ok: true,
			keyId: KEY_ID,
			derivedFrom: undefined,
		});
		assert.deepEqual(await verifyObjectAsync(INDICATOR, DERIVED_PROVENANCE, resolve), {
			ok: true,
			keyId: KEY_ID,
			derivedFrom: DERIVED_FROM,
		});
		assert.deepEqual(signObject(INDICATOR, KEY, KEY_ID), PROVENANCE);
		assert.deepEqual(
			await signObjectAsync(INDICATOR, KEY, KEY_ID, { derivedFrom: DERIVED_FROM }),
			DERIVED_PROVENANCE,
		);
	});

	it("a changed byte of the old fixtures is refused", async () => {
		const tampered = { ...INDICATOR, confidence: 86 };
		const verdict = await verifyObjectAsync(tampered, PROVENANCE, resolve);
		assert.equal(verdict.ok ? "ok" : verdict.reason, "bad-signature");
		const signed = {
			...REQUEST,
			body: '{"items":[{}]}',
			headers: { ...REQUEST.headers, ...REQUEST_FIELDS },
		};
		const check = verifyRequest(signed, { keyResolver: resolve, now: NOW, seenNonce: () => false });
		assert.equal(check.ok ? "ok" : check.reason, "bad-digest");
	});
});
