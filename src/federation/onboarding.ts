// Onboarding a partner: the inviter mints a one-time code; the invitee presents its keys and parties in
// a signed handshake, and checks the answer is signed by the key the invitation named.

import { AppError } from "../errors/index.ts";
import type { Logger } from "../log/index.ts";
import type { PeerRecord, Store } from "../store/index.ts";
import type { Clock } from "./clock.ts";
import { fromPublicJwk, type NodeKeyRing } from "./crypto/index.ts";
import { failureOfStatus, PeerFailure } from "./failure.ts";
import {
	decodeInvitation,
	encodeInvitation,
	hashInvitationCode,
	type Invitation,
	newInvitationCode,
} from "./invitation.ts";
import { localHello } from "./local-parties.ts";
import { identityOf, type KeyIdentity } from "./node-identity.ts";
import { fingerprintOf } from "./node-key.ts";
import { certificateIdentityOf } from "./peer-certificate.ts";
import { checkPeerUrl } from "./peer-url.ts";
import { type FederationClientTls, sendSigned } from "./transport.ts";
import { HANDSHAKE_PATH, type HandshakeRequest, readHello } from "./wire.ts";

export interface NodeSelf {
	store: Store;
	ring: NodeKeyRing;
	nodeName: string;
	/** This node's base URL as partners will reach it. */
	url: string;
	clock: Clock;
	/** The client TLS of federation requests (see transport.ts). */
	tls: FederationClientTls | undefined;
}

/** Mints an invitation: the code is stored hashed with its expiry; the string is shown once. */
export async function createInvitation(
	self: NodeSelf,
	options: { agreements: readonly string[]; ttlHours: number },
): Promise<{ text: string; invitation: Invitation }> {
	const code = newInvitationCode();
	const now = self.clock();
	const expiresAt = new Date(now.getTime() + options.ttlHours * 3_600_000).toISOString();
	await self.store.putInvitation({
		codeHash: hashInvitationCode(code),
		agreements: [...options.agreements],
		createdAt: now.toISOString(),
		expiresAt,
	});
	const identity = identityOf(self.ring);
	const invitation: Invitation = {
		v: 1,
		node: self.nodeName,
		url: checkPeerUrl(self.url),
		code,
		keyId: identity.keyId,
		fingerprint: identity.fingerprint,
		agreements: [...options.agreements],
		expiresAt,
	};
	return { text: encodeInvitation(invitation), invitation };
}

export interface AcceptResult {
	peer: PeerRecord;
	/** The inviter's key as it signed the answer (matches the invitation). */
	peerKey: KeyIdentity;
	/** Ours, for the inviter to compare. */
	ownKey: KeyIdentity;
}

/**
 * Accepts an invitation: one signed handshake to the inviter. Stores the inviter as a peer only when
 * its answer is signed by the key the invitation names (key id and fingerprint).
 * @throws AppError E_FEDERATION_INVITATION_INVALID, E_FEDERATION_HANDSHAKE (with the failing step).
 */
export async function acceptInvitation(self: NodeSelf, text: string, logger?: Logger): Promise<AcceptResult> {
	const invitation = decodeInvitation(text);
	if (invitation.node === self.nodeName) {
		throw new AppError("E_FEDERATION_INVITATION_INVALID", "this invitation is from this node itself");
	}
	const answer = await sendHandshake(self, invitation);
	const signer = invitersKey(answer, invitation);
	const peer = await recordInviter(self, invitation, answer);
	logger?.info(
		{ peer: peer.name, url: peer.url, parties: peer.parties },
		"federation: peer added by accepting an invitation",
	);
	return {
		peer,
		peerKey: { keyId: signer.keyId, fingerprint: fingerprintOf(signer.publicKey) },
		ownKey: identityOf(self.ring),
	};
}

type Hello = ReturnType<typeof readHello>;

/** Our signed hello with the invitation's code, to the inviter; its answer, signed by the invitation's key. */
async function sendHandshake(self: NodeSelf, invitation: Invitation): Promise<Hello> {
	const hello = await localHello(
		self.store,
		self.nodeName,
		checkPeerUrl(self.url),
		self.ring,
		invitation.agreements,
		self.tls?.cert === undefined ? undefined : certificateIdentityOf(self.tls.cert),
	);
	const request: HandshakeRequest = { ...hello, code: invitation.code };
	let exchange: Awaited<ReturnType<typeof sendSigned>>;
	try {
		exchange = await sendSigned({
			url: `${invitation.url}${HANDSHAKE_PATH}`,
			body: JSON.stringify(request),
			ring: self.ring,
			clock: self.clock,
			peerKey: (keyId, answer) => (keyId === invitation.keyId ? answerKey(keyId, answer) : undefined),
			maxResponseBytes: 256 * 1024,
			timeoutMs: 30_000,
			tls: self.tls,
		});
	} catch (error) {
		throw handshakeError(error);
	}
	if (exchange.status !== 200) throw handshakeError(failureOfStatus(exchange.status, exchange.json));
	if (exchange.verdict?.ok !== true) {
		const detail =
			exchange.verdict?.ok === false ? `${exchange.verdict.reason}: ${exchange.verdict.detail}` : "unsigned";
		throw handshakeError(
			new PeerFailure(
				"signature",
				`the inviter's answer is not signed by key ${invitation.keyId} (${detail})`,
			),
		);
	}
	try {
		return readHello(exchange.json, false);
	} catch (error) {
		throw handshakeError(new PeerFailure("protocol", (error as Error).message));
	}
}

/** The public key `keyId` names among the keys the answer itself carries (the invitation names which one). */
function answerKey(keyId: string, answer: unknown) {
	const keys = (answer as { keys?: unknown[] } | undefined)?.keys ?? [];
	for (const jwk of keys) {
		try {
			const imported = fromPublicJwk(jwk);
			if (imported.keyId === keyId) return imported.publicKey;
		} catch {
			// a bad key cannot be the invitation's
		}
	}
	return undefined;
}

/** The inviter's signing key, when it is the one the invitation names (fingerprint) and the node too. */
function invitersKey(answer: Hello, invitation: Invitation): ReturnType<typeof fromPublicJwk> {
	const signer = answer.keys.map((jwk) => fromPublicJwk(jwk)).find((k) => k.keyId === invitation.keyId);
	if (signer === undefined || fingerprintOf(signer.publicKey) !== invitation.fingerprint) {
		throw handshakeError(
			new PeerFailure("signature", "the inviter's key does not match the invitation's fingerprint"),
		);
	}
	if (answer.node !== invitation.node) {
		throw handshakeError(
			new PeerFailure("protocol", `the inviter calls itself ${answer.node}, not ${invitation.node}`),
		);
	}
	return signer;
}

/** Stores the inviter as an active peer, with the agreements the invitation names and the keys it answered with. */
async function recordInviter(self: NodeSelf, invitation: Invitation, answer: Hello): Promise<PeerRecord> {
	const now = self.clock().toISOString();
	const existing = await self.store.getPeer(answer.node);
	const peer: PeerRecord = {
		name: answer.node,
		kind: "entente",
		url: invitation.url,
		keys: answer.keys.map((jwk) => ({ ...jwk })),
		parties: answer.parties.map((p) => p.id),
		agreements: [...invitation.agreements],
		status: "active",
		// The certificate the inviter declared in its signed answer: its requests must come with it (D36).
		...(answer.clientCertificate === undefined
			? {}
			: {
					clientCertificate: {
						subject: answer.clientCertificate.subject,
						issuer: answer.clientCertificate.issuer,
					},
				}),
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
	};
	await self.store.putPeer(peer);
	return peer;
}

function handshakeError(error: unknown): AppError {
	if (error instanceof PeerFailure) {
		return new AppError(
			"E_FEDERATION_HANDSHAKE",
			`handshake failed at step "${error.step}" (${error.failureClass}): ${error.message}`,
			{
				cause: error,
				details: { step: error.step, class: error.failureClass },
			},
		);
	}
	return new AppError("E_FEDERATION_HANDSHAKE", `handshake failed: ${(error as Error).message}`, {
		cause: error,
	});
}
