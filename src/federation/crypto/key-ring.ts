// A node's signing keys over time: one current Ed25519 key that signs, and retired public keys that
// still verify what was signed before a rotation.
import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import { type Ed25519PublicJwk, keyIdOf, toPublicJwk } from "./jwk.ts";

/** The key that signs: its id, both halves, and when it became current (ISO 8601) if known. */
export interface SigningKey {
	keyId: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
	/** Absent for a key from before key rings (a bare node-key.pem). */
	createdAt?: string;
}

/**
 * A key that no longer signs. Only the public half is kept: a retired private key has no use left, and
 * destroying it means a later theft of the key files cannot forge signatures under the old id.
 */
export interface RetiredKey {
	keyId: string;
	publicKey: KeyObject;
	createdAt?: string;
	retiredAt: string;
}

/**
 * Immutable: `rotate()` returns a new ring. Look keys up with {@link NodeKeyRing.verificationKey};
 * publish {@link NodeKeyRing.publicJwks} to partners.
 * @example
 * let ring = NodeKeyRing.fromPrivateKey(loadNodeKey(dir).privateKey, createdAt);
 * ring = ring.rotate(new Date()); // old signatures still verify through ring.verificationKey(oldId)
 */
export class NodeKeyRing {
	readonly current: SigningKey;
	readonly retired: readonly RetiredKey[];

	constructor(current: SigningKey, retired: readonly RetiredKey[] = []) {
		const ids = new Set([current.keyId]);
		for (const key of retired) {
			if (ids.has(key.keyId))
				throw new AppError("E_FEDERATION_KEY_RING_INVALID", `key ${key.keyId} appears twice`);
			ids.add(key.keyId);
		}
		this.current = current;
		this.retired = Object.freeze([...retired]);
		Object.freeze(this);
	}

	/** A ring holding one freshly generated key. */
	static generate(now: Date): NodeKeyRing {
		return NodeKeyRing.fromPrivateKey(generateKeyPairSync("ed25519").privateKey, now.toISOString());
	}

	/** A ring around an existing private key (e.g. the node-key.pem `entente init` wrote). */
	static fromPrivateKey(privateKey: KeyObject, createdAt?: string): NodeKeyRing {
		return new NodeKeyRing(signingKey(privateKey, createdAt));
	}

	/**
	 * A new ring whose current key is `next` (default: freshly generated) and whose retired keys are
	 * this ring's, plus this ring's current key retired at `now`. This ring is unchanged.
	 */
	rotate(now: Date, next: KeyObject = generateKeyPairSync("ed25519").privateKey): NodeKeyRing {
		const at = now.toISOString();
		const { privateKey: _destroyed, ...kept } = this.current;
		return new NodeKeyRing(signingKey(next, at), [...this.retired, { ...kept, retiredAt: at }]);
	}

	/**
	 * The public key for a key id, current or retired, or undefined. Callers that should accept only
	 * recent keys (transport signatures) can check `retiredAt`.
	 */
	verificationKey(keyId: string): { publicKey: KeyObject; retiredAt?: string } | undefined {
		if (keyId === this.current.keyId) return { publicKey: this.current.publicKey };
		const retired = this.retired.find((key) => key.keyId === keyId);
		return retired === undefined ? undefined : { publicKey: retired.publicKey, retiredAt: retired.retiredAt };
	}

	/** Every public key, current first, as JWKs for partners (wrap as `{ keys }` for a JWK Set). */
	publicJwks(): Ed25519PublicJwk[] {
		return [this.current.publicKey, ...this.retired.map((key) => key.publicKey)].map(toPublicJwk);
	}
}

function signingKey(privateKey: KeyObject, createdAt: string | undefined): SigningKey {
	if (privateKey.type !== "private" || privateKey.asymmetricKeyType !== "ed25519") {
		throw new AppError("E_FEDERATION_KEY_INVALID", "a node's signing key must be an Ed25519 private key");
	}
	const publicKey = createPublicKey(privateKey);
	const key: SigningKey = { keyId: keyIdOf(publicKey), privateKey, publicKey };
	if (createdAt !== undefined) key.createdAt = createdAt;
	return key;
}
