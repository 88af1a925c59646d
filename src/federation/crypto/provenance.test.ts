import assert from "node:assert/strict";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, it } from "node:test";
import { CompactSign, compactVerify, FlattenedSign } from "jose";
import type { StixObject } from "../../stix/core.ts";
import { fromPublicJwk } from "./jwk.ts";
import { NodeKeyRing } from "./key-ring.ts";
import {
	coveredCanonical,
	type ProvenanceSignature,
	signObject,
	signObjectAsync,
	verifyObjectAsync,
} from "./provenance.ts";

const INDICATOR: StixObject = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	created: "2026-03-01T10:00:00.000Z",
	modified: "2026-03-01T10:00:00.000Z",
	created_by_ref: "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
	pattern: "[ipv4-addr:value = '198.51.100.7']",
	pattern_type: "stix",
	valid_from: "2026-03-01T10:00:00Z",
	labels: ["c2", "ünïcode ✓"],
	confidence: 85,
};

const ring = NodeKeyRing.generate(new Date("2026-01-01T00:00:00Z"));
const resolve = (r: NodeKeyRing) => (kid: string) => r.verificationKey(kid)?.publicKey;

function reasonOf(verdict: Awaited<ReturnType<typeof verifyObjectAsync>>): string {
	return verdict.ok ? "ok" : verdict.reason;
}

describe("signObject / verifyObjectAsync", () => {
	const signature = signObject(INDICATOR, ring.current.privateKey, ring.current.keyId);

	it("is a detached EdDSA JWS naming the key", async () => {
		const header = JSON.parse(Buffer.from(signature.protected, "base64url").toString());
		assert.deepEqual(header, { alg: "EdDSA", kid: ring.current.keyId, typ: "entente-provenance+jws" });
		assert.equal(Buffer.from(signature.signature, "base64url").length, 64);
		assert.deepEqual(await verifyObjectAsync(INDICATOR, signature, resolve(ring)), {
			ok: true,
			keyId: ring.current.keyId,
			derivedFrom: undefined,
		});
	});

	it("ignores key order and any embedded x_entente_signatures (canonical JSON)", async () => {
		const reordered = Object.fromEntries(Object.entries(INDICATOR).reverse()) as StixObject;
		assert.equal(reasonOf(await verifyObjectAsync(reordered, signature, resolve(ring))), "ok");
		const carrying = { ...INDICATOR, x_entente_signatures: [signature] };
		assert.equal(reasonOf(await verifyObjectAsync(carrying, signature, resolve(ring))), "ok");
	});

	it("signs and verifies the same on libuv's pool (async variants, precomputed canonical JSON)", async () => {
		const pooled = await signObjectAsync(INDICATOR, ring.current.privateKey, ring.current.keyId, {
			canonical: coveredCanonical(INDICATOR),
		});
		assert.deepEqual(pooled, signature, "Ed25519 is deterministic: the same JWS");
		assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, signature, resolve(ring))), "ok");
		const tampered = { ...INDICATOR, confidence: 86 };
		assert.equal(reasonOf(await verifyObjectAsync(tampered, pooled, resolve(ring))), "bad-signature");
		assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, pooled, () => undefined)), "unknown-key");
	});

	it("refuses a tampered object: changed, added or removed property", async () => {
		const tampered: StixObject[] = [
			{ ...INDICATOR, pattern: "[ipv4-addr:value = '198.51.100.8']" },
			{ ...INDICATOR, confidence: 86 },
			{ ...INDICATOR, created_by_ref: "identity--00000000-0000-4000-8000-000000000000" },
			{ ...INDICATOR, x_extra: true },
			Object.fromEntries(Object.entries(INDICATOR).filter(([k]) => k !== "labels")) as StixObject,
		];
		for (const object of tampered)
			assert.equal(reasonOf(await verifyObjectAsync(object, signature, resolve(ring))), "bad-signature");
	});

	it("refuses a wrong key, an unknown key id and a malformed signature", async () => {
		const other = NodeKeyRing.generate(new Date());
		const forged = signObject(INDICATOR, other.current.privateKey, ring.current.keyId);
		assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, forged, resolve(ring))), "bad-signature");
		assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, signature, resolve(other))), "unknown-key");
		const header = (h: object) => Buffer.from(JSON.stringify(h)).toString("base64url");
		const malformed: ProvenanceSignature[] = [
			{ protected: "!!", signature: signature.signature },
			{
				protected: header({ alg: "none", kid: ring.current.keyId, typ: "entente-provenance+jws" }),
				signature: "",
			},
			{ protected: header({ alg: "EdDSA", kid: ring.current.keyId }), signature: signature.signature },
			{
				protected: header({
					alg: "EdDSA",
					kid: ring.current.keyId,
					typ: "entente-provenance+jws",
					crit: ["b64"],
					b64: false,
				}),
				signature: signature.signature,
			},
			{ protected: header([]), signature: signature.signature },
			{ protected: signature.protected, signature: `${signature.signature}==` }, // base64url has no padding
			{ protected: ` ${signature.protected}`, signature: signature.signature },
			null as unknown as ProvenanceSignature,
		];
		for (const s of malformed)
			assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, s, resolve(ring))), "malformed");
		// The same header re-encoded (other key order) is other bytes: the signature covers them.
		const swapped = {
			protected: header({ kid: ring.current.keyId, alg: "EdDSA", typ: "entente-provenance+jws" }),
			signature: signature.signature,
		};
		assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, swapped, resolve(ring))), "bad-signature");
	});

	it("signs a transformed copy with derived_from, which cannot be altered", async () => {
		const transformer = NodeKeyRing.generate(new Date());
		const copy = { ...INDICATOR, pattern: "[ipv4-addr:value = '203.0.113.0/24']" };
		const derivedFrom = { id: INDICATOR.id, version: INDICATOR.modified ?? "", signer: ring.current.keyId };
		const copySignature = signObject(copy, transformer.current.privateKey, transformer.current.keyId, {
			derivedFrom,
		});
		assert.deepEqual(await verifyObjectAsync(copy, copySignature, resolve(transformer)), {
			ok: true,
			keyId: transformer.current.keyId,
			derivedFrom,
		});
		const header = JSON.parse(Buffer.from(copySignature.protected, "base64url").toString());
		header.derived_from.version = "2026-01-01T00:00:00.000Z";
		const altered = {
			...copySignature,
			protected: Buffer.from(JSON.stringify(header)).toString("base64url"),
		};
		assert.equal(reasonOf(await verifyObjectAsync(copy, altered, resolve(transformer))), "bad-signature");
	});

	it("keeps old signatures valid after rotation; new ones carry the new key id", async () => {
		const before = signObject(INDICATOR, ring.current.privateKey, ring.current.keyId);
		const rotated = ring.rotate(new Date("2026-06-01T00:00:00Z"));
		assert.deepEqual(await verifyObjectAsync(INDICATOR, before, resolve(rotated)), {
			ok: true,
			keyId: ring.current.keyId,
			derivedFrom: undefined,
		});
		const after = signObject(INDICATOR, rotated.current.privateKey, rotated.current.keyId);
		const verdict = await verifyObjectAsync(INDICATOR, after, resolve(rotated));
		assert.equal(verdict.ok && verdict.keyId, rotated.current.keyId);
		assert.notEqual(rotated.current.keyId, ring.current.keyId);
		assert.equal(reasonOf(await verifyObjectAsync(INDICATOR, after, resolve(ring))), "unknown-key");
	});

	it("refuses to sign with anything but an Ed25519 private key", () => {
		const { publicKey } = generateKeyPairSync("ed25519");
		assert.throws(() => signObject(INDICATOR, publicKey, "k"), { code: "E_FEDERATION_KEY_INVALID" });
	});
});

describe("provenance is plain JWS (jose)", () => {
	it("signObject writes byte for byte what jose's FlattenedSign writes, derived_from included", async () => {
		const derivedFrom = { id: INDICATOR.id, version: "2026-01-01T00:00:00.000Z", signer: "kid-of-origin" };
		for (const options of [{}, { derivedFrom }]) {
			const ours = signObject(INDICATOR, ring.current.privateKey, ring.current.keyId, options);
			// The header in canonical member order (alg, derived_from, kid, typ) is what signObject encodes.
			const header = {
				alg: "EdDSA",
				...("derivedFrom" in options
					? { derived_from: { id: derivedFrom.id, signer: derivedFrom.signer, version: derivedFrom.version } }
					: {}),
				kid: ring.current.keyId,
				typ: "entente-provenance+jws",
			};
			const theirs = await new FlattenedSign(Buffer.from(coveredCanonical(INDICATOR)))
				.setProtectedHeader(header)
				.sign(ring.current.privateKey);
			assert.deepEqual(ours, { protected: theirs.protected, signature: theirs.signature });
		}
	});
});

// RFC 8037 Appendix A.1 (the Ed25519 key), A.4 (signing) and A.5 (validation).
const RFC8037_PRIVATE_JWK = {
	kty: "OKP",
	crv: "Ed25519",
	d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
	x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
};
const RFC8037_A4_JWS =
	"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

describe("RFC 8037 Appendix A (Ed25519 JWS)", () => {
	const privateKey = createPrivateKey({ key: RFC8037_PRIVATE_JWK, format: "jwk" });
	const { keyId, publicKey } = fromPublicJwk({ kty: "OKP", crv: "Ed25519", x: RFC8037_PRIVATE_JWK.x });

	it("A.4: signing 'Example of Ed25519 signing' gives the RFC's JWS exactly", async () => {
		const jws = await new CompactSign(new TextEncoder().encode("Example of Ed25519 signing"))
			.setProtectedHeader({ alg: "EdDSA" })
			.sign(privateKey);
		assert.equal(jws, RFC8037_A4_JWS);
		assert.equal(keyId, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
	});

	it("A.5: the RFC's JWS validates with the public key as fromPublicJwk imports it, and a changed one does not", async () => {
		const { payload, protectedHeader } = await compactVerify(RFC8037_A4_JWS, publicKey, {
			algorithms: ["EdDSA"],
		});
		assert.equal(new TextDecoder().decode(payload), "Example of Ed25519 signing");
		assert.deepEqual(protectedHeader, { alg: "EdDSA" });
		const [head, body, sig] = RFC8037_A4_JWS.split(".");
		const flipped = `${head}.${body}.${sig?.startsWith("h") ? `i${sig.slice(1)}` : sig}`;
		await assert.rejects(compactVerify(flipped, publicKey, { algorithms: ["EdDSA"] }), {
			code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
		});
	});
});
