// The one way a request body is read, on every route that reads one: size limit, byte budget, encodings.
import { AppError } from "../errors/index.ts";
import type { BodyBudget, BodyPool } from "./budget.ts";

const DECODERS: Readonly<Record<string, "gzip" | "deflate">> = {
	gzip: "gzip",
	"x-gzip": "gzip",
	deflate: "deflate",
};

/** Where a body was found too large: its declared Content-Length, the bytes received, or after decoding. */
export type OversizeStage = "declared" | "received" | "decoded";

export interface ReadBodyOptions {
	/** Most bytes of the body (decoded) this route reads. */
	readonly maxBytes: number;
	/** The node's body budget; absent: only `maxBytes` bounds the read (tests of a sub-app alone). */
	readonly budget?: BodyBudget | undefined;
	/** Whose body it is (default `authenticated`: the route authenticated the sender before reading). */
	readonly pool?: BodyPool;
	/** Whether gzip and deflate bodies are decoded (TAXII, REST); otherwise only identity is accepted. */
	readonly decompress?: boolean;
	/** The route's own too-large error (its error code); default E_BODY_TOO_LARGE. */
	readonly tooLarge?: (stage: OversizeStage, maxBytes: number) => AppError;
}

/**
 * The request's body bytes (decoded when `decompress`), never holding more than `maxBytes` nor more
 * than the budget allows: a declared Content-Length over the limit is refused before any byte is read,
 * and an identity body with a Content-Length is reserved whole before the first read; a chunked or
 * compressed body is reserved as it is held, and cut off at the first byte past a limit.
 * @throws AppError E_BODY_TOO_LARGE (413, or the route's own code), E_BODY_BUSY (503 with
 *   `retry_after_seconds`), E_BODY_ENCODING (415), E_BODY_UNDECODABLE (400: compressed bytes that do not
 *   decode), E_BODY_ABORTED (the client stopped sending; nothing to answer, log it quietly).
 */
export async function readBody(request: Request, options: ReadBodyOptions): Promise<Uint8Array> {
	const { maxBytes, budget } = options;
	const pool = options.pool ?? "authenticated";
	const tooLarge = options.tooLarge ?? defaultTooLarge;
	const declaredField = request.headers.get("content-length");
	const declared = declaredField !== null && /^\d+$/.test(declaredField) ? Number(declaredField) : undefined;
	if (declared !== undefined && declared > maxBytes) throw tooLarge("declared", maxBytes);
	const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
	const format = options.decompress === true ? DECODERS[encoding] : undefined;
	if (format === undefined && encoding !== "identity") {
		throw new AppError(
			"E_BODY_ENCODING",
			options.decompress === true
				? `Content-Encoding ${encoding} is not supported; use gzip or deflate, or none`
				: `Content-Encoding ${encoding} is not accepted here; send the body uncompressed`,
		);
	}
	if (request.body === null) return new Uint8Array(0);
	// An identity body of known length is reserved whole before the first byte is read.
	const reservedUpFront = format === undefined && declared !== undefined;
	if (reservedUpFront) budget?.reserve(request, declared, pool);

	let stream = request.body.pipeThrough(byteLimit(maxBytes, () => tooLarge("received", maxBytes)));
	if (format !== undefined) {
		stream = stream
			.pipeThrough(new DecompressionStream(format) as TransformStream<Uint8Array, Uint8Array>)
			.pipeThrough(byteLimit(maxBytes, () => tooLarge("decoded", maxBytes)));
	}
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = stream.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (!reservedUpFront || total + value.byteLength > (declared ?? 0))
				budget?.reserve(request, value.byteLength, pool);
			chunks.push(value);
			total += value.byteLength;
		}
	} catch (error) {
		await reader.cancel().catch(() => {});
		if (error instanceof AppError) throw error;
		if (format !== undefined && !isAbort(error)) {
			throw new AppError("E_BODY_UNDECODABLE", `the ${encoding} request body could not be decoded`, {
				cause: error,
			});
		}
		throw new AppError("E_BODY_ABORTED", "the client stopped sending the request body", { cause: error });
	}
	return Buffer.concat(chunks, total);
}

/** Counts bytes passing through and fails the stream as soon as more than `maxBytes` have passed. */
function byteLimit(maxBytes: number, error: () => AppError): TransformStream<Uint8Array, Uint8Array> {
	let seen = 0;
	return new TransformStream({
		transform(chunk, controller) {
			seen += chunk.byteLength;
			if (seen > maxBytes) controller.error(error());
			else controller.enqueue(chunk);
		},
	});
}

/** A failure of the request stream itself (the socket closed) rather than of decompression. */
function isAbort(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === "ECONNRESET" || code === "ABORT_ERR" || (error as Error | null)?.name === "AbortError";
}

function defaultTooLarge(stage: OversizeStage, maxBytes: number): AppError {
	const what = stage === "declared" ? "declared length" : stage === "decoded" ? "decoded" : "received";
	return new AppError("E_BODY_TOO_LARGE", `the request body (${what}) is larger than ${maxBytes} bytes`, {
		details: { limit: maxBytes },
	});
}
