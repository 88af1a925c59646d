// Ed25519 public keys as JWKs (RFC 8037) for partners, and Entente's key id: the RFC 7638 thumbprint.
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import { canonicalJson } from "../../stix/ids/index.ts";

/** An Ed25519 public key as a JWK (RFC 8037 §2), with its key id and intended use. */
export interface Ed25519PublicJwk {
	kty: "OKP";
	crv: "Ed25519";
	/** The 32-byte public key, base64url without padding. */
	x: string;
	kid: string;
	use: "sig";
	alg: "EdDSA";
}

/**
 * The key id of an Ed25519 public key: its RFC 7638 JWK thumbprint (base64url SHA-256 of
 * `{"crv":"Ed25519","kty":"OKP","x":…}`, RFC 8037 §2). Any JOSE library recomputes it from the JWK,
 * so a partner can check that an id names the key it claims to.
 * @example keyIdOf(publicKey) // "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" for RFC 8037 A.2's key
 */
export function keyIdOf(publicKey: KeyObject): string {
	return thumbprint(rawPublicKey(publicKey));
}

/** The raw 32 public key bytes, base64url (the JWK `x`). */
export function rawPublicKey(publicKey: KeyObject): string {
	const key = publicKey.type === "private" ? createPublicKey(publicKey) : publicKey;
	if (key.asymmetricKeyType !== "ed25519") {
		throw new AppError("E_FEDERATION_KEY_INVALID", `expected an Ed25519 key, got ${key.asymmetricKeyType}`);
	}
	const jwk = key.export({ format: "jwk" });
	if (typeof jwk.x !== "string") throw new AppError("E_FEDERATION_KEY_INVALID", "Ed25519 key without x");
	return jwk.x;
}

/** Exports a public (or the public half of a private) Ed25519 key as a JWK for partners. */
export function toPublicJwk(publicKey: KeyObject): Ed25519PublicJwk {
	const x = rawPublicKey(publicKey);
	return { kty: "OKP", crv: "Ed25519", x, kid: thumbprint(x), use: "sig", alg: "EdDSA" };
}

/**
 * Imports one partner JWK: it must be an Ed25519 public key (a JWK holding `d`, a private key, is
 * refused rather than silently stripped: someone is leaking it), and a `kid`, when given, must be
 * the key's thumbprint. Returns the key id and key.
 */
export function fromPublicJwk(input: unknown): { keyId: string; publicKey: KeyObject } {
	if (typeof input !== "object" || input === null || Array.isArray(input)) invalid("a JWK must be an object");
	const jwk = input as Record<string, unknown>;
	if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519") invalid("only OKP/Ed25519 keys are accepted");
	if ("d" in jwk) invalid("the JWK holds a private key (d); send only the public key");
	if (typeof jwk.x !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(jwk.x))
		invalid("x must be 32 bytes, base64url");
	if (jwk.use !== undefined && jwk.use !== "sig") invalid(`use ${JSON.stringify(jwk.use)} is not "sig"`);
	if (jwk.alg !== undefined && jwk.alg !== "EdDSA") invalid(`alg ${JSON.stringify(jwk.alg)} is not "EdDSA"`);
	const keyId = thumbprint(jwk.x);
	if (jwk.kid !== undefined && jwk.kid !== keyId)
		invalid(`kid ${JSON.stringify(jwk.kid)} is not the key's thumbprint`);
	let publicKey: KeyObject;
	try {
		publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
	} catch (error) {
		return invalid(`not a valid Ed25519 public key: ${(error as Error).message}`);
	}
	return { keyId, publicKey };
}

/**
 * Imports a partner's JWK Set (`{ "keys": [...] }`, RFC 7517 §5) into a key id → key map.
 * Throws E_FEDERATION_JWK_INVALID naming the first bad entry by index.
 */
export function importJwkSet(input: unknown): Map<string, KeyObject> {
	const keys = (input as { keys?: unknown } | null)?.keys;
	if (!Array.isArray(keys)) invalid('a JWK Set must be an object with a "keys" array');
	const out = new Map<string, KeyObject>();
	keys.forEach((entry, index) => {
		try {
			const { keyId, publicKey } = fromPublicJwk(entry);
			out.set(keyId, publicKey);
		} catch (error) {
			if (error instanceof AppError) invalid(`keys[${index}]: ${error.message}`);
			throw error;
		}
	});
	return out;
}

function thumbprint(x: string): string {
	const members = canonicalJson({ crv: "Ed25519", kty: "OKP", x });
	return createHash("sha256").update(members).digest("base64url");
}

function invalid(message: string): never {
	throw new AppError("E_FEDERATION_JWK_INVALID", message);
}
