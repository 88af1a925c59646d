// The first step of every signed peer route: the request is signed by a current key of an active peer,
// and comes with that peer's own client certificate when the node asks for one (mutual TLS).
import type { Context } from "hono";
import type { PeerRecord } from "../store/index.ts";
import { classOfSignatureFailure } from "./failure.ts";
import { certificateProblem, clientCertificateOf } from "./peer-certificate.ts";
import type { PeerKeyIndex } from "./peer-keys.ts";
import { type FederationServerDependencies, refuse, verifyIncoming } from "./server-context.ts";

/**
 * The peer whose current (not retired) key signed this request, with that key id; or the refusal to send
 * (401 for a bad or unknown signature, 403 for a peer that is not an active Entente node or a client
 * certificate bound to another peer). With `body` undefined only the headers are verified — nothing
 * of the body has been read — and the caller checks the body's digest once it has read it.
 */
export async function authenticatePeer(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array | undefined,
	index: PeerKeyIndex,
): Promise<{ peer: PeerRecord; keyId: string } | Response> {
	const answerBody = body ?? new Uint8Array();
	// Transport accepts only keys the peer has not retired; provenance checks accept both.
	const verdict = verifyIncoming(deps, context, body, (keyId) => {
		const entry = index.get(keyId);
		return entry?.retired === false ? entry.key : undefined;
	});
	if (!verdict.ok) {
		return refuse(deps, context, answerBody, 401, {
			class: classOfSignatureFailure(verdict.reason),
			reason: `${verdict.reason}: ${verdict.detail}`,
		});
	}
	const peer = index.get(verdict.keyId)?.peer;
	if (peer === undefined)
		return refuse(deps, context, answerBody, 401, { class: "signature", reason: "unknown key" });
	if (peer.status !== "active" || peer.kind !== "entente") {
		return refuse(
			deps,
			context,
			answerBody,
			403,
			{ class: "authorisation", reason: `peer ${peer.name} is ${peer.status}` },
			{ peer: peer.name },
		);
	}
	if (deps.clientCertificateRequired === true) {
		const presented = clientCertificateOf(context);
		const problem = certificateProblem(peer, presented);
		if (problem !== undefined) {
			return refuse(deps, context, answerBody, 403, { class: "tls", reason: problem }, { peer: peer.name });
		}
		if (peer.clientCertificate === undefined && presented !== undefined)
			await bind(deps, peer.name, presented);
	}
	return { peer, keyId: verdict.keyId };
}

/** Records the certificate a peer first came with over mutual TLS (a peer onboarded before binding existed,
 * or onboarded by this node accepting its invitation). */
async function bind(
	deps: FederationServerDependencies,
	name: string,
	certificate: NonNullable<PeerRecord["clientCertificate"]>,
): Promise<void> {
	const current = await deps.store.getPeer(name);
	if (current === undefined || current.clientCertificate !== undefined) return;
	await deps.store.putPeer({
		...current,
		clientCertificate: certificate,
		updatedAt: deps.clock().toISOString(),
	});
	deps.logger.info(
		{ peer: name, subject: certificate.subject },
		"federation: peer bound to its client certificate",
	);
}
