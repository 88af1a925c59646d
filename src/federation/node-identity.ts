// The node's signing identity on disk: node-key.pem (what `entente init` writes) plus the key ring's
// public history in node-keys.json, loaded, written crash-safely and rotated.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors/index.ts";
import { NodeKeyRing, parseKeyRing, serializeKeyRing } from "./crypto/index.ts";
import { fingerprintOf, NODE_KEY_FILE } from "./node-key.ts";

export const KEY_RING_FILE = "node-keys.json";

/** What an operator compares out of band: the key id (JWK thumbprint) and the SPKI fingerprint. */
export interface KeyIdentity {
	keyId: string;
	fingerprint: string;
	createdAt?: string;
}

/**
 * Loads the node's key ring. A data directory from before key rings (no node-keys.json) gives a ring of
 * one; `entente init` and `keys rotate` write the metadata.
 * @throws AppError E_DATA_DIR_MISSING without node-key.pem, E_FEDERATION_KEY_RING_INVALID on a mismatch.
 */
export function loadKeyRing(dataDir: string): NodeKeyRing {
	const pemPath = join(dataDir, NODE_KEY_FILE);
	if (!existsSync(pemPath)) {
		throw new AppError(
			"E_DATA_DIR_MISSING",
			`${pemPath} is missing; run 'entente init --data ${dataDir}' first`,
		);
	}
	const metaPath = join(dataDir, KEY_RING_FILE);
	return parseKeyRing(
		readFileSync(pemPath, "utf8"),
		existsSync(metaPath) ? readFileSync(metaPath, "utf8") : undefined,
	);
}

/**
 * Writes a ring as serializeKeyRing advises: both files to temporary names with fsync, then the
 * metadata renamed first, so a crash in between is detected at the next load (the PEM's key id is not
 * the one the metadata names) rather than silently losing the retired key.
 */
export function saveKeyRing(dataDir: string, ring: NodeKeyRing): void {
	const files = serializeKeyRing(ring);
	const metaPath = join(dataDir, KEY_RING_FILE);
	const pemPath = join(dataDir, NODE_KEY_FILE);
	writeDurably(`${metaPath}.tmp`, files.metadataJson, 0o644);
	writeDurably(`${pemPath}.tmp`, files.privateKeyPem, 0o600);
	renameSync(`${metaPath}.tmp`, metaPath);
	renameSync(`${pemPath}.tmp`, pemPath);
}

/** Writes the ring metadata for the existing node key (init, or a node from before key rings). */
export function writeRingMetadata(dataDir: string, createdAt: Date): NodeKeyRing {
	const ring = loadKeyRing(dataDir);
	const dated =
		ring.current.createdAt === undefined
			? new NodeKeyRing({ ...ring.current, createdAt: createdAt.toISOString() }, ring.retired)
			: ring;
	saveKeyRing(dataDir, dated);
	return dated;
}

/** Rotates: a new current key; the old one keeps only its public half and still verifies. */
export function rotateKeyRing(dataDir: string, now: Date): { before: NodeKeyRing; after: NodeKeyRing } {
	const before = loadKeyRing(dataDir);
	const after = before.rotate(now);
	saveKeyRing(dataDir, after);
	return { before, after };
}

/** The current key as an operator compares it. */
export function identityOf(ring: NodeKeyRing): KeyIdentity {
	const identity: KeyIdentity = {
		keyId: ring.current.keyId,
		fingerprint: fingerprintOf(ring.current.publicKey),
	};
	if (ring.current.createdAt !== undefined) identity.createdAt = ring.current.createdAt;
	return identity;
}

function writeDurably(path: string, text: string, mode: number): void {
	const fd = openSync(path, "w", mode);
	try {
		writeSync(fd, text);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}
