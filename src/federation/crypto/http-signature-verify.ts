// The verifying half of Entente's RFC 9421 profile: each failure is named by the step that failed, so
// a connection test can say "clock", "key" or "signature" in words.
import { type KeyObject, verify } from "node:crypto";
import { verifyContentDigest } from "./content-digest.ts";
import { REQUEST_COMPONENTS, responseComponents, SIGNATURE_LABEL } from "./http-signature.ts";
import {
	ComponentError,
	fieldValue,
	type HttpRequestParts,
	type HttpResponseParts,
	type SignedMessage,
	signatureBase,
	signatureInputMember,
} from "./signature-base.ts";
import {
	isInnerList,
	parseDictionary,
	type SfInnerList,
	SfParseError,
	serializeItem,
} from "./structured-fields.ts";

/** The step at which a signed message was refused. */
export type SignatureFailureReason =
	| "missing-signature"
	| "malformed"
	| "not-yet-valid"
	| "expired"
	| "unknown-key"
	| "bad-signature"
	| "bad-digest"
	| "replayed";

export type SignatureVerdict =
	| { ok: true; keyId: string; created: number; expires: number; nonce: string | undefined }
	| { ok: false; reason: SignatureFailureReason; detail: string };

/** What the verifier needs from its surroundings; nothing here is global. */
export interface VerifyResponseOptions {
	/** The public key for a key id, or undefined when the id is not one the peer may use. */
	keyResolver: (keyId: string) => KeyObject | undefined;
	now: Date;
	/** Clock difference tolerated between the nodes, both ways. Default 600 (±10 minutes). */
	maxSkewSeconds?: number;
	/** Longest `expires - created` accepted, so a signature cannot outlive the replay cache. Default 600. */
	maxLifetimeSeconds?: number;
	label?: string;
}

export interface VerifyRequestOptions extends VerifyResponseOptions {
	/**
	 * Replay check: true when the key was seen before; otherwise remember it until `forgetAfter`
	 * (Unix seconds) and return false. Called only once everything else has passed. See ReplayCache.
	 */
	seenNonce: (key: string, forgetAfter: number, now: number) => boolean;
	/**
	 * "deferred": verify everything the headers carry — the signature covers the Content-Digest field —
	 * before the body is read; the caller then checks the body against that field with
	 * {@link verifyContentDigest}. Default "checked": the body given is checked here.
	 */
	digest?: "checked" | "deferred";
}

const DEFAULT_MAX_SKEW = 600;
const REQUIRED_REQUEST_COMPONENTS = REQUEST_COMPONENTS.map((name) => `"${name}"`);
const DEFAULT_MAX_LIFETIME = 600;

/**
 * Verifies a request signed by {@link signRequest}, in this order: fields present, parameters well
 * formed and covering the profile, time window (± skew), key known, signature, body digest, nonce unseen.
 * @example
 * const verdict = verifyRequest({ method, url, headers, body }, { keyResolver, now: new Date(), seenNonce });
 * if (!verdict.ok) log.warn({ reason: verdict.reason }, verdict.detail);
 */
export function verifyRequest(request: HttpRequestParts, options: VerifyRequestOptions): SignatureVerdict {
	const verdict = verifyMessage(
		{ request },
		request,
		REQUIRED_REQUEST_COMPONENTS,
		true,
		options,
		options.digest !== "deferred",
	);
	if (!verdict.ok) return verdict;
	const now = unixSeconds(options.now);
	const forgetAfter = verdict.expires + (options.maxSkewSeconds ?? DEFAULT_MAX_SKEW);
	if (options.seenNonce(`${verdict.keyId} ${verdict.nonce}`, forgetAfter, now)) {
		return fail("replayed", `nonce ${verdict.nonce} was already used with key ${verdict.keyId}`);
	}
	return verdict;
}

/**
 * Verifies a response signed by {@link signResponse} against the request it answers (as it was sent,
 * signature fields included). No replay cache: the response is bound to that request's signature.
 */
export function verifyResponse(
	response: HttpResponseParts,
	request: HttpRequestParts,
	options: VerifyResponseOptions,
): SignatureVerdict {
	const required = responseComponents(options.label ?? SIGNATURE_LABEL).map(serializeItem);
	return verifyMessage({ request, response }, response, required, false, options);
}

function verifyMessage(
	message: SignedMessage,
	signed: HttpRequestParts | HttpResponseParts,
	requiredComponents: readonly string[],
	requireNonce: boolean,
	options: VerifyResponseOptions,
	checkDigest = true,
): SignatureVerdict {
	const label = options.label ?? SIGNATURE_LABEL;
	const skew = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW;
	const now = unixSeconds(options.now);
	const inputField = fieldValue(signed.headers, "signature-input");
	const signatureField = fieldValue(signed.headers, "signature");
	if (inputField === undefined || signatureField === undefined) {
		return fail("missing-signature", "the message has no Signature-Input and Signature fields");
	}

	let list: SfInnerList | undefined;
	let signature: Uint8Array;
	try {
		list = signatureInputMember(inputField, label);
		const member = parseDictionary(signatureField).get(label);
		if (list === undefined || member === undefined) {
			return fail("missing-signature", `no signature labelled "${label}"`);
		}
		if (isInnerList(member) || !(member.value instanceof Uint8Array)) {
			return fail("malformed", `Signature "${label}" is not a byte sequence`);
		}
		signature = member.value;
	} catch (error) {
		if (error instanceof SfParseError) return fail("malformed", `signature fields: ${error.message}`);
		throw error;
	}

	const params = checkParams(list, requiredComponents, requireNonce, options.maxLifetimeSeconds);
	if (typeof params === "string") return fail("malformed", params);
	const { keyId, created, expires, nonce } = params;

	if (created > now + skew) {
		return fail(
			"not-yet-valid",
			`signature created ${created - now}s in the future (clock skew over ${skew}s?)`,
		);
	}
	// One window for both directions (issue 14): the signer's clock within ± skew of ours, judged on `created`. A
	// window judged on `expires` alone let a receiver up to skew + lifetime ahead store a push whose sender then
	// refused the receiver's answer (its `created` over skew ahead) and sent it again forever.
	if (created < now - skew) {
		return fail("expired", `signature created ${now - created}s ago (clock skew over ${skew}s?)`);
	}
	if (expires < now - skew) return fail("expired", `signature expired ${now - expires}s ago`);
	// Date counts only when signed: a server stamps its own Date on every response.
	const date = list.items.some((c) => c.value === "date") ? fieldValue(signed.headers, "date") : undefined;
	if (date !== undefined) {
		const dateSeconds = Date.parse(date) / 1000;
		if (Number.isNaN(dateSeconds))
			return fail("malformed", `Date ${JSON.stringify(date)} is not an HTTP date`);
		if (dateSeconds > now + skew)
			return fail("not-yet-valid", `Date is ${Math.round(dateSeconds - now)}s ahead`);
	}

	const key = options.keyResolver(keyId);
	if (key === undefined) return fail("unknown-key", `key id ${keyId} is not a key of this peer`);
	if (key.type !== "public" || key.asymmetricKeyType !== "ed25519") {
		return fail("unknown-key", `key id ${keyId} does not resolve to an Ed25519 public key`);
	}

	let base: string;
	try {
		base = signatureBase(list, message);
	} catch (error) {
		if (error instanceof ComponentError || error instanceof SfParseError)
			return fail("malformed", error.message);
		throw error;
	}
	if (signature.length !== 64 || !verify(null, Buffer.from(base), key, signature)) {
		return fail("bad-signature", `the signature does not verify with key ${keyId}`);
	}

	const digestField = fieldValue(signed.headers, "content-digest");
	if (!checkDigest) {
		if (digestField === undefined || digestField.trim() === "")
			return fail("bad-digest", "no Content-Digest field");
		return { ok: true, keyId, created, expires, nonce };
	}
	const digest = verifyContentDigest(digestField, signed.body ?? "");
	if (!digest.ok) return fail("bad-digest", digest.detail);
	return { ok: true, keyId, created, expires, nonce };
}

interface CheckedParams {
	keyId: string;
	created: number;
	expires: number;
	nonce: string | undefined;
}

/** The profile's rules for Signature-Input; returns what is wrong as a sentence. */
function checkParams(
	list: SfInnerList,
	requiredComponents: readonly string[],
	requireNonce: boolean,
	maxLifetime = DEFAULT_MAX_LIFETIME,
): CheckedParams | string {
	const covered = new Set(list.items.map(serializeItem));
	const uncovered = requiredComponents.filter((c) => !covered.has(c));
	if (uncovered.length > 0) return `signature does not cover ${uncovered.join(", ")}`;
	const { created, expires, keyid, alg, nonce } = Object.fromEntries(list.params);
	if (typeof keyid !== "string" || keyid === "") return "signature has no keyid";
	if (alg !== undefined && alg !== "ed25519") return `alg ${JSON.stringify(alg)} is not "ed25519"`;
	if (!Number.isInteger(created) || !Number.isInteger(expires))
		return "signature needs integer created and expires";
	const lifetime = (expires as number) - (created as number);
	if (lifetime <= 0 || lifetime > maxLifetime)
		return `signature lifetime ${lifetime}s is outside (0, ${maxLifetime}]`;
	if (nonce !== undefined && typeof nonce !== "string") return "nonce must be a string";
	if (requireNonce && (nonce === undefined || nonce.length < 16))
		return "signature needs a nonce of 16+ characters";
	return { keyId: keyid, created: created as number, expires: expires as number, nonce };
}

function fail(reason: SignatureFailureReason, detail: string): SignatureVerdict {
	return { ok: false, reason, detail };
}

function unixSeconds(date: Date): number {
	return Math.floor(date.getTime() / 1000);
}
