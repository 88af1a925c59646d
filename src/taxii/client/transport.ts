// One TAXII request, done carefully: headers and auth, timeouts, retries with backoff, size-limited bodies, error bodies → AppError.
import { AppError, type ErrorCode } from "../../errors/index.ts";
import { parseJson } from "../../json/index.ts";
import { isTaxii21ContentType } from "./media-type.ts";
import { errorBodySchema, TAXII_MEDIA_TYPE, type TaxiiErrorBody } from "./resources.ts";
import {
	backoffDelay,
	DEFAULT_RETRY,
	isRetryableStatus,
	type RetryPolicy,
	realSleep,
	retryAfterMs,
	type Sleep,
} from "./retry.ts";

/** HTTP Basic is what TAXII requires clients to support (§8.5.1); bearer tokens are what Entente nodes issue. */
export type Credentials =
	| { readonly kind: "basic"; readonly user: string; readonly password: string }
	| { readonly kind: "bearer"; readonly token: string };

export interface TransportOptions {
	auth?: Credentials;
	/** Injected in tests; the global fetch otherwise. */
	fetch?: typeof fetch;
	/** Per attempt, body included. Default 60 s. */
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	sleep?: Sleep;
	/** Jitter source in [0, 1); injected in tests. */
	random?: () => number;
	/** Largest response body accepted, counted after decompression. Default 64 MiB. */
	maxResponseBytes?: number;
	userAgent?: string;
	/** Cancels every request of this client. */
	signal?: AbortSignal;
	/** Told before each wait, for logs and progress lines. */
	onRetry?: (retry: RetryNotice) => void;
}

export interface RetryNotice {
	method: string;
	url: string;
	attempt: number;
	delayMs: number;
	reason: string;
}

/** A successful (2xx) answer whose body was read within the limit. */
export interface TaxiiResponse {
	status: number;
	headers: Headers;
	body: Uint8Array;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Error bodies are for people: a little is enough, and a hostile server gets no more. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Sends TAXII requests for one client; holds no state between requests beyond its options. */
export class Transport {
	readonly #options: TransportOptions;
	readonly #retry: RetryPolicy;
	readonly #fetch: typeof fetch;
	readonly #sleep: Sleep;
	readonly #random: () => number;

	constructor(options: TransportOptions) {
		this.#options = options;
		this.#retry = { ...DEFAULT_RETRY, ...options.retry };
		this.#fetch = options.fetch ?? globalThis.fetch;
		this.#sleep = options.sleep ?? realSleep;
		this.#random = options.random ?? Math.random;
	}

	get sleep(): Sleep {
		return this.#sleep;
	}

	/**
	 * Sends one request, repeating it on network errors, timeouts, 429 and 5xx (waiting as
	 * Retry-After asks, else a jittered backoff), never on other 4xx. POST is repeated too: TAXII
	 * servers must accept a re-post of identical objects without error (§5.5).
	 * @throws AppError E_TAXII_NETWORK, E_TAXII_AUTH, E_TAXII_NOT_FOUND, E_TAXII_HTTP, E_TAXII_SERVER,
	 * E_TAXII_PROTOCOL or E_TAXII_TOO_LARGE; the message names the method, URL, status and the
	 * server's error title, description and http_status.
	 */
	async request(method: "GET" | "POST" | "DELETE", url: URL, body?: string): Promise<TaxiiResponse> {
		const shown = redact(url);
		for (let attempt = 1; ; attempt++) {
			const last = attempt >= this.#retry.maxAttempts;
			const signals = [AbortSignal.timeout(this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS)];
			if (this.#options.signal !== undefined) signals.push(this.#options.signal);
			const signal = AbortSignal.any(signals);
			let response: Response;
			let received: Uint8Array;
			try {
				response = await this.#fetch(url, {
					method,
					headers: this.#headers(body !== undefined),
					signal,
					...(body === undefined ? {} : { body }),
				});
				if (response.ok) {
					received = await readLimited(response, this.#maxBytes(), shown);
					checkContentType(response, received, method, shown);
					return { status: response.status, headers: response.headers, body: received };
				}
			} catch (error) {
				if (error instanceof AppError || this.#options.signal?.aborted === true) throw error;
				const reason = describeNetworkError(error);
				if (last) {
					throw new AppError(
						"E_TAXII_NETWORK",
						`${method} ${shown} failed after ${attempt} attempt(s): ${reason}`,
						{
							cause: error,
							details: { url: shown, method, attempts: attempt },
						},
					);
				}
				await this.#wait(method, shown, attempt, this.#backoff(attempt), reason);
				continue;
			}
			const wait =
				isRetryableStatus(response.status) && !last ? this.#delayFor(response, attempt) : undefined;
			const errorBody = await readLimited(response, MAX_ERROR_BODY_BYTES, shown).catch(
				() => new Uint8Array(),
			);
			const error = httpError(method, shown, response, errorBody, attempt);
			if (wait === undefined) throw error;
			if (wait > this.#retry.maxRetryAfterMs) {
				throw new AppError(
					error.code,
					`${error.message}; it asked to retry after ${Math.ceil(wait / 1000)} s`,
					{
						cause: error,
						...(error.details === undefined ? {} : { details: error.details }),
					},
				);
			}
			await this.#wait(method, shown, attempt, wait, `HTTP ${response.status}`);
		}
	}

	#headers(hasBody: boolean): Record<string, string> {
		const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
		if (hasBody) headers["content-type"] = TAXII_MEDIA_TYPE;
		if (this.#options.userAgent !== undefined) headers["user-agent"] = this.#options.userAgent;
		const auth = this.#options.auth;
		if (auth?.kind === "basic") {
			headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`, "utf8").toString("base64")}`;
		} else if (auth?.kind === "bearer") {
			headers.authorization = `Bearer ${auth.token}`;
		}
		return headers;
	}

	#maxBytes(): number {
		return this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
	}

	#backoff(attempt: number): number {
		return backoffDelay(attempt, this.#retry, this.#random);
	}

	#delayFor(response: Response, attempt: number): number {
		return retryAfterMs(response.headers.get("retry-after"), Date.now()) ?? this.#backoff(attempt);
	}

	async #wait(method: string, url: string, attempt: number, delayMs: number, reason: string): Promise<void> {
		this.#options.onRetry?.({ method, url, attempt, delayMs, reason });
		await this.#sleep(delayMs, this.#options.signal);
	}
}

/**
 * Reads a body, counting decoded bytes (fetch has already undone any Content-Encoding, so a
 * compressed bomb is caught here), and stops reading as soon as the limit is passed.
 */
async function readLimited(response: Response, limit: number, url: string): Promise<Uint8Array> {
	const declared = Number(response.headers.get("content-length") ?? Number.NaN);
	if (response.headers.get("content-encoding") === null && declared > limit) {
		await response.body?.cancel();
		throw tooLarge(url, limit, declared);
	}
	if (response.body === null) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for await (const chunk of response.body) {
		total += chunk.byteLength;
		if (total > limit) {
			await response.body.cancel().catch(() => {});
			throw tooLarge(url, limit, total);
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks, total);
}

function tooLarge(url: string, limit: number, seen: number): AppError {
	return new AppError(
		"E_TAXII_TOO_LARGE",
		`response from ${url} exceeds the limit of ${limit.toLocaleString("en")} bytes (read ${seen.toLocaleString("en")} so far)`,
		{ details: { url, limit } },
	);
}

function checkContentType(response: Response, body: Uint8Array, method: string, url: string): void {
	if (body.byteLength === 0 && (method === "DELETE" || response.status === 204)) return;
	const type = response.headers.get("content-type");
	if (!isTaxii21ContentType(type)) {
		throw new AppError(
			"E_TAXII_PROTOCOL",
			`${method} ${url} answered ${response.status} with Content-Type ${JSON.stringify(type)}, not ${TAXII_MEDIA_TYPE} (§1.6.8): is this a TAXII 2.1 endpoint?`,
			{ details: { url, method, contentType: type } },
		);
	}
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
	401: "E_TAXII_AUTH",
	403: "E_TAXII_AUTH",
	404: "E_TAXII_NOT_FOUND",
	413: "E_TAXII_TOO_LARGE",
};

/** Turns an error answer into an AppError, quoting the TAXII error body (§3.6.1) when there is one. */
function httpError(
	method: string,
	url: string,
	response: Response,
	body: Uint8Array,
	attempts: number,
): AppError {
	const code =
		CODE_BY_STATUS[response.status] ??
		(response.status >= 500 || response.status === 429 ? "E_TAXII_SERVER" : "E_TAXII_HTTP");
	const taxii = errorBodyOf(response, body);
	const parts = [
		`${method} ${url} answered HTTP ${response.status}${response.statusText === "" ? "" : ` ${response.statusText}`}`,
	];
	if (taxii !== undefined) {
		parts.push(`: ${taxii.title}`);
		if (taxii.description !== undefined) parts.push(` — ${taxii.description}`);
		if (taxii.http_status !== undefined) parts.push(` (http_status ${taxii.http_status})`);
	} else {
		parts.push(
			` without a TAXII error body (Content-Type ${JSON.stringify(response.headers.get("content-type"))})`,
		);
	}
	if (attempts > 1) parts.push(` after ${attempts} attempts`);
	return new AppError(code, parts.join(""), {
		details: {
			url,
			method,
			httpStatus: response.status,
			attempts,
			...(taxii === undefined ? {} : { error: taxii }),
		},
	});
}

function errorBodyOf(response: Response, body: Uint8Array): TaxiiErrorBody | undefined {
	if (body.byteLength === 0 || !isTaxii21ContentType(response.headers.get("content-type"))) return undefined;
	try {
		const parsed = errorBodySchema.safeParse(parseJson(body));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

function describeNetworkError(error: unknown): string {
	if (error instanceof Error) {
		if (error.name === "TimeoutError") return "timed out";
		const cause = (error as { cause?: unknown }).cause;
		const detail = cause instanceof Error ? cause.message : undefined;
		return detail === undefined ? error.message : `${error.message} (${detail})`;
	}
	return String(error);
}

/** The URL as it may appear in messages and logs: never with user information. */
export function redact(url: URL): string {
	if (url.username === "" && url.password === "") return url.href;
	const copy = new URL(url.href);
	copy.username = "";
	copy.password = "";
	return copy.href;
}
