// Why talking to a peer failed, in one of a few classes an operator can act on.
import type { SignatureFailureReason } from "./crypto/index.ts";

export const FAILURE_CLASSES = [
	"network",
	"tls",
	"signature",
	"clock",
	"authorisation",
	"server",
	"protocol",
] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

/** A failed exchange with a peer: its class and a sentence saying what happened. */
export class PeerFailure extends Error {
	override name = "PeerFailure";
	readonly failureClass: FailureClass;
	/** The step a connection test names: DNS, TCP connect, TLS, HTTP status, signature, clock, authorisation. */
	readonly step: string;

	constructor(failureClass: FailureClass, message: string, step: string = stepOf(failureClass)) {
		super(message);
		this.failureClass = failureClass;
		this.step = step;
	}
}

function stepOf(failureClass: FailureClass): string {
	switch (failureClass) {
		case "network":
			return "TCP connect";
		case "tls":
			return "TLS";
		case "signature":
			return "signature";
		case "clock":
			return "clock";
		case "authorisation":
			return "authorisation";
		default:
			return "HTTP status";
	}
}

/** The class of a signature verdict's failure: time-window failures are the clock's. */
export function classOfSignatureFailure(reason: SignatureFailureReason | string): FailureClass {
	return reason === "not-yet-valid" || reason === "expired" ? "clock" : "signature";
}

const TLS_CODES =
	/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)/;

/** Classifies what fetch threw: DNS and connection errors are the network's, certificate errors TLS's. */
export function failureOfNetwork(error: unknown, url: string): PeerFailure {
	const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
	const code = cause?.code ?? (error as { code?: string } | null)?.code ?? "";
	const detail = cause?.message ?? (error as Error | null)?.message ?? String(error);
	if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
		return new PeerFailure("network", `DNS: cannot resolve the host of ${url} (${code})`, "DNS");
	}
	if (TLS_CODES.test(code) || /certificate|TLS|SSL/i.test(detail)) {
		return new PeerFailure("tls", `TLS with ${url} failed: ${detail}`, "TLS");
	}
	if ((error as Error | null)?.name === "TimeoutError") {
		return new PeerFailure("network", `no answer from ${url} in time`, "TCP connect");
	}
	return new PeerFailure("network", `cannot reach ${url}: ${code || detail}`, "TCP connect");
}

/** Classifies a non-2xx answer from a federation endpoint, using its error body when it has one. */
export function failureOfStatus(status: number, body: unknown): PeerFailure {
	const b = body as { class?: unknown; reason?: unknown; error?: unknown } | undefined;
	const reason = typeof b?.reason === "string" ? b.reason : `HTTP ${status}`;
	const declared = typeof b?.class === "string" ? b.class : undefined;
	if (status === 401) {
		const failureClass = declared === "clock" ? "clock" : "signature";
		return new PeerFailure(failureClass, `the peer refused our signature: ${reason}`);
	}
	if (status === 403) return new PeerFailure("authorisation", `the peer refused us: ${reason}`);
	if (status >= 500)
		return new PeerFailure("server", `the peer failed (HTTP ${status}): ${reason}`, "HTTP status");
	return new PeerFailure("protocol", `the peer answered HTTP ${status}: ${reason}`, "HTTP status");
}
