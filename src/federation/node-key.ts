// The node's Ed25519 key pair: created by `entente init`, kept in the data directory, named by its fingerprint.
import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	type KeyObject,
} from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../errors/index.ts";

export const NODE_KEY_FILE = "node-key.pem";

export interface NodeKey {
	privateKey: KeyObject;
	publicKey: KeyObject;
	/** `SHA256:` + base64 of the SHA-256 of the raw public key, as partners compare it out of band. */
	fingerprint: string;
}

/** Creates a key pair and writes the private key (PKCS#8 PEM, mode 0600); fails if one exists. */
export function createNodeKey(dataDir: string): NodeKey {
	const path = join(dataDir, NODE_KEY_FILE);
	if (existsSync(path)) {
		throw new AppError("E_DATA_DIR_EXISTS", `${path} already exists; refusing to replace the node's key`);
	}
	const { privateKey, publicKey } = generateKeyPairSync("ed25519");
	writeFileSync(path, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
	return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

export function loadNodeKey(dataDir: string): NodeKey {
	const path = join(dataDir, NODE_KEY_FILE);
	if (!existsSync(path)) {
		throw new AppError(
			"E_DATA_DIR_MISSING",
			`${path} is missing; run 'entente init --data ${dataDir}' first`,
		);
	}
	const privateKey = createPrivateKey(readFileSync(path));
	const publicKey = createPublicKey(privateKey);
	return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

export function fingerprintOf(publicKey: KeyObject): string {
	const raw = publicKey.export({ format: "der", type: "spki" });
	return `SHA256:${createHash("sha256").update(raw).digest("base64").replace(/=+$/, "")}`;
}
