// Resolving key ids to peers: every key a peer presented (current and retired) names that peer.
import type { KeyObject } from "node:crypto";
import type { PeerRecord } from "../store/index.ts";
import { fromPublicJwk } from "./crypto/index.ts";

/** Key id → the peer that holds it and the public key. */
export type PeerKeyIndex = Map<string, { peer: PeerRecord; key: KeyObject }>;

/**
 * A cached index over the peers' JWKs: rebuilt only when a peer record changed (by `updatedAt`), so a
 * request costs a map lookup. A peer JWK that fails to import is skipped (it can never verify).
 */
export function peerKeyCache(): (peers: readonly PeerRecord[]) => PeerKeyIndex {
	let signature = "";
	let index: PeerKeyIndex = new Map();
	return (peers) => {
		const current = peers.map((p) => `${p.name}@${p.updatedAt}#${p.status}`).join("|");
		if (current === signature) return index;
		const next: PeerKeyIndex = new Map();
		for (const peer of peers) for (const [keyId, key] of keysOf(peer)) next.set(keyId, { peer, key });
		index = next;
		signature = current;
		return index;
	};
}

/** One peer's keys by id. */
export function keysOf(peer: PeerRecord): Map<string, KeyObject> {
	const keys = new Map<string, KeyObject>();
	for (const jwk of peer.keys) {
		try {
			const { keyId, publicKey } = fromPublicJwk(jwk);
			keys.set(keyId, publicKey);
		} catch {
			// skipped: cannot verify anything
		}
	}
	return keys;
}
