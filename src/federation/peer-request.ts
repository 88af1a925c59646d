// The first step of every signed peer route: the request is signed by a current key of an active peer.
import type { Context } from "hono";
import type { PeerRecord } from "../store/index.ts";
import { classOfSignatureFailure } from "./failure.ts";
import type { PeerKeyIndex } from "./peer-keys.ts";
import { type FederationServerDependencies, refuse, verifyIncoming } from "./server-context.ts";

/**
 * The peer whose current (not retired) key signed this request, with that key id; or the refusal to send
 * (401 for a bad or unknown signature, 403 for a peer that is not an active Entente node).
 */
export function authenticatePeer(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array,
	index: PeerKeyIndex,
): { peer: PeerRecord; keyId: string } | Response {
	// Transport accepts only keys the peer has not retired; provenance checks accept both.
	const verdict = verifyIncoming(deps, context, body, (keyId) => {
		const entry = index.get(keyId);
		return entry?.retired === false ? entry.key : undefined;
	});
	if (!verdict.ok) {
		return refuse(deps, context, body, 401, {
			class: classOfSignatureFailure(verdict.reason),
			reason: `${verdict.reason}: ${verdict.detail}`,
		});
	}
	const peer = index.get(verdict.keyId)?.peer;
	if (peer === undefined)
		return refuse(deps, context, body, 401, { class: "signature", reason: "unknown key" });
	if (peer.status !== "active" || peer.kind !== "entente") {
		return refuse(
			deps,
			context,
			body,
			403,
			{ class: "authorisation", reason: `peer ${peer.name} is ${peer.status}` },
			{ peer: peer.name },
		);
	}
	return { peer, keyId: verdict.keyId };
}
