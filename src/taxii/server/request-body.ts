// Reads a request body under max_content_length (§4.2.1) while it streams: compressed bodies are counted decoded.
import { type BodyBudget, readBody } from "../../body/index.ts";
import { AppError, isAppError } from "../../errors/index.ts";

/**
 * The body's bytes, decoded (gzip, deflate), read the one way every route reads them (src/body): never
 * more than `maxBytes`, charged to the node's body budget. A declared Content-Length over the limit is
 * refused before any byte is read, and a stream (or a decompression bomb) is cut off at the first byte past it.
 * @throws AppError E_TAXII_BODY_TOO_LARGE (413), E_TAXII_UNSUPPORTED_MEDIA_TYPE (415) for an unknown
 * Content-Encoding, E_TAXII_NOT_ENVELOPE (422) for a body that does not decode, E_BODY_BUSY (503).
 */
export async function readLimitedBody(
	request: Request,
	maxBytes: number,
	bodies?: BodyBudget,
): Promise<Uint8Array> {
	try {
		return await readBody(request, {
			maxBytes,
			budget: bodies,
			decompress: true,
			tooLarge: (stage, limit) =>
				new AppError(
					"E_TAXII_BODY_TOO_LARGE",
					`the request body ${stage} exceeds max_content_length (${limit} bytes) of this API root`,
					{ details: { max_content_length: limit } },
				),
		});
	} catch (error) {
		if (!isAppError(error)) throw error;
		if (error.code === "E_BODY_ENCODING")
			throw new AppError("E_TAXII_UNSUPPORTED_MEDIA_TYPE", error.message, { cause: error });
		if (error.code === "E_BODY_UNDECODABLE")
			throw new AppError("E_TAXII_NOT_ENVELOPE", error.message, { cause: error });
		throw error;
	}
}
