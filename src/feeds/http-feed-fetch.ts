// The production FeedFetch: a plain node:http(s) GET whose body is handed over still compressed, so fetchFeed
// decompresses it under its own cap. Not the global fetch: undici decompresses a gzip body itself, and a server that
// sends a large gzip body and closes the connection (a gzip bomb, or just HTTP/1.0) trips an assertion inside undici
// (`assert(!this.paused)` in Parser.finish) that no try/catch reaches — it ends the whole process, `serve` included.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { AppError } from "../errors/index.ts";
import { checkRedirectTarget, type GuardedClass, guardedLookup, hostClass } from "./feed-address.ts";
import type { FeedFetch } from "./fetch-feed.ts";

/** Redirects followed before giving up (fetch's own limit is 20; a feed needs few). */
const MAX_REDIRECTS = 5;

/** Content-Encodings fetchFeed reads: none, or gzip (recognised by its magic bytes and decompressed under the cap). */
const READABLE_ENCODINGS = new Set(["", "identity", "gzip", "x-gzip"]);

/**
 * GETs `url` like `fetch` (redirects followed, `init.signal` honoured, `init.headers` sent) but answers the body as
 * the server sent it: gzip is asked for and left compressed for `fetchFeed` to decode within its size cap. A redirect
 * or a DNS answer leading to a link-local, loopback or unspecified address is refused unless `url` is itself on
 * that class of address (feed-address.ts): checked before connecting, so the address is never reached.
 * @throws AppError E_FEED_FETCH on a redirect loop, a redirect to a non-http(s) URL, or an encoding other than gzip;
 *   E_FEED_ADDRESS on a redirect or DNS answer to a guarded address.
 */
export const httpFeedFetch: FeedFetch = async (url, init) => {
	let target = new URL(url);
	const allowed = hostClass(target);
	for (let hop = 0; ; hop++) {
		const answer = await get(target, init, url, allowed);
		const location = answer.headers.location;
		if (isRedirect(answer.statusCode) && location !== undefined) {
			answer.resume();
			if (hop >= MAX_REDIRECTS) throw feedError(`${url} redirects more than ${MAX_REDIRECTS} times`);
			target = new URL(location, target);
			if (target.protocol !== "http:" && target.protocol !== "https:")
				throw feedError(`${url} redirects to ${target.protocol} URL; a feed is read over http(s) only`);
			checkRedirectTarget(url, allowed, target);
			continue;
		}
		return responseOf(answer, url, init.signal ?? undefined);
	}
};

function get(
	url: URL,
	init: RequestInit,
	feedUrl: string,
	allowed: GuardedClass | undefined,
): Promise<IncomingMessage> {
	const request = url.protocol === "https:" ? httpsRequest : httpRequest;
	const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
	headers["accept-encoding"] = "gzip";
	return new Promise((resolve, reject) => {
		const outgoing = request(url, {
			method: "GET",
			headers,
			lookup: guardedLookup(feedUrl, allowed),
			...(init.signal ? { signal: init.signal } : {}),
		});
		outgoing.once("response", resolve);
		outgoing.once("error", reject);
		outgoing.end();
	});
}

function responseOf(answer: IncomingMessage, url: string, signal: AbortSignal | undefined): Response {
	const encoding = String(answer.headers["content-encoding"] ?? "")
		.trim()
		.toLowerCase();
	if (!READABLE_ENCODINGS.has(encoding)) {
		answer.destroy();
		throw feedError(`${url} answered in Content-Encoding '${encoding}'; serve it plain or gzip`);
	}
	const headers = new Headers();
	for (const [name, value] of Object.entries(answer.headers)) {
		if (value === undefined || name === "content-encoding" || name === "content-length") continue;
		headers.set(name, Array.isArray(value) ? value.join(", ") : value);
	}
	const status = answer.statusCode ?? 0;
	const noBody = status === 204 || status === 304;
	if (noBody) answer.resume();
	return new Response(noBody ? null : bodyOf(answer, url, signal), {
		status,
		statusText: answer.statusMessage ?? "",
		headers,
	});
}

/**
 * The body as a web stream that ends only when the message is complete: a timeout (the signal destroys the
 * request) or a connection closed before the declared end errors it, so a cut list is never read as the whole
 * list (whose missing values the pull would expire). `Readable.toWeb` closes the stream cleanly in both cases, and
 * node marks a body without Content-Length `complete` when the abort closes its socket: the signal is checked too.
 */
function bodyOf(
	answer: IncomingMessage,
	url: string,
	signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
	let settled = false;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			const fail = (error: Error) => {
				if (settled) return;
				settled = true;
				controller.error(error);
			};
			answer.on("data", (chunk: Buffer) => {
				if (settled) return;
				controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
				if ((controller.desiredSize ?? 1) <= 0) answer.pause();
			});
			answer.once("error", fail);
			answer.once("close", () => {
				if (signal?.aborted === true) fail(new Error(`${url}: aborted`, { cause: signal.reason }));
				else if (!answer.complete)
					fail(new Error(`${url}: the connection closed before the end of the answer`));
				else if (!settled) {
					settled = true;
					controller.close();
				}
			});
		},
		pull() {
			answer.resume();
		},
		cancel() {
			settled = true;
			answer.destroy();
		},
	});
}

function isRedirect(status: number | undefined): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function feedError(message: string): AppError {
	return new AppError("E_FEED_FETCH", `${message}: check the URL`);
}
