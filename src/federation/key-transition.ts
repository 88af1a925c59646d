// Key rotation that peers learn without re-onboarding: a key-transition message naming the new key,
// signed over its body by the NEW key (possession) and sent as an RFC 9421 request signed by the OLD
// key (continuity: only the holder of a key the peer already trusts can introduce its successor).
import { type KeyObject, sign, verify } from "node:crypto";
import { AppError } from "../errors/index.ts";
import type { Logger } from "../log/index.ts";
import { canonicalJson } from "../stix/ids/index.ts";
import type { Store } from "../store/index.ts";
import type { Clock } from "./clock.ts";
import { type Ed25519PublicJwk, fromPublicJwk, type NodeKeyRing, toPublicJwk } from "./crypto/index.ts";
import { failureOfStatus, PeerFailure } from "./failure.ts";
import { keysOf } from "./peer-keys.ts";
import { type FederationClientTls, sendSigned } from "./transport.ts";
import { KEYS_PATH } from "./wire.ts";

const SIGNING_DOMAIN = "entente-key-transition-v1\n";

/** What a rotating node sends each peer. `signature` is the new key's Ed25519 signature (base64url). */
export interface KeyTransition {
	v: 1;
	node: string;
	previousKeyId: string;
	keyId: string;
	jwk: Ed25519PublicJwk;
	/** When the rotation happened (ISO 8601). */
	at: string;
	signature: string;
}

/** The bytes the new key signs: a domain tag and the RFC 8785 canonical JSON of every other member. */
function signingBytes(t: Omit<KeyTransition, "signature">): Buffer {
	const { v, node, previousKeyId, keyId, jwk, at } = t;
	return Buffer.from(SIGNING_DOMAIN + canonicalJson({ v, node, previousKeyId, keyId, jwk, at }));
}

/** The transition from `before`'s current key to `after`'s, signed by the new key. */
export function makeKeyTransition(nodeName: string, before: NodeKeyRing, after: NodeKeyRing): KeyTransition {
	const body: Omit<KeyTransition, "signature"> = {
		v: 1,
		node: nodeName,
		previousKeyId: before.current.keyId,
		keyId: after.current.keyId,
		jwk: toPublicJwk(after.current.publicKey),
		at: after.current.createdAt ?? new Date().toISOString(),
	};
	const signature = sign(null, signingBytes(body), after.current.privateKey).toString("base64url");
	return { ...body, signature };
}

/**
 * Reads a received transition and checks the new key's signature over it. The caller checks the
 * request was signed by `previousKeyId`, a key it holds for `node`.
 * @throws AppError E_FEDERATION_KEY_TRANSITION_INVALID naming what is wrong.
 */
export function readKeyTransition(input: unknown): { transition: KeyTransition; publicKey: KeyObject } {
	const t = input as Partial<KeyTransition> | null;
	if (typeof t !== "object" || t === null || Array.isArray(t)) invalid("a key transition must be an object");
	if (t.v !== 1) invalid(`unsupported key transition version ${JSON.stringify(t.v)}`);
	for (const name of ["node", "previousKeyId", "keyId", "at", "signature"] as const) {
		if (typeof t[name] !== "string" || t[name].length === 0 || t[name].length > 400)
			invalid(`${name} must be a non-empty string`);
	}
	let imported: ReturnType<typeof fromPublicJwk>;
	try {
		imported = fromPublicJwk(t.jwk);
	} catch (error) {
		return invalid(`jwk: ${(error as Error).message}`);
	}
	const transition = t as KeyTransition;
	if (imported.keyId !== transition.keyId) invalid("keyId is not the new key's thumbprint");
	if (transition.keyId === transition.previousKeyId) invalid("the new key is the previous key");
	const jwk = toPublicJwk(imported.publicKey);
	const ok = verify(
		null,
		signingBytes({ ...transition, jwk }),
		imported.publicKey,
		Buffer.from(transition.signature, "base64url"),
	);
	if (!ok) invalid("the transition is not signed by the new key");
	return { transition: { ...transition, jwk }, publicKey: imported.publicKey };
}

export interface AnnounceResult {
	peer: string;
	ok: boolean;
	detail: string;
}

/**
 * Sends the transition to every active Entente peer, each request signed by `before`'s (old) key over
 * `self.tls`, and checks each answer against the keys held for that peer. Never throws: each peer's
 * outcome is returned.
 */
export async function announceKeyRotation(
	self: {
		store: Store;
		nodeName: string;
		clock: Clock;
		tls: FederationClientTls | undefined;
		logger?: Logger;
	},
	before: NodeKeyRing,
	after: NodeKeyRing,
	timeoutMs = 15_000,
): Promise<AnnounceResult[]> {
	const transition = makeKeyTransition(self.nodeName, before, after);
	const peers = (await self.store.listPeers()).filter((p) => p.kind === "entente" && p.status === "active");
	return Promise.all(
		peers.map(async (peer): Promise<AnnounceResult> => {
			const keys = keysOf(peer);
			try {
				const exchange = await sendSigned({
					url: `${peer.url}${KEYS_PATH}`,
					body: JSON.stringify(transition),
					ring: before,
					clock: self.clock,
					peerKey: (keyId) => keys.get(keyId),
					maxResponseBytes: 64 * 1024,
					timeoutMs,
					tls: self.tls,
				});
				if (exchange.status !== 200) throw failureOfStatus(exchange.status, exchange.json);
				if (exchange.verdict?.ok !== true)
					throw new PeerFailure("signature", "the peer's answer is not signed by a key it holds");
				self.logger?.info(
					{ peer: peer.name, keyId: transition.keyId },
					"federation: peer learned the new key",
				);
				return { peer: peer.name, ok: true, detail: "accepted the new key" };
			} catch (error) {
				const detail =
					error instanceof PeerFailure ? `${error.failureClass}: ${error.message}` : String(error);
				self.logger?.warn({ peer: peer.name, detail }, "federation: peer did not learn the new key");
				return { peer: peer.name, ok: false, detail };
			}
		}),
	);
}

function invalid(message: string): never {
	throw new AppError("E_FEDERATION_KEY_TRANSITION_INVALID", message);
}
