// Signed HTTP between nodes: a request signed with the node key (RFC 9421), the answer read under a size
// limit and its signature checked against the peer's keys. Failures become classified PeerFailures.
import type { KeyObject } from "node:crypto";
import { request as httpsRequest } from "node:https";
import type { Clock } from "./clock.ts";
import { unixSeconds } from "./clock.ts";
import { type NodeKeyRing, type SignatureVerdict, signRequest, verifyResponse } from "./crypto/index.ts";
import { failureOfNetwork, PeerFailure } from "./failure.ts";

export interface SignedExchange {
	status: number;
	/** The decoded response body. */
	body: Uint8Array;
	/** The response signature checked against the peer's keys (present when keys were given). */
	verdict: SignatureVerdict | undefined;
	json: unknown;
}

export interface SendOptions {
	url: string;
	body: string;
	ring: NodeKeyRing;
	clock: Clock;
	/**
	 * The peer's keys; when given, the response signature is checked against them. The parsed answer is
	 * passed too, for a handshake, whose answer carries the keys (bound to the invitation by key id).
	 */
	peerKey?: (keyId: string, answer: unknown) => KeyObject | undefined;
	/** The largest response read. */
	maxResponseBytes: number;
	timeoutMs: number;
	/**
	 * The TLS used for an https peer (openNode reads it from `federation.clientCertFile/clientKeyFile/
	 * caFile`). Undefined: Node's fetch with the system CAs.
	 */
	tls: FederationClientTls | undefined;
}

/** Client TLS for federation links: a client certificate (mutual TLS) and/or the CAs trusted for peers. */
export interface FederationClientTls {
	cert?: Buffer;
	key?: Buffer;
	ca?: Buffer;
}

/**
 * POSTs a signed JSON body and reads the signed answer. Throws PeerFailure for network, TLS, an
 * oversize or unreadable answer; an HTTP error status is returned (the caller classifies it).
 */
export async function sendSigned(options: SendOptions): Promise<SignedExchange> {
	const bytes = Buffer.from(options.body);
	const now = options.clock();
	const headers: Record<string, string> = {
		"content-type": "application/json",
		"accept-encoding": "identity",
	};
	const signed = signRequest(
		{ method: "POST", url: options.url, headers, body: bytes },
		options.ring.current.privateKey,
		{
			keyId: options.ring.current.keyId,
			created: unixSeconds(now),
		},
	);
	Object.assign(headers, signed);
	const tls = new URL(options.url).protocol === "https:" ? options.tls : undefined;
	const {
		status,
		headers: responseHeaders,
		body,
	} = tls === undefined
		? await postWithFetch(options, headers, bytes)
		: await postWithClientTls(options, headers, bytes, tls);
	let json: unknown;
	try {
		json = body.length === 0 ? undefined : JSON.parse(Buffer.from(body).toString("utf8"));
	} catch {
		json = undefined;
	}
	let verdict: SignatureVerdict | undefined;
	const peerKey = options.peerKey;
	if (peerKey !== undefined) {
		verdict = verifyResponse(
			{ status, headers: responseHeaders, body },
			{ method: "POST", url: options.url, headers, body: bytes },
			{ keyResolver: (keyId) => peerKey(keyId, json), now: options.clock() },
		);
	}
	return { status, body, verdict, json };
}

interface RawAnswer {
	status: number;
	headers: Headers;
	body: Uint8Array;
}

async function postWithFetch(
	options: SendOptions,
	headers: Record<string, string>,
	bytes: Buffer,
): Promise<RawAnswer> {
	let response: Response;
	try {
		response = await fetch(options.url, {
			method: "POST",
			headers,
			body: bytes,
			signal: AbortSignal.timeout(options.timeoutMs),
		});
	} catch (error) {
		throw failureOfNetwork(error, options.url);
	}
	const body = await readBounded(response, options.maxResponseBytes);
	return { status: response.status, headers: response.headers, body };
}

/** node:https with the configured client certificate and CAs (global fetch takes no TLS options). */
function postWithClientTls(
	options: SendOptions,
	headers: Record<string, string>,
	bytes: Buffer,
	tls: FederationClientTls,
): Promise<RawAnswer> {
	const limit = options.maxResponseBytes;
	return new Promise((resolve, reject) => {
		const request = httpsRequest(
			options.url,
			{
				method: "POST",
				headers: { ...headers, "content-length": String(bytes.length) },
				cert: tls.cert,
				key: tls.key,
				ca: tls.ca,
				timeout: options.timeoutMs,
			},
			(response) => {
				const declared = Number(response.headers["content-length"] ?? Number.NaN);
				if (declared > limit) {
					response.destroy();
					reject(new PeerFailure("protocol", `the peer's answer is ${declared} bytes, over ${limit}`));
					return;
				}
				const chunks: Buffer[] = [];
				let size = 0;
				response.on("data", (chunk: Buffer) => {
					size += chunk.length;
					if (size > limit) {
						response.destroy();
						reject(new PeerFailure("protocol", `the peer's answer is over ${limit} bytes`));
						return;
					}
					chunks.push(chunk);
				});
				response.on("error", (error) => reject(failureOfNetwork(error, options.url)));
				response.on("end", () => {
					const answerHeaders = new Headers();
					for (const [name, value] of Object.entries(response.headers)) {
						if (value === undefined) continue;
						for (const v of Array.isArray(value) ? value : [value]) answerHeaders.append(name, v);
					}
					resolve({ status: response.statusCode ?? 0, headers: answerHeaders, body: Buffer.concat(chunks) });
				});
			},
		);
		request.on("timeout", () => {
			const error = new Error(`no answer in ${options.timeoutMs} ms`);
			error.name = "TimeoutError";
			request.destroy(error);
		});
		request.on("error", (error) => reject(failureOfNetwork(error, options.url)));
		request.end(bytes);
	});
}

async function readBounded(response: Response, limit: number): Promise<Uint8Array> {
	const declared = Number(response.headers.get("content-length") ?? Number.NaN);
	if (declared > limit) {
		await response.body?.cancel();
		throw new PeerFailure("protocol", `the peer's answer is ${declared} bytes, over ${limit}`);
	}
	if (response.body === null) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for await (const chunk of response.body) {
			size += chunk.length;
			if (size > limit) {
				await response.body.cancel();
				throw new PeerFailure("protocol", `the peer's answer is over ${limit} bytes`);
			}
			chunks.push(chunk);
		}
	} catch (error) {
		if (error instanceof PeerFailure) throw error;
		throw failureOfNetwork(error, response.url);
	}
	return Buffer.concat(chunks);
}
