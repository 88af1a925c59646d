// POST /federation/v1/keys: a peer announces its rotated key. The request must be signed by a current
// (not retired) key we hold for that peer, and the transition names that key as the one it replaces and
// is signed by the new key; the new key becomes the peer's current key, the old one is kept, retired.
import type { Context } from "hono";
import { AppError } from "../errors/index.ts";
import { parseJson } from "../json/index.ts";
import type { PeerRecord } from "../store/index.ts";
import { readKeyTransition } from "./key-transition.ts";
import { keyIdOfJwk, type PeerKeyIndex, RETIRED_AT_MEMBER } from "./peer-keys.ts";
import { authenticatePeer } from "./peer-request.ts";
import {
	checkBodyDigest,
	type FederationServerDependencies,
	HANDSHAKE_BODY_LIMIT,
	readFederationBody,
	refuse,
	signedJson,
} from "./server-context.ts";

/** Handles one key transition; see docs/federation.md "Key rotation". */
export async function handleKeyTransition(
	deps: FederationServerDependencies,
	context: Context,
	keyIndex: () => Promise<PeerKeyIndex>,
): Promise<Response> {
	// The signature over the headers first: nothing of the body is read for an unknown sender.
	const index = await keyIndex();
	const authenticated = await authenticatePeer(deps, context, undefined, index);
	if (authenticated instanceof Response) return authenticated;
	const { peer, keyId } = authenticated;
	const body = await readFederationBody(deps, context, HANDSHAKE_BODY_LIMIT, "authenticated", {
		peer: peer.name,
	});
	if (body instanceof Response) return body;
	const digestRefusal = checkBodyDigest(deps, context, body, { peer: peer.name });
	if (digestRefusal !== undefined) return digestRefusal;
	let read: ReturnType<typeof readKeyTransition>;
	try {
		read = readKeyTransition(parseJson(body, { ...deps.limits, maxBytes: HANDSHAKE_BODY_LIMIT }));
	} catch (error) {
		const reason = error instanceof AppError ? error.message : "unreadable key transition";
		return refuse(deps, context, body, 400, { class: "protocol", reason }, { peer: peer.name });
	}
	const { transition } = read;
	if (transition.node !== peer.name || transition.previousKeyId !== keyId) {
		return refuse(
			deps,
			context,
			body,
			403,
			{
				class: "authorisation",
				reason: "a key transition must name the sending peer and the key that signed the request",
			},
			{ peer: peer.name },
		);
	}
	const owner = index.get(transition.keyId)?.peer;
	if (owner !== undefined && owner.name !== peer.name) {
		return refuse(
			deps,
			context,
			body,
			409,
			{ class: "authorisation", reason: "the new key is already held by another peer" },
			{ peer: peer.name },
		);
	}
	const now = deps.clock().toISOString();
	const others = peer.keys.filter((jwk) => keyIdOfJwk(jwk) !== transition.keyId);
	const updated: PeerRecord = {
		...peer,
		keys: [
			{ ...transition.jwk },
			...others.map((jwk) =>
				keyIdOfJwk(jwk) === transition.previousKeyId && jwk[RETIRED_AT_MEMBER] === undefined
					? { ...jwk, [RETIRED_AT_MEMBER]: now }
					: jwk,
			),
		],
		updatedAt: now,
	};
	await deps.store.putPeer(updated);
	deps.logger.info(
		{ peer: peer.name, previousKeyId: transition.previousKeyId, keyId: transition.keyId },
		"federation: peer rotated its key",
	);
	deps.onPeerChanged?.(peer.name);
	return signedJson(deps, context, body, 200, {
		node: deps.nodeName,
		peer: peer.name,
		keyId: transition.keyId,
	});
}
