// What the federation endpoints need from the node, and the helpers they share: bodies read under the
// node's budget, request verification against known keys, and signed answers.
import type { KeyObject } from "node:crypto";
import type { Context } from "hono";
import { type BodyBudget, type BodyPool, readBody } from "../body/index.ts";
import { isAppError } from "../errors/index.ts";
import type { JsonLimits } from "../json/index.ts";
import type { Logger } from "../log/index.ts";
import type { CertificateIdentity, Store } from "../store/index.ts";
import type { Clock } from "./clock.ts";
import { unixSeconds } from "./clock.ts";
import {
	type NodeKeyRing,
	type ReplayCache,
	type SignatureVerdict,
	signResponse,
	verifyContentDigest,
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
	/** The node-wide body budget (src/body) every federation body is charged to; absent: limits only. */
	bodies?: BodyBudget;
	/** This node's own federation client certificate (subject, issuer), declared in its handshake answer. */
	clientCertificate?: CertificateIdentity;
}

export const HANDSHAKE_BODY_LIMIT = 256 * 1024;

/**
 * The request's body, read the node's one way (src/body) under `limit` and the body budget, or the
 * refusal to send: 413 too large, 503 (Retry-After) when the budget is full, 415 compressed, and a quiet
 * 400 for a client that stopped sending. Call it only once everything the headers can prove was checked.
 */
export async function readFederationBody(
	deps: FederationServerDependencies,
	context: Context,
	limit: number,
	pool: BodyPool,
	logFields: Record<string, unknown> = {},
): Promise<Uint8Array | Response> {
	try {
		return await readBody(context.req.raw, { maxBytes: limit, budget: deps.bodies, pool });
	} catch (error) {
		if (!isAppError(error)) throw error;
		const empty = new Uint8Array();
		switch (error.code) {
			case "E_BODY_BUSY": {
				const response = refuse(
					deps,
					context,
					empty,
					503,
					{ class: "server", reason: error.message },
					logFields,
				);
				response.headers.set("retry-after", String(error.details?.retry_after_seconds ?? 1));
				return response;
			}
			case "E_BODY_ENCODING":
				return refuse(deps, context, empty, 415, { class: "protocol", reason: error.message }, logFields);
			case "E_BODY_ABORTED":
				deps.logger.info({ path: context.req.path, ...logFields }, "federation: the client stopped sending");
				return signedJson(deps, context, empty, 400, {
					error: "invalid",
					class: "protocol",
					reason: error.message,
				} satisfies FederationErrorBody);
			default:
				return refuse(deps, context, empty, 413, { class: "protocol", reason: error.message }, logFields);
		}
	}
}

/** A 401 unless `body` matches the Content-Digest the (already verified) request signature covers. */
export function checkBodyDigest(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array,
	logFields: Record<string, unknown> = {},
): Response | undefined {
	const digest = verifyContentDigest(context.req.header("content-digest"), body);
	if (digest.ok) return undefined;
	return refuse(
		deps,
		context,
		body,
		401,
		{ class: "signature", reason: `bad-digest: ${digest.detail}` },
		logFields,
	);
}

/**
 * Verifies a request against `keys` (key id → key), recording its nonce in the replay cache. With
 * `body` undefined, only the headers are verified (the signature covers Content-Digest): the body is
 * read afterwards and checked with {@link checkBodyDigest}.
 */
export function verifyIncoming(
	deps: FederationServerDependencies,
	context: Context,
	body: Uint8Array | undefined,
	keys: (keyId: string) => KeyObject | undefined,
): SignatureVerdict {
	return verifyRequest(
		{
			method: context.req.method,
			url: context.req.url,
			headers: context.req.raw.headers,
			body: body ?? new Uint8Array(),
		},
		{
			keyResolver: keys,
			now: deps.clock(),
			seenNonce: (key, forgetAfter, now) => deps.replay.seen(key, forgetAfter, now),
			digest: body === undefined ? "deferred" : "checked",
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
