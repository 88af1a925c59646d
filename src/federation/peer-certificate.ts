// Mutual TLS bound to the peer: the client certificate a request came with must be the one its peer holds.
import { X509Certificate } from "node:crypto";
import type { Context } from "hono";
import type { CertificateIdentity, PeerRecord } from "../store/index.ts";

/** The verified client certificate of the request's TLS connection, as subject and issuer; undefined without one. */
export function clientCertificateOf(context: Context): CertificateIdentity | undefined {
	// @hono/node-server passes the Node request as env.incoming; its socket is a TLSSocket under https.
	const socket = (
		context.env as
			| {
					incoming?: {
						socket?: { authorized?: boolean; getPeerX509Certificate?: () => X509Certificate | undefined };
					};
			  }
			| undefined
	)?.incoming?.socket;
	if (socket?.authorized !== true) return undefined;
	const certificate = socket.getPeerX509Certificate?.();
	return certificate === undefined ? undefined : { subject: certificate.subject, issuer: certificate.issuer };
}

/** The subject and issuer of the (first) certificate in `pem`: what this node declares as its own. */
export function certificateIdentityOf(pem: Buffer | string): CertificateIdentity {
	const certificate = new X509Certificate(pem);
	return { subject: certificate.subject, issuer: certificate.issuer };
}

/**
 * Why `presented` may not carry requests signed by `peer`, or undefined when it may: a peer is bound to
 * the subject and issuer of the client certificate recorded for it (at the handshake, or at its first
 * request over mutual TLS), so a valid certificate of one peer cannot carry another peer's signatures.
 * A renewed certificate with the same subject from the same CA still matches.
 */
export function certificateProblem(
	peer: PeerRecord,
	presented: CertificateIdentity | undefined,
): string | undefined {
	const bound = peer.clientCertificate;
	if (bound === undefined) return undefined;
	if (presented === undefined) return `peer ${peer.name} must present its client certificate (mutual TLS)`;
	if (presented.subject === bound.subject && presented.issuer === bound.issuer) return undefined;
	return `the client certificate (subject ${oneLine(presented.subject)}) is not the one bound to peer ${peer.name} (subject ${oneLine(bound.subject)}); a certificate carries only its own peer's requests (\`entente peers remove\` and onboard again to bind another)`;
}

function oneLine(name: string): string {
	return name.replace(/\n/g, ", ");
}
