// Public face of federation/crypto: node keys, HTTP message signatures, content digests, provenance.
export {
	contentDigest,
	type DigestCheck,
	type DigestProblem,
	verifyContentDigest,
} from "./content-digest.ts";
export {
	DEFAULT_SIGNATURE_LIFETIME_SECONDS,
	REQUEST_COMPONENTS,
	type RequestSignatureFields,
	type ResponseSignatureFields,
	responseComponents,
	SIGNATURE_LABEL,
	type SignOptions,
	signRequest,
	signResponse,
} from "./http-signature.ts";
export {
	type SignatureFailureReason,
	type SignatureVerdict,
	type VerifyRequestOptions,
	type VerifyResponseOptions,
	verifyRequest,
	verifyResponse,
} from "./http-signature-verify.ts";
export { type Ed25519PublicJwk, fromPublicJwk, importJwkSet, keyIdOf, toPublicJwk } from "./jwk.ts";
export { NodeKeyRing, type RetiredKey, type SigningKey } from "./key-ring.ts";
export { type KeyRingFiles, parseKeyRing, serializeKeyRing } from "./key-ring-file.ts";
export {
	coveredCanonical,
	type DerivedFrom,
	PROVENANCE_TYP,
	type ProvenanceFailureReason,
	type ProvenanceSignature,
	type ProvenanceVerdict,
	SIGNATURE_PROPERTY,
	type SignedObject,
	signObject,
	signObjectAsync,
	verifyObjectAsync,
} from "./provenance.ts";
export { ReplayCache, type ReplayCacheOptions } from "./replay-cache.ts";
export type { HeaderSource, HttpRequestParts, HttpResponseParts } from "./signature-base.ts";
