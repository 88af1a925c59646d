// Untrusted bytes as text: the same strict UTF-8 rule JSON input follows, for bodies that are not JSON (YAML).
import { AppError } from "../errors/index.ts";
import { firstInvalidUtf8 } from "./diagnose.ts";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 bytes, refusing what parseJson refuses: invalid or overlong sequences and encoded
 * surrogates. A leading byte order mark is skipped, as parseJson skips it.
 * @throws AppError E_JSON_UTF8 naming the byte offset of the first invalid sequence.
 * @example decodeUtf8Text(new Uint8Array([0x68, 0x69])) // → "hi"
 */
export function decodeUtf8Text(bytes: Uint8Array): string {
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	try {
		return decoder.decode(bom === 0 ? bytes : bytes.subarray(bom));
	} catch (cause) {
		const at = bom + Math.max(0, firstInvalidUtf8(bytes.subarray(bom)));
		throw new AppError("E_JSON_UTF8", `invalid UTF-8 at byte ${at}`, { cause, details: { offset: at } });
	}
}
