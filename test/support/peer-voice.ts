// Speaking as a peer node in tests: a partner node that never serves, introduced to a served node as any peer is,
// whose signed pushes the test writes itself with the peer's own keys (a hostile node signs like an honest one).
import assert from "node:assert/strict";
import {
	loadKeyRing,
	type NodeKeyRing,
	PUSH_PATH,
	signObject,
	signRequest,
} from "../../src/federation/index.ts";
import type { StixObject } from "../../src/stix/core.ts";
import type { TestNode } from "./federation-net.ts";

/**
 * Makes `peer` a peer of the served `node` under `agreement` (invite, then accept with an address that never
 * answers: the peer does not serve) and returns the peer's key ring.
 */
export async function silentPeer(node: TestNode, peer: TestNode, agreement: string): Promise<NodeKeyRing> {
	const invite = JSON.parse(await node.entente("peers", "invite", "--agreement", agreement, "--json")) as {
		invitation: string;
	};
	await peer.entente("peers", "accept", invite.invitation, "--url", "http://127.0.0.1:9");
	return loadKeyRing(peer.data);
}

/** The headers of a POST of `body` to `url` signed with `ring`'s current key (RFC 9421, created now). */
export function signedHeaders(
	url: string,
	body: string | Uint8Array,
	ring: NodeKeyRing,
	created = Math.floor(Date.now() / 1000),
): Record<string, string> {
	const headers: Record<string, string> = { "content-type": "application/json" };
	return {
		...headers,
		...signRequest({ method: "POST", url, headers, body }, ring.current.privateKey, {
			keyId: ring.current.keyId,
			created,
		}),
	};
}

/** A push item: the object with its provenance signed by `ring`, sent as coming from `origin`. */
export function signedItem(object: StixObject, origin: string, ring: NodeKeyRing): Record<string, unknown> {
	return { object, provenance: signObject(object, ring.current.privateKey, ring.current.keyId), origin };
}

/** Posts `body` to the push route at `baseUrl`, signed with `ring`; the status and the parsed answer. */
export async function sendPush(
	baseUrl: string,
	body: string,
	ring: NodeKeyRing,
): Promise<{ status: number; answer: unknown }> {
	const url = `${baseUrl}${PUSH_PATH}`;
	const response = await fetch(url, { method: "POST", headers: signedHeaders(url, body, ring), body });
	const text = await response.text();
	return { status: response.status, answer: text === "" ? undefined : JSON.parse(text) };
}

/** Pushes `items` to the node at `baseUrl` as `ring`'s node; fails unless accepted (200); the per-item results. */
export async function pushItems<T = { status: string; reason?: string }>(
	baseUrl: string,
	items: readonly unknown[],
	ring: NodeKeyRing,
): Promise<T[]> {
	const { status, answer } = await sendPush(baseUrl, JSON.stringify({ items }), ring);
	assert.equal(status, 200, JSON.stringify(answer));
	return (answer as { results?: T[] }).results ?? [];
}
