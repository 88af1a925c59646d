// Reads a request body under max_content_length (§4.2.1) while it streams: compressed bodies are counted decoded.
import { AppError } from "../../errors/index.ts";

const DECODERS: Record<string, "gzip" | "deflate"> = { gzip: "gzip", "x-gzip": "gzip", deflate: "deflate" };

function tooLarge(maxBytes: number, what: string): AppError {
	return new AppError(
		"E_TAXII_BODY_TOO_LARGE",
		`the request body ${what} exceeds max_content_length (${maxBytes} bytes) of this API root`,
		{ details: { max_content_length: maxBytes } },
	);
}

/** Counts bytes passing through and fails the stream as soon as more than `maxBytes` have passed. */
function byteLimit(maxBytes: number, what: string): TransformStream<Uint8Array, Uint8Array> {
	let seen = 0;
	return new TransformStream({
		transform(chunk, controller) {
			seen += chunk.byteLength;
			if (seen > maxBytes) controller.error(tooLarge(maxBytes, what));
			else controller.enqueue(chunk);
		},
	});
}

/**
 * The body's bytes, decoded (gzip, deflate), never holding more than `maxBytes` of them: a declared
 * Content-Length over the limit is refused before any byte is read, and a stream (or a decompression
 * bomb) is cut off at the first byte past it.
 * @throws AppError E_TAXII_BODY_TOO_LARGE (413), E_TAXII_UNSUPPORTED_MEDIA_TYPE (415) for an unknown
 * Content-Encoding, E_TAXII_NOT_ENVELOPE (422) for a body that does not decode.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
	const declared = request.headers.get("content-length");
	if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes)
		throw tooLarge(maxBytes, "declared");
	const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
	const format = DECODERS[encoding];
	if (format === undefined && encoding !== "identity") {
		throw new AppError(
			"E_TAXII_UNSUPPORTED_MEDIA_TYPE",
			`Content-Encoding ${encoding} is not supported; use gzip or deflate`,
		);
	}
	if (request.body === null) return new Uint8Array(0);
	let stream = request.body.pipeThrough(byteLimit(maxBytes, "received"));
	if (format !== undefined) {
		stream = stream
			.pipeThrough(new DecompressionStream(format) as TransformStream<Uint8Array, Uint8Array>)
			.pipeThrough(byteLimit(maxBytes, "decoded"));
	}
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = stream.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			total += value.byteLength;
		}
	} catch (error) {
		await reader.cancel().catch(() => {});
		if (error instanceof AppError) throw error;
		throw new AppError("E_TAXII_NOT_ENVELOPE", `the ${encoding} request body could not be decoded`, {
			cause: error,
		});
	}
	return Buffer.concat(chunks, total);
}
