// POST /federation/v1/handshake: an invitee proves it holds the keys it presents (the request is signed
// with them), spends a one-time invitation code, and both sides learn each other's keys and parties.
import type { KeyObject } from "node:crypto";
import type { Context } from "hono";
import { AppError } from "../errors/index.ts";
import { parseJson } from "../json/index.ts";
import type { PeerRecord } from "../store/index.ts";
import { importJwkSet } from "./crypto/index.ts";
import { classOfSignatureFailure } from "./failure.ts";
import { hashInvitationCode } from "./invitation.ts";
import { localHello } from "./local-parties.ts";
import { clientCertificateOf } from "./peer-certificate.ts";
import { checkPeerUrl } from "./peer-url.ts";
import {
	type FederationServerDependencies,
	HANDSHAKE_BODY_LIMIT,
	readFederationBody,
	refuse,
	signedJson,
	verifyIncoming,
} from "./server-context.ts";
import { readHello } from "./wire.ts";

/** Handles one handshake; see docs/federation.md for the exchange. */
export async function handleHandshake(
	deps: FederationServerDependencies,
	context: Context,
): Promise<Response> {
	// The handshake proves its keys with its body, so nothing is known before it: the anonymous share.
	if (context.req.header("signature") === undefined || context.req.header("content-digest") === undefined) {
		return refuse(deps, context, new Uint8Array(), 401, {
			class: "signature",
			reason: "missing-signature: a handshake is signed with the keys it presents",
		});
	}
	const body = await readFederationBody(deps, context, HANDSHAKE_BODY_LIMIT, "anonymous");
	if (body instanceof Response) return body;
	const read = readHandshake(deps, context, body);
	if (read instanceof Response) return read;
	const { hello, keys, url } = read;
	// Proof of possession: the request must be signed by one of the keys presented.
	const verdict = verifyIncoming(deps, context, body, (keyId) => keys.get(keyId));
	if (!verdict.ok) {
		return refuse(deps, context, body, 401, {
			class: classOfSignatureFailure(verdict.reason),
			reason: `${verdict.reason}: ${verdict.detail}`,
		});
	}
	const now = deps.clock().toISOString();
	const invitation = await deps.store.takeInvitation(hashInvitationCode(hello.code ?? ""), hello.node, now);
	if (invitation === undefined) {
		return refuse(
			deps,
			context,
			body,
			403,
			{
				class: "authorisation",
				reason: "the invitation code is unknown, already used or expired",
			},
			{ node: hello.node },
		);
	}
	const peer = await recordInvitee(deps, context, hello, url, invitation.agreements, now);
	deps.logger.info(
		{
			peer: peer.name,
			url,
			keyId: verdict.keyId,
			parties: peer.parties,
			agreements: peer.agreements,
			certificate: peer.clientCertificate?.subject,
		},
		"federation: peer added by handshake",
	);
	deps.onPeerChanged?.(peer.name);
	return signedJson(
		deps,
		context,
		body,
		200,
		await localHello(
			deps.store,
			deps.nodeName,
			deps.publicUrl(),
			deps.ring(),
			peer.agreements,
			deps.clientCertificate,
		),
	);
}

type Hello = ReturnType<typeof readHello>;

/** The invitee's hello, its keys and URL read from the body, or the 400 that refuses it. */
function readHandshake(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array,
): { hello: Hello; keys: Map<string, KeyObject>; url: string } | Response {
	let read: { hello: Hello; keys: Map<string, KeyObject>; url: string };
	try {
		const hello = readHello(parseJson(body, { ...deps.limits, maxBytes: HANDSHAKE_BODY_LIMIT }), true);
		read = { hello, keys: importJwkSet({ keys: hello.keys }), url: checkPeerUrl(hello.url) };
	} catch (error) {
		const reason = error instanceof AppError ? error.message : "unreadable handshake";
		return refuse(deps, context, body, 400, { class: "protocol", reason });
	}
	if (read.hello.node === deps.nodeName) {
		return refuse(deps, context, body, 400, { class: "protocol", reason: "a node cannot peer with itself" });
	}
	return read;
}

/** Stores the invitee as an active peer under the agreements its invitation named. */
async function recordInvitee(
	deps: FederationServerDependencies,
	context: Context,
	hello: Hello,
	url: string,
	agreements: readonly string[],
	now: string,
): Promise<PeerRecord> {
	const existing = await deps.store.getPeer(hello.node);
	// Over mutual TLS the certificate the invitee came with is the one its later requests must carry;
	// otherwise the one it declares in its signed hello (bound should mutual TLS be turned on later).
	const presented = deps.clientCertificateRequired === true ? clientCertificateOf(context) : undefined;
	const declared = hello.clientCertificate;
	const certificate =
		presented ??
		(declared === undefined ? undefined : { subject: declared.subject, issuer: declared.issuer });
	const peer: PeerRecord = {
		name: hello.node,
		kind: "entente",
		url,
		keys: hello.keys.map((jwk) => ({ ...jwk })),
		parties: hello.parties.map((p) => p.id),
		agreements: [...agreements],
		status: "active",
		...(certificate === undefined ? {} : { clientCertificate: certificate }),
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
	};
	await deps.store.putPeer(peer);
	return peer;
}
