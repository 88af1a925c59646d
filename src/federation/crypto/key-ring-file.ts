// The key ring on disk: the current private key as PKCS#8 PEM (the file `entente init` already
// writes) and a JSON document with the public history. Pure functions; the caller does the file I/O.
import { createPrivateKey, type KeyObject } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import { fromPublicJwk, toPublicJwk } from "./jwk.ts";
import { NodeKeyRing, type RetiredKey } from "./key-ring.ts";

/** The two texts a ring is saved as. Write the PEM with mode 0600; the metadata holds no secret. */
export interface KeyRingFiles {
	privateKeyPem: string;
	metadataJson: string;
}

const FORMAT = "entente-key-ring";

/**
 * Serializes a ring. To rotate safely, write the new metadata and PEM to temporary names, fsync, then
 * rename the metadata first: {@link parseKeyRing} refuses a PEM whose key id the metadata does not name,
 * so a crash between the renames is detected instead of silently losing the retired key.
 */
export function serializeKeyRing(ring: NodeKeyRing): KeyRingFiles {
	const metadata = {
		format: FORMAT,
		version: 1,
		current: { kid: ring.current.keyId, created_at: ring.current.createdAt },
		retired: ring.retired.map((key) => ({
			kid: key.keyId,
			created_at: key.createdAt,
			retired_at: key.retiredAt,
			jwk: toPublicJwk(key.publicKey),
		})),
	};
	return {
		privateKeyPem: ring.current.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
		metadataJson: `${JSON.stringify(metadata, null, 2)}\n`,
	};
}

/**
 * Reads a ring back. Without metadata (a node from before key rings) the PEM alone is a ring of one.
 * Throws E_FEDERATION_KEY_INVALID for a bad PEM and E_FEDERATION_KEY_RING_INVALID for metadata that is
 * malformed or does not match the PEM.
 */
export function parseKeyRing(privateKeyPem: string, metadataJson?: string): NodeKeyRing {
	let privateKey: KeyObject;
	try {
		privateKey = createPrivateKey(privateKeyPem);
	} catch (error) {
		throw new AppError("E_FEDERATION_KEY_INVALID", "the node key is not a PEM private key", { cause: error });
	}
	if (metadataJson === undefined) return NodeKeyRing.fromPrivateKey(privateKey);

	let metadata: Record<string, unknown>;
	try {
		metadata = JSON.parse(metadataJson);
	} catch (error) {
		return bad(`metadata is not JSON: ${(error as Error).message}`);
	}
	if (metadata?.format !== FORMAT || metadata.version !== 1) bad(`metadata is not ${FORMAT} version 1`);
	const current = record(metadata.current, "current");
	const ring = NodeKeyRing.fromPrivateKey(
		privateKey,
		optionalString(current.created_at, "current.created_at"),
	);
	if (current.kid !== ring.current.keyId) {
		bad(`the private key is ${ring.current.keyId} but the metadata names ${String(current.kid)} as current`);
	}
	if (!Array.isArray(metadata.retired)) bad("retired must be an array");
	const retired = metadata.retired.map((entry: unknown, index: number): RetiredKey => {
		const at = `retired[${index}]`;
		const fields = record(entry, at);
		let imported: ReturnType<typeof fromPublicJwk>;
		try {
			imported = fromPublicJwk(fields.jwk);
		} catch (error) {
			return bad(`${at}.jwk: ${(error as Error).message}`);
		}
		if (fields.kid !== imported.keyId) bad(`${at}.kid does not match its jwk`);
		if (typeof fields.retired_at !== "string") bad(`${at}.retired_at must be a string`);
		const key: RetiredKey = {
			keyId: imported.keyId,
			publicKey: imported.publicKey,
			retiredAt: fields.retired_at,
		};
		const createdAt = optionalString(fields.created_at, `${at}.created_at`);
		if (createdAt !== undefined) key.createdAt = createdAt;
		return key;
	});
	return new NodeKeyRing(ring.current, retired);
}

function record(value: unknown, at: string): Record<string, unknown> {
	if (typeof value !== "object" || value === null || Array.isArray(value)) bad(`${at} must be an object`);
	return value as Record<string, unknown>;
}

function optionalString(value: unknown, at: string): string | undefined {
	if (value !== undefined && typeof value !== "string") bad(`${at} must be a string`);
	return value;
}

function bad(message: string): never {
	throw new AppError("E_FEDERATION_KEY_RING_INVALID", `key ring metadata: ${message}`);
}
