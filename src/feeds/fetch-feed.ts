// Reads one feed file over HTTP, bounded: a timeout over the whole exchange, a cap on the bytes read after
// decompression (a gzip bomb stops at the cap), conditional GET, and HTML answers refused by name.
import { gunzipSync } from "node:zlib";
import { AppError, isAppError } from "../errors/index.ts";
import { feedUrl } from "./feed-url.ts";

/** What the feeds room needs of `fetch`: tests inject one; production passes the global. */
export type FeedFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchLimits {
	/** The whole request, headers and body, in milliseconds. */
	timeoutMs: number;
	/** Bytes of body after any decompression. */
	maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 60_000, maxBytes: 512 * 1024 * 1024 };

/** The validators of an earlier answer, sent back so an unchanged feed answers 304. */
export interface Validators {
	etag?: string;
	lastModified?: string;
}

export type FetchedFeed =
	| { notModified: true }
	| { notModified: false; text: string; validators: Validators };

/**
 * GETs `url` with If-None-Match / If-Modified-Since from `validators`; answers the body as text (a `.gz` body
 * decompressed) or `notModified` on 304.
 * @throws AppError E_FEED_URL, E_FEED_TIMEOUT, E_FEED_FETCH (network, status, HTML page), E_FEED_TOO_LARGE.
 */
export async function fetchFeed(
	fetch: FeedFetch,
	url: string,
	validators: Validators,
	limits: FetchLimits,
): Promise<FetchedFeed> {
	feedUrl(url);
	const signal = AbortSignal.timeout(limits.timeoutMs);
	try {
		const response = await fetch(url, {
			headers: conditionalHeaders(validators),
			signal,
			redirect: "follow",
		});
		if (response.status === 304) {
			await response.body?.cancel();
			return { notModified: true };
		}
		if (!response.ok) {
			await response.body?.cancel();
			throw new AppError(
				"E_FEED_FETCH",
				`${url} answered ${response.status} ${response.statusText}: check the URL and that the feed is public`,
				{ details: { status: response.status } },
			);
		}
		const bytes = await readBounded(response, limits.maxBytes, url);
		const text = decodeBody(bytes, url, limits.maxBytes);
		refuseHtml(response.headers.get("content-type"), text, url);
		return { notModified: false, text, validators: validatorsOf(response) };
	} catch (error) {
		if (isAppError(error)) throw error;
		if (signal.aborted) {
			throw new AppError(
				"E_FEED_TIMEOUT",
				`${url} did not answer within ${limits.timeoutMs / 1000} s: try again later, or raise the feed timeout`,
				{ cause: error },
			);
		}
		throw new AppError(
			"E_FEED_FETCH",
			`${url} could not be read (${messageOf(error)}): check the URL and the network`,
			{
				cause: error,
			},
		);
	}
}

function conditionalHeaders(validators: Validators): Record<string, string> {
	const headers: Record<string, string> = { accept: "*/*" };
	if (validators.etag !== undefined) headers["if-none-match"] = validators.etag;
	if (validators.lastModified !== undefined) headers["if-modified-since"] = validators.lastModified;
	return headers;
}

function validatorsOf(response: Response): Validators {
	const validators: Validators = {};
	const etag = response.headers.get("etag");
	const lastModified = response.headers.get("last-modified");
	if (etag !== null) validators.etag = etag;
	if (lastModified !== null) validators.lastModified = lastModified;
	return validators;
}

/** The body (which fetch has already decoded from any Content-Encoding), refused once it passes `maxBytes`. */
async function readBounded(response: Response, maxBytes: number, url: string): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	let total = 0;
	if (response.body === null) return Buffer.alloc(0);
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > maxBytes) {
			await reader.cancel();
			throw tooLarge(url, maxBytes);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks, total);
}

/** A gzip file served as such (`.gz`, no Content-Encoding) is decompressed here, under the same cap. */
function decodeBody(bytes: Buffer, url: string, maxBytes: number): string {
	let body = bytes;
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
		try {
			body = gunzipSync(bytes, { maxOutputLength: maxBytes });
		} catch (cause) {
			if ((cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(url, maxBytes);
			throw new AppError("E_FEED_FORMAT", `${url} is not valid gzip: check the URL`, { cause });
		}
	}
	return body.toString("utf8");
}

function tooLarge(url: string, maxBytes: number): AppError {
	return new AppError(
		"E_FEED_TOO_LARGE",
		`${url} is over ${maxBytes} bytes (decompressed): nothing was stored from it; raise the feed size limit if it is genuine`,
		{ details: { limit: maxBytes } },
	);
}

const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** A login page, an error page or a parking page is not a feed: say so instead of reading its words as values. */
function refuseHtml(contentType: string | null, text: string, url: string): void {
	if ((contentType ?? "").toLowerCase().includes("text/html") || HTML_START.test(text.slice(0, 1024))) {
		throw new AppError(
			"E_FEED_FETCH",
			`${url} answered an HTML page instead of the feed (a login, error or moved page?): check the URL in a browser`,
		);
	}
}

function messageOf(error: unknown): string {
	const cause = (error as { cause?: { message?: string } }).cause;
	return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
