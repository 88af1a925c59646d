// RFC 9530 Content-Digest: a hash of the message content that an HTTP signature then covers.
import { createHash, timingSafeEqual } from "node:crypto";
import { bodyBytes } from "./signature-base.ts";
import {
	parseDictionary,
	type SfDictionary,
	SfParseError,
	serializeDictionary,
} from "./structured-fields.ts";

/**
 * Algorithms accepted when verifying, with their node:crypto name. Both are "Active" in the IANA
 * Hash Algorithms registry (RFC 9530 §7.2); the deprecated ones (md5, sha, unixsum, unixcksum, adler,
 * crc32c) and unknown ones are refused rather than ignored, since every Entente node sends sha-256.
 */
const ALGORITHMS = { "sha-256": "sha256", "sha-512": "sha512" } as const;

/** Why a Content-Digest did not vouch for a body. */
export type DigestProblem = "missing" | "malformed" | "unsupported-algorithm" | "mismatch";

export type DigestCheck =
	| { ok: true; algorithms: string[] }
	| { ok: false; problem: DigestProblem; detail: string };

/**
 * The Content-Digest field value for a body: `sha-256=:<base64>:`.
 * @example contentDigest(new TextEncoder().encode('{"hello": "world"}'))
 * // 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
 */
export function contentDigest(body: Uint8Array | string): string {
	const digest = createHash("sha256").update(bodyBytes(body)).digest();
	return serializeDictionary(new Map([["sha-256", { value: digest, params: new Map() }]]));
}

/**
 * Checks a Content-Digest field value against a body. Every digest listed must use a supported
 * algorithm and match (compared in constant time); an empty or absent field is "missing".
 */
export function verifyContentDigest(field: string | undefined, body: Uint8Array | string): DigestCheck {
	if (field === undefined || field.trim() === "") {
		return { ok: false, problem: "missing", detail: "no Content-Digest field" };
	}
	let dict: SfDictionary;
	try {
		dict = parseDictionary(field);
	} catch (error) {
		if (!(error instanceof SfParseError)) throw error;
		return {
			ok: false,
			problem: "malformed",
			detail: `Content-Digest is not a dictionary: ${error.message}`,
		};
	}
	if (dict.size === 0) return { ok: false, problem: "missing", detail: "Content-Digest lists no digest" };
	const bytes = bodyBytes(body);
	for (const [algorithm, member] of dict) {
		if (!Object.hasOwn(ALGORITHMS, algorithm)) {
			return {
				ok: false,
				problem: "unsupported-algorithm",
				detail: `Content-Digest algorithm "${algorithm}" is not accepted; use one of ${Object.keys(ALGORITHMS).join(", ")}`,
			};
		}
		if ("items" in member || !(member.value instanceof Uint8Array)) {
			return {
				ok: false,
				problem: "malformed",
				detail: `Content-Digest ${algorithm} is not a byte sequence`,
			};
		}
		const expected = createHash(ALGORITHMS[algorithm as keyof typeof ALGORITHMS])
			.update(bytes)
			.digest();
		const actual = member.value;
		if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
			return {
				ok: false,
				problem: "mismatch",
				detail: `the body does not match its ${algorithm} Content-Digest`,
			};
		}
	}
	return { ok: true, algorithms: [...dict.keys()] };
}
