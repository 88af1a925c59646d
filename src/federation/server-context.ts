// What the federation endpoints need from the node, and the helpers they share: bounded bodies,
// request verification against known keys, and signed answers.
import type { KeyObject } from "node:crypto";
import type { Context } from "hono";
import type { JsonLimits } from "../json/index.ts";
import type { Logger } from "../log/index.ts";
import type { Store } from "../store/index.ts";
import type { Clock } from "./clock.ts";
import { unixSeconds } from "./clock.ts";
import {
	type NodeKeyRing,
	type ReplayCache,
	type SignatureVerdict,
	signResponse,
	verifyRequest,
} from "./crypto/index.ts";
import type { FederationErrorBody } from "./wire.ts";

export interface FederationServerDependencies {
	store: Store;
	logger: Logger;
	/** The node's key ring (read on each request, so a reload takes effect). */
	ring: () => NodeKeyRing;
	clock: Clock;
	nodeName: string;
	/** This node's base URL as partners reach it. */
	publicUrl: () => string;
	/** Limits for push bodies (reuse the node's JSON limits). */
	limits: JsonLimits;
	replay: ReplayCache;
	/**
	 * Mutual TLS: when true, every federation request must come over TLS with a client certificate the
	 * server's client CA bundle verified (`tls.clientCaFile`); others are refused with class "tls".
	 */
	clientCertificateRequired?: boolean;
	/** Called after a peer was added by a handshake (e.g. to start its delivery worker). */
	onPeerChanged?: (name: string) => void;
}

export const HANDSHAKE_BODY_LIMIT = 256 * 1024;

/** Request bytes read under `limit`; undefined when over it (the caller answers 413). */
export async function readBoundedBody(context: Context, limit: number): Promise<Uint8Array | undefined> {
	const declared = Number(context.req.header("content-length") ?? "0");
	if (declared > limit) return undefined;
	const body = context.req.raw.body;
	if (body === null) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += chunk.byteLength;
		if (size > limit) return undefined;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/** Verifies a request against `keys` (key id → key), recording its nonce in the replay cache. */
export function verifyIncoming(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array,
	keys: (keyId: string) => KeyObject | undefined,
): SignatureVerdict {
	return verifyRequest(
		{ method: context.req.method, url: context.req.url, headers: context.req.raw.headers, body },
		{
			keyResolver: keys,
			now: deps.clock(),
			seenNonce: (key, forgetAfter, now) => deps.replay.seen(key, forgetAfter, now),
		},
	);
}

/**
 * A JSON answer signed with the node key and bound to the request's signature (RFC 9421 `;req`). An
 * unsigned request gets an unsigned answer: there is nothing to bind it to.
 */
export function signedJson(
	deps: FederationServerDependencies,
	context: Context,
	requestBody: Uint8Array,
	status: number,
	value: unknown,
): Response {
	const text = JSON.stringify(value);
	const headers: Record<string, string> = { "content-type": "application/json" };
	if (context.req.header("signature") !== undefined) {
		const ring = deps.ring();
		try {
			Object.assign(
				headers,
				signResponse(
					{ status, headers, body: text },
					{
						method: context.req.method,
						url: context.req.url,
						headers: context.req.raw.headers,
						body: requestBody,
					},
					ring.current.privateKey,
					{ keyId: ring.current.keyId, created: unixSeconds(deps.clock()) },
				),
			);
		} catch {
			// A request signature we cannot bind to (malformed) gets an unsigned refusal.
		}
	}
	return new Response(text, { status, headers });
}

/** A refusal of a whole request, logged with its reason and answered in the federation error shape. */
export function refuse(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array,
	status: number,
	failure: Omit<FederationErrorBody, "error">,
	logFields: Record<string, unknown> = {},
): Response {
	deps.logger.warn(
		{ path: context.req.path, status, class: failure.class, reason: failure.reason, ...logFields },
		"federation: refused a request",
	);
	const error: FederationErrorBody = { error: statusWord(status), ...failure };
	return signedJson(deps, context, body, status, error);
}

function statusWord(status: number): string {
	if (status === 401) return "unauthenticated";
	if (status === 403) return "forbidden";
	if (status === 413) return "too_large";
	if (status === 415) return "unsupported_media_type";
	return status >= 500 ? "server" : "invalid";
}
