// POST /federation/v1/push: verify the request signature over the headers (key id → peer) before a byte
// of the body is read, read the body under the node's budget and check its digest, then the inbox judges
// and stores each item; the signed acknowledgement is sent only after the durable commit.
import type { Context } from "hono";
import { AppError, isAppError } from "../errors/index.ts";
import { parseJson } from "../json/index.ts";
import { partyDirectory, receivePush } from "./inbox.ts";
import type { PeerKeyIndex } from "./peer-keys.ts";
import { authenticatePeer } from "./peer-request.ts";
import { OutOfOrderPush, type PushSequencer } from "./push-order.ts";
import {
	checkBodyDigest,
	type FederationServerDependencies,
	readFederationBody,
	refuse,
	signedJson,
} from "./server-context.ts";
import { type PushResponse, readPushBody } from "./wire.ts";

/** Handles one push; `keyIndex` resolves key ids to peers; `sequencer` keeps pipelined pushes in order. */
export async function handlePush(
	deps: FederationServerDependencies,
	context: Context,
	keyIndex: () => Promise<PeerKeyIndex>,
	sequencer: PushSequencer,
): Promise<Response> {
	const empty = new Uint8Array();
	if ((context.req.header("content-encoding") ?? "identity").toLowerCase() !== "identity") {
		return refuse(deps, context, empty, 415, {
			class: "protocol",
			reason: "compressed pushes are not accepted",
		});
	}
	// Everything the headers prove comes first: an unsigned or unknown sender costs no body bytes.
	const index = await keyIndex();
	const authenticated = await authenticatePeer(deps, context, undefined, index);
	if (authenticated instanceof Response) return authenticated;
	const { peer } = authenticated;
	const body = await readFederationBody(deps, context, deps.limits.maxBytes, "authenticated", {
		peer: peer.name,
	});
	if (body instanceof Response) return body;
	const digestRefusal = checkBodyDigest(deps, context, body, { peer: peer.name });
	if (digestRefusal !== undefined) return digestRefusal;
	let read: ReturnType<typeof readPushBody>;
	try {
		read = readPushBody(parseJson(body, deps.limits), deps.limits.maxObjects);
	} catch (error) {
		const reason = error instanceof AppError ? error.message : "unreadable push";
		const status = error instanceof AppError && error.kind === "too_large" ? 413 : 400;
		return refuse(deps, context, body, status, { class: "protocol", reason }, { peer: peer.name });
	}
	const peerKeys = index;
	const sequence = read.sequence;
	sequencer.arrived(peer.name, sequence);
	let results: Awaited<ReturnType<typeof receivePush>>;
	try {
		results = await receivePush(
			{
				store: deps.store,
				logger: deps.logger,
				parties: await partyDirectory(deps.store),
				now: () => deps.clock().toISOString(),
			},
			peer,
			read.items,
			read.problems,
			// Provenance must be signed by the sending peer's own keys, current or retired.
			(keyId) => {
				const entry = peerKeys.get(keyId);
				return entry?.peer.name === peer.name ? entry.key : undefined;
			},
			() => sequencer.turn(peer.name, sequence),
		);
	} catch (error) {
		if (sequence !== undefined) sequencer.failed(peer.name, sequence.last);
		// A full disk is this node's to fix: the sender's `peers status` says so, and it backs off and resends.
		if (isAppError(error) && error.code === "E_STORE_FULL") {
			const reason = "the peer's storage is full; nothing of this push was stored, send it again later";
			return refuse(deps, context, body, 503, { class: "server", reason }, { peer: peer.name });
		}
		if (!(error instanceof OutOfOrderPush)) throw error;
		return refuse(
			deps,
			context,
			body,
			409,
			{ class: "protocol", reason: error.message },
			{ peer: peer.name },
		);
	}
	if (sequence !== undefined) sequencer.stored(peer.name, sequence.last);
	const response: PushResponse = { node: deps.nodeName, now: deps.clock().toISOString(), results };
	return signedJson(deps, context, body, 200, response);
}
