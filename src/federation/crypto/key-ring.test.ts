import assert from "node:assert/strict";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { fromPublicJwk, importJwkSet, keyIdOf, toPublicJwk } from "./jwk.ts";
import { NodeKeyRing } from "./key-ring.ts";
import { parseKeyRing, serializeKeyRing } from "./key-ring-file.ts";

// RFC 8037 Appendix A.1 key; A.3 gives its RFC 7638 thumbprint.
const RFC8037_JWK = {
	kty: "OKP",
	crv: "Ed25519",
	d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
	x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
};
const RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
const T0 = new Date("2026-01-01T00:00:00Z");
const T1 = new Date("2026-06-01T00:00:00Z");

describe("key ids and JWKs", () => {
	const rfcKey = createPrivateKey({ key: RFC8037_JWK, format: "jwk" });

	it("key id is the RFC 7638 thumbprint (RFC 8037 A.3)", () => {
		assert.equal(keyIdOf(rfcKey), RFC8037_THUMBPRINT);
	});

	it("exports a public JWK for partners, never the private part", () => {
		assert.deepEqual(toPublicJwk(rfcKey), {
			kty: "OKP",
			crv: "Ed25519",
			x: RFC8037_JWK.x,
			kid: RFC8037_THUMBPRINT,
			use: "sig",
			alg: "EdDSA",
		});
	});

	it("imports a partner JWK Set and checks each kid", () => {
		const keys = importJwkSet({ keys: [toPublicJwk(rfcKey)] });
		assert.deepEqual([...keys.keys()], [RFC8037_THUMBPRINT]);
		assert.equal(keys.get(RFC8037_THUMBPRINT)?.type, "public");
	});

	it("refuses private, foreign, mislabelled and malformed JWKs", () => {
		const good = toPublicJwk(rfcKey);
		const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
		const bad = [
			RFC8037_JWK,
			rsa,
			{ ...good, kid: "someone-else" },
			{ ...good, x: "short" },
			{ ...good, crv: "X25519" },
			{ ...good, use: "enc" },
			null,
			[],
		];
		for (const jwk of bad) assert.throws(() => fromPublicJwk(jwk), { code: "E_FEDERATION_JWK_INVALID" });
		assert.throws(() => importJwkSet({ keys: [good, RFC8037_JWK] }), /keys\[1\]: .*private key/);
		assert.throws(() => importJwkSet([good]), { code: "E_FEDERATION_JWK_INVALID" });
	});

	it("refuses a non-Ed25519 key for an id", () => {
		const { publicKey } = generateKeyPairSync("x25519");
		assert.throws(() => keyIdOf(publicKey), { code: "E_FEDERATION_KEY_INVALID" });
	});
});

describe("NodeKeyRing", () => {
	it("rotates to a new current key and keeps the old one for verification only", () => {
		const ring = NodeKeyRing.generate(T0);
		const rotated = ring.rotate(T1);
		assert.notEqual(rotated.current.keyId, ring.current.keyId);
		assert.equal(rotated.current.createdAt, T1.toISOString());
		assert.deepEqual(
			rotated.retired.map((k) => [k.keyId, k.createdAt, k.retiredAt]),
			[[ring.current.keyId, T0.toISOString(), T1.toISOString()]],
		);
		assert.equal("privateKey" in (rotated.retired[0] ?? {}), false);
		assert.equal(rotated.verificationKey(ring.current.keyId)?.retiredAt, T1.toISOString());
		assert.equal(rotated.verificationKey(rotated.current.keyId)?.retiredAt, undefined);
		assert.equal(rotated.verificationKey("nope"), undefined);
		// The original ring is untouched.
		assert.equal(ring.retired.length, 0);
		assert.deepEqual(
			rotated.publicJwks().map((j) => j.kid),
			[rotated.current.keyId, ring.current.keyId],
		);
	});

	it("refuses a non-Ed25519 or public signing key", () => {
		const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
		assert.throws(() => NodeKeyRing.fromPrivateKey(rsa.privateKey), { code: "E_FEDERATION_KEY_INVALID" });
		const ed = generateKeyPairSync("ed25519");
		assert.throws(() => NodeKeyRing.fromPrivateKey(ed.publicKey), { code: "E_FEDERATION_KEY_INVALID" });
	});
});

describe("key ring files", () => {
	it("round-trips through PEM + JSON metadata", () => {
		const ring = NodeKeyRing.generate(T0).rotate(T1).rotate(new Date("2027-01-01T00:00:00Z"));
		const files = serializeKeyRing(ring);
		assert.match(files.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
		assert.doesNotMatch(files.metadataJson, /PRIVATE|"d"/);
		const back = parseKeyRing(files.privateKeyPem, files.metadataJson);
		assert.equal(back.current.keyId, ring.current.keyId);
		assert.equal(back.current.createdAt, ring.current.createdAt);
		assert.deepEqual(
			back.retired.map((k) => [k.keyId, k.createdAt, k.retiredAt]),
			ring.retired.map((k) => [k.keyId, k.createdAt, k.retiredAt]),
		);
		assert.deepEqual(serializeKeyRing(back), files);
	});

	it("reads a bare node-key.pem as a ring of one", () => {
		const { privateKey } = generateKeyPairSync("ed25519");
		const ring = parseKeyRing(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
		assert.equal(ring.current.keyId, keyIdOf(privateKey));
		assert.equal(ring.current.createdAt, undefined);
	});

	it("refuses metadata that does not match the PEM (e.g. a half-finished rotation)", () => {
		const before = serializeKeyRing(NodeKeyRing.generate(T0));
		const after = serializeKeyRing(parseKeyRing(before.privateKeyPem, before.metadataJson).rotate(T1));
		assert.throws(() => parseKeyRing(before.privateKeyPem, after.metadataJson), {
			code: "E_FEDERATION_KEY_RING_INVALID",
		});
		const tampered = JSON.parse(after.metadataJson);
		tampered.retired[0].kid = "x";
		assert.throws(() => parseKeyRing(after.privateKeyPem, JSON.stringify(tampered)), /retired\[0\]\.kid/);
		assert.throws(() => parseKeyRing(after.privateKeyPem, "{"), /not JSON/);
		assert.throws(() => parseKeyRing("not a pem"), { code: "E_FEDERATION_KEY_INVALID" });
	});
});
