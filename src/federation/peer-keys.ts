// Resolving key ids to peers: every key a peer presented (current and retired) names that peer.
import type { KeyObject } from "node:crypto";
import type { PeerRecord } from "../store/index.ts";
import { fromPublicJwk } from "./crypto/index.ts";

/** The member a receiver adds to a peer JWK the peer retired: still verifies provenance, no longer transport. */
export const RETIRED_AT_MEMBER = "x_entente_retired_at";

/**
 * Key id → the peer that holds it, the public key, and whether the peer retired it (a retired key still
 * verifies provenance signatures made before the rotation, but no longer authenticates requests).
 */
export type PeerKeyIndex = Map<string, { peer: PeerRecord; key: KeyObject; retired: boolean }>;

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
		for (const peer of peers) {
			const retired = retiredKeyIds(peer);
			for (const [keyId, key] of keysOf(peer)) next.set(keyId, { peer, key, retired: retired.has(keyId) });
		}
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

/** The ids of the keys a peer retired by a key transition (marked with `x_entente_retired_at`). */
export function retiredKeyIds(peer: PeerRecord): Set<string> {
	const ids = new Set<string>();
	for (const jwk of peer.keys) {
		if (typeof jwk[RETIRED_AT_MEMBER] !== "string") continue;
		const keyId = keyIdOfJwk(jwk);
		if (keyId !== undefined) ids.add(keyId);
	}
	return ids;
}

/** A stored JWK's key id (its thumbprint), or undefined when it does not import. */
export function keyIdOfJwk(jwk: Record<string, unknown>): string | undefined {
	try {
		return fromPublicJwk(jwk).keyId;
	} catch {
		return undefined;
	}
}
