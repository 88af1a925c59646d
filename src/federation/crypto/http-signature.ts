// Entente's RFC 9421 profile for signing federation requests and their acknowledgements: which
// components are covered, which parameters are required, and the signing half.
import { type KeyObject, randomBytes, sign } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import { contentDigest } from "./content-digest.ts";
import {
	fieldValue,
	type HttpRequestParts,
	type HttpResponseParts,
	signatureBase,
} from "./signature-base.ts";
import {
	type SfBareItem,
	type SfInnerList,
	type SfItem,
	type SfParams,
	serializeDictionary,
} from "./structured-fields.ts";

/** The dictionary label of Entente's signature in Signature-Input and Signature. */
export const SIGNATURE_LABEL = "entente";

/** How long a signature is valid when the signer does not say (`expires - created`). */
export const DEFAULT_SIGNATURE_LIFETIME_SECONDS = 300;

/**
 * Components every request signature covers: the method, the whole target URI (scheme, authority,
 * path and query, so a signature for one peer or endpoint is useless at another), the body through
 * its Content-Digest, and Date (issue 5 names it; `created` already dates the signature precisely).
 */
export const REQUEST_COMPONENTS = ["@method", "@target-uri", "content-digest", "date"] as const;

/**
 * Components every response signature covers: the status, the body, and the request's own
 * signature (`"signature";req;key="entente"`), which binds an acknowledgement to one request and
 * its nonce — an old acknowledgement cannot be replayed for a new push (RFC 9421 §2.4).
 */
export function responseComponents(label: string = SIGNATURE_LABEL): SfItem[] {
	return [
		item("@status"),
		item("content-digest"),
		{
			value: "signature",
			params: new Map<string, SfBareItem>([
				["req", true],
				["key", label],
			]),
		},
	];
}

/** Signature parameters; times are Unix seconds. */
export interface SignOptions {
	keyId: string;
	created: number;
	/** Default: `created` + {@link DEFAULT_SIGNATURE_LIFETIME_SECONDS}. */
	expires?: number;
	/** Default: 16 random bytes, base64url. Responses carry no nonce (they are bound to the request's). */
	nonce?: string;
	label?: string;
}

/** Fields to add to a request before sending it. */
export type RequestSignatureFields = {
	"content-digest": string;
	date: string;
	"signature-input": string;
	signature: string;
};

/** Fields to add to a response before sending it. */
export type ResponseSignatureFields = {
	"content-digest": string;
	"signature-input": string;
	signature: string;
};

/**
 * Signs a request: returns Content-Digest, Date (the request's own if it has one, else `created` as
 * an IMF-fixdate), Signature-Input and Signature, to be added to the request as they are.
 * @example
 * const fields = signRequest({ method: "POST", url, headers: {}, body }, ring.current.privateKey,
 *   { keyId: ring.current.keyId, created: Math.floor(Date.now() / 1000) });
 */
export function signRequest(
	request: HttpRequestParts,
	key: KeyObject,
	options: SignOptions,
): RequestSignatureFields {
	const digest = contentDigest(request.body ?? "");
	const date = fieldValue(request.headers, "date") ?? new Date(options.created * 1000).toUTCString();
	const nonce = options.nonce ?? randomBytes(16).toString("base64url");
	const list = signatureParams(REQUEST_COMPONENTS.map(item), { ...options, nonce });
	const message = { request: { ...request, headers: { "content-digest": digest, date } } };
	const fields = sealed(list, message, key, options.label ?? SIGNATURE_LABEL);
	return { "content-digest": digest, date, ...fields };
}

/**
 * Signs a response (an acknowledgement) to `request`, which must carry the Signature fields it was
 * sent with; the response signature covers that request signature.
 */
export function signResponse(
	response: HttpResponseParts,
	request: HttpRequestParts,
	key: KeyObject,
	options: Omit<SignOptions, "nonce">,
): ResponseSignatureFields {
	const label = options.label ?? SIGNATURE_LABEL;
	if (fieldValue(request.headers, "signature") === undefined) {
		throw new AppError("E_FEDERATION_SIGNING_INPUT", "cannot sign a response to an unsigned request");
	}
	const digest = contentDigest(response.body ?? "");
	const list = signatureParams(responseComponents(label), options);
	const message = { request, response: { ...response, headers: { "content-digest": digest } } };
	return { "content-digest": digest, ...sealed(list, message, key, label) };
}

function sealed(
	list: SfInnerList,
	message: Parameters<typeof signatureBase>[1],
	key: KeyObject,
	label: string,
): { "signature-input": string; signature: string } {
	if (key.type !== "private" || key.asymmetricKeyType !== "ed25519") {
		throw new AppError("E_FEDERATION_KEY_INVALID", "HTTP signatures need an Ed25519 private key");
	}
	let base: string;
	try {
		base = signatureBase(list, message);
	} catch (error) {
		throw new AppError("E_FEDERATION_SIGNING_INPUT", `cannot sign: ${(error as Error).message}`, {
			cause: error,
		});
	}
	const signature = sign(null, Buffer.from(base), key);
	return {
		"signature-input": serializeDictionary(new Map([[label, list]])),
		signature: serializeDictionary(new Map([[label, { value: signature, params: new Map() }]])),
	};
}

function signatureParams(components: SfItem[], options: SignOptions): SfInnerList {
	const expires = options.expires ?? options.created + DEFAULT_SIGNATURE_LIFETIME_SECONDS;
	if (!Number.isInteger(options.created) || !Number.isInteger(expires) || expires <= options.created) {
		throw new AppError(
			"E_FEDERATION_SIGNING_INPUT",
			"created and expires must be whole seconds, expires later",
		);
	}
	const params: SfParams = new Map();
	params.set("created", options.created);
	params.set("expires", expires);
	if (options.nonce !== undefined) params.set("nonce", options.nonce);
	params.set("keyid", options.keyId);
	params.set("alg", "ed25519");
	return { items: components, params };
}

function item(name: string): SfItem {
	return { value: name, params: new Map() };
}
