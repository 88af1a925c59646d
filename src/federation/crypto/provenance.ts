// Provenance of an object version: a detached JWS (RFC 7515 Appendix F, EdDSA per RFC 8037) over the
// RFC 8785 canonical JSON of the object. The signature travels beside the object, never inside it.
// Verification, which reads what peers send, is `jose`'s; signing is node:crypto over a header we
// write, byte for byte what jose's FlattenedSign writes (tested; decisions D43).
import { type KeyObject, sign } from "node:crypto";
import { promisify } from "node:util";
import { errors, flattenedVerify } from "jose";
import { AppError } from "../../errors/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { canonicalJson } from "../../stix/ids/index.ts";

/** The JWS `typ` (RFC 8725 §3.11 explicit typing), so no other JWS from a node key passes as provenance. */
export const PROVENANCE_TYP = "entente-provenance+jws";

/**
 * A property never covered by a provenance signature. Entente does not put signatures inside objects,
 * but a peer or tool might; excluding it keeps such an object verifiable.
 */
export const SIGNATURE_PROPERTY = "x_entente_signatures";

/** The version a transformed copy was made from, and the key id that signed that version. */
export interface DerivedFrom {
	id: string;
	version: string;
	signer: string;
}

/**
 * A detached JWS in flattened JSON form (RFC 7515 §7.2.2) without `payload`: the payload is the
 * object's canonical JSON, rebuilt by the verifier. `protected` holds alg, kid, typ and, for a
 * transformed copy, `derived_from` — all covered by the signature.
 */
export interface ProvenanceSignature {
	protected: string;
	signature: string;
}

/** How an object and its provenance travel between nodes. */
export interface SignedObject {
	object: StixObject;
	provenance: ProvenanceSignature;
}

export type ProvenanceFailureReason = "malformed" | "unknown-key" | "bad-signature";

export type ProvenanceVerdict =
	| { ok: true; keyId: string; derivedFrom: DerivedFrom | undefined }
	| { ok: false; reason: ProvenanceFailureReason; detail: string };

/**
 * Signs one object version with the node's current key. Pass `derivedFrom` when the object is a
 * transformed copy (e.g. pseudonymised) of a version another key signed.
 * @example const provenance = signObject(object, ring.current.privateKey, ring.current.keyId);
 */
export function signObject(
	object: StixObject,
	key: KeyObject,
	keyId: string,
	options: { derivedFrom?: DerivedFrom } = {},
): ProvenanceSignature {
	const encodedHeader = protectedHeader(key, keyId, options);
	const signature = sign(null, signingInput(encodedHeader, object), key);
	return { protected: encodedHeader, signature: signature.toString("base64url") };
}

/**
 * {@link signObject} on libuv's thread pool, so a page of signatures runs in parallel off the event
 * loop. `canonical` is the object's canonical JSON when the caller already has it (it must be
 * `canonicalJson` of the object without {@link SIGNATURE_PROPERTY}); it is computed otherwise.
 */
export async function signObjectAsync(
	object: StixObject,
	key: KeyObject,
	keyId: string,
	options: { derivedFrom?: DerivedFrom; canonical?: string } = {},
): Promise<ProvenanceSignature> {
	const encodedHeader = protectedHeader(key, keyId, options);
	const input = signingInputOf(encodedHeader, options.canonical ?? coveredCanonical(object));
	const signature = await signOnPool(null, input, key);
	return { protected: encodedHeader, signature: signature.toString("base64url") };
}

const signOnPool = promisify(sign);

function protectedHeader(key: KeyObject, keyId: string, options: { derivedFrom?: DerivedFrom }): string {
	if (key.type !== "private" || key.asymmetricKeyType !== "ed25519") {
		throw new AppError("E_FEDERATION_KEY_INVALID", "provenance signatures need an Ed25519 private key");
	}
	const header: Record<string, unknown> = { alg: "EdDSA", kid: keyId, typ: PROVENANCE_TYP };
	if (options.derivedFrom !== undefined) header.derived_from = options.derivedFrom;
	return Buffer.from(canonicalJson(header)).toString("base64url");
}

/**
 * Verifies an object against its provenance signature with `jose` (decisions D43), on libuv's thread
 * pool (WebCrypto), so the verifications of a page run in parallel off the event loop. Key order,
 * whitespace and the {@link SIGNATURE_PROPERTY} do not matter (canonical JSON); any other change does.
 * Besides what JWS requires (RFC 7515: base64url members, a JSON header, `crit` understood), the header
 * must carry alg EdDSA, typ {@link PROVENANCE_TYP}, a kid the resolver knows and no `crit` at all.
 */
export async function verifyObjectAsync(
	object: StixObject,
	provenance: ProvenanceSignature,
	keyResolver: (keyId: string) => KeyObject | undefined,
): Promise<ProvenanceVerdict> {
	if (typeof provenance?.protected !== "string" || typeof provenance.signature !== "string") {
		return malformed("provenance needs string protected and signature members");
	}
	// RFC 7515 §2: unpadded base64url. jose's decoder (atob on Node 24) would also take padding and spaces.
	if (!BASE64URL.test(provenance.protected) || !BASE64URL.test(provenance.signature)) {
		return malformed("protected and signature must be base64url");
	}
	let payload: string;
	try {
		payload = Buffer.from(coveredCanonical(object)).toString("base64url");
	} catch (error) {
		return malformed(`object is not JSON: ${(error as Error).message}`);
	}
	try {
		const { protectedHeader } = await flattenedVerify(
			{ protected: provenance.protected, signature: provenance.signature, payload },
			(protectedHeader) => {
				const { kid } = profileHeader(protectedHeader);
				const key = keyResolver(kid);
				if (key === undefined || key.type !== "public" || key.asymmetricKeyType !== "ed25519") {
					throw new UnknownKey(`key id ${kid} is not a known Ed25519 public key`);
				}
				return key;
			},
			{ algorithms: ["EdDSA"] },
		);
		const header = profileHeader(protectedHeader ?? {});
		return { ok: true, keyId: header.kid, derivedFrom: header.derivedFrom };
	} catch (error) {
		return refusal(object, error);
	}
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface ProfileHeader {
	kid: string;
	derivedFrom: DerivedFrom | undefined;
}

/** A protected header that breaks Entente's provenance profile. */
class ProfileError extends Error {}
/** A kid that names no key the verifier holds. */
class UnknownKey extends Error {}

function malformed(detail: string): ProvenanceVerdict {
	return { ok: false, reason: "malformed", detail };
}

function refusal(object: StixObject, error: unknown): ProvenanceVerdict {
	if (error instanceof UnknownKey) return { ok: false, reason: "unknown-key", detail: error.message };
	if (error instanceof errors.JWSSignatureVerificationFailed) {
		return { ok: false, reason: "bad-signature", detail: `object ${object.id} does not match its signature` };
	}
	if (error instanceof ProfileError || error instanceof errors.JOSEError) {
		return malformed(error.message);
	}
	throw error;
}

/** Entente's rules for the protected header, once `jose` has checked it is a JWS header (alg EdDSA). */
function profileHeader(header: Record<string, unknown>): ProfileHeader {
	if (header.typ !== PROVENANCE_TYP) {
		throw new ProfileError(`typ ${JSON.stringify(header.typ)} is not ${PROVENANCE_TYP}`);
	}
	if (typeof header.kid !== "string" || header.kid === "")
		throw new ProfileError("protected header has no kid");
	// jose accepts crit: ["b64"] (RFC 7797); provenance never uses an extension, so any crit is refused.
	if ("crit" in header) {
		throw new ProfileError("protected header lists critical extensions this verifier does not support");
	}
	const derived = header.derived_from;
	if (derived === undefined) return { kid: header.kid, derivedFrom: undefined };
	const d = derived as Record<string, unknown> | null;
	if (typeof d?.id !== "string" || typeof d.version !== "string" || typeof d.signer !== "string") {
		throw new ProfileError("derived_from needs string id, version and signer");
	}
	return { kid: header.kid, derivedFrom: { id: d.id, version: d.version, signer: d.signer } };
}

/** The bytes a JWS signs: ASCII(BASE64URL(header)) "." BASE64URL(canonical object) (RFC 7515 §5.1). */
function signingInput(encodedHeader: string, object: StixObject): Buffer {
	return signingInputOf(encodedHeader, coveredCanonical(object));
}

function signingInputOf(encodedHeader: string, canonical: string): Buffer {
	return Buffer.from(`${encodedHeader}.${Buffer.from(canonical).toString("base64url")}`);
}

/** The canonical JSON a provenance signature covers: the object without {@link SIGNATURE_PROPERTY}. */
export function coveredCanonical(object: StixObject): string {
	if (!(SIGNATURE_PROPERTY in object)) return canonicalJson(object);
	const { [SIGNATURE_PROPERTY]: _excluded, ...covered } = object;
	return canonicalJson(covered);
}
