// The production FeedFetch: a plain node:http(s) GET whose body is handed over still compressed, so fetchFeed
// decompresses it under its own cap. Not the global fetch: undici decompresses a gzip body itself, and a server that
// sends a large gzip body and closes the connection (a gzip bomb, or just HTTP/1.0) trips an assertion inside undici
// (`assert(!this.paused)` in Parser.finish) that no try/catch reaches — it ends the whole process, `serve` included.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { AppError } from "../errors/index.ts";
import type { FeedFetch } from "./fetch-feed.ts";

/** Redirects followed before giving up (fetch's own limit is 20; a feed needs few). */
const MAX_REDIRECTS = 5;

/** Content-Encodings fetchFeed reads: none, or gzip (recognised by its magic bytes and decompressed under the cap). */
const READABLE_ENCODINGS = new Set(["", "identity", "gzip", "x-gzip"]);

/**
 * GETs `url` like `fetch` (redirects followed, `init.signal` honoured, `init.headers` sent) but answers the body as
 * the server sent it: gzip is asked for and left compressed for `fetchFeed` to decode within its size cap.
 * @throws AppError E_FEED_FETCH on a redirect loop, a redirect to a non-http(s) URL, or an encoding other than gzip.
 */
export const httpFeedFetch: FeedFetch = async (url, init) => {
	let target = new URL(url);
	for (let hop = 0; ; hop++) {
		const answer = await get(target, init);
		const location = answer.headers.location;
		if (isRedirect(answer.statusCode) && location !== undefined) {
			answer.resume();
			if (hop >= MAX_REDIRECTS) throw feedError(`${url} redirects more than ${MAX_REDIRECTS} times`);
			target = new URL(location, target);
			if (target.protocol !== "http:" && target.protocol !== "https:")
				throw feedError(`${url} redirects to ${target.protocol} URL; a feed is read over http(s) only`);
			continue;
		}
		return responseOf(answer, url);
	}
};

function get(url: URL, init: RequestInit): Promise<IncomingMessage> {
	const request = url.protocol === "https:" ? httpsRequest : httpRequest;
	const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
	headers["accept-encoding"] = "gzip";
	return new Promise((resolve, reject) => {
		const outgoing = request(url, {
			method: "GET",
			headers,
			...(init.signal ? { signal: init.signal } : {}),
		});
		outgoing.once("response", resolve);
		outgoing.once("error", reject);
		outgoing.end();
	});
}

function responseOf(answer: IncomingMessage, url: string): Response {
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
	return new Response(noBody ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>), {
		status,
		statusText: answer.statusMessage ?? "",
		headers,
	});
}

function isRedirect(status: number | undefined): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function feedError(message: string): AppError {
	return new AppError("E_FEED_FETCH", `${message}: check the URL`);
}
