// Provenance of an object version: a detached JWS (RFC 7515 Appendix F, EdDSA per RFC 8037) over the
// RFC 8785 canonical JSON of the object. The signature travels beside the object, never inside it.
import { type KeyObject, sign, verify } from "node:crypto";
import { promisify } from "node:util";
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
const verifyOnPool = promisify(verify);

function protectedHeader(key: KeyObject, keyId: string, options: { derivedFrom?: DerivedFrom }): string {
	if (key.type !== "private" || key.asymmetricKeyType !== "ed25519") {
		throw new AppError("E_FEDERATION_KEY_INVALID", "provenance signatures need an Ed25519 private key");
	}
	const header: Record<string, unknown> = { alg: "EdDSA", kid: keyId, typ: PROVENANCE_TYP };
	if (options.derivedFrom !== undefined) header.derived_from = options.derivedFrom;
	return Buffer.from(canonicalJson(header)).toString("base64url");
}

/**
 * Verifies an object against its provenance signature. Key order, whitespace and the
 * {@link SIGNATURE_PROPERTY} do not matter (canonical JSON); any other change does.
 */
export function verifyObject(
	object: StixObject,
	provenance: ProvenanceSignature,
	keyResolver: (keyId: string) => KeyObject | undefined,
): ProvenanceVerdict {
	const prepared = prepareVerification(object, provenance, keyResolver);
	if ("ok" in prepared) return prepared;
	return verdictOf(object, prepared, verify(null, prepared.input, prepared.key, prepared.signature));
}

/**
 * {@link verifyObject} on libuv's thread pool: the Ed25519 check runs off the event loop, so the
 * verifications of a page run in parallel (node:crypto's one-shot verify with a callback).
 */
export async function verifyObjectAsync(
	object: StixObject,
	provenance: ProvenanceSignature,
	keyResolver: (keyId: string) => KeyObject | undefined,
): Promise<ProvenanceVerdict> {
	const prepared = prepareVerification(object, provenance, keyResolver);
	if ("ok" in prepared) return prepared;
	return verdictOf(
		object,
		prepared,
		await verifyOnPool(null, prepared.input, prepared.key, prepared.signature),
	);
}

interface PreparedVerification {
	header: { kid: string; derivedFrom: DerivedFrom | undefined };
	key: KeyObject;
	input: Buffer;
	signature: Buffer;
}

function prepareVerification(
	object: StixObject,
	provenance: ProvenanceSignature,
	keyResolver: (keyId: string) => KeyObject | undefined,
): PreparedVerification | ProvenanceVerdict {
	const header = decodeHeader(provenance);
	if (typeof header === "string") return { ok: false, reason: "malformed", detail: header };
	const key = keyResolver(header.kid);
	if (key === undefined || key.type !== "public" || key.asymmetricKeyType !== "ed25519") {
		return {
			ok: false,
			reason: "unknown-key",
			detail: `key id ${header.kid} is not a known Ed25519 public key`,
		};
	}
	const signature = Buffer.from(provenance.signature, "base64url");
	let input: Buffer;
	try {
		input = signingInput(provenance.protected, object);
	} catch (error) {
		return { ok: false, reason: "malformed", detail: `object is not JSON: ${(error as Error).message}` };
	}
	if (signature.length !== 64) {
		return { ok: false, reason: "bad-signature", detail: `object ${object.id} does not match its signature` };
	}
	return { header, key, input, signature };
}

function verdictOf(object: StixObject, prepared: PreparedVerification, valid: boolean): ProvenanceVerdict {
	if (!valid) {
		return { ok: false, reason: "bad-signature", detail: `object ${object.id} does not match its signature` };
	}
	return { ok: true, keyId: prepared.header.kid, derivedFrom: prepared.header.derivedFrom };
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

function decodeHeader(
	provenance: ProvenanceSignature,
): { kid: string; derivedFrom: DerivedFrom | undefined } | string {
	if (typeof provenance?.protected !== "string" || typeof provenance.signature !== "string") {
		return "provenance needs string protected and signature members";
	}
	if (!/^[A-Za-z0-9_-]+$/.test(provenance.protected) || !/^[A-Za-z0-9_-]+$/.test(provenance.signature)) {
		return "protected and signature must be base64url";
	}
	let header: Record<string, unknown>;
	try {
		header = JSON.parse(Buffer.from(provenance.protected, "base64url").toString("utf8"));
	} catch {
		return "protected header is not JSON";
	}
	if (typeof header !== "object" || header === null) return "protected header is not an object";
	if (header.alg !== "EdDSA") return `alg ${JSON.stringify(header.alg)} is not EdDSA`;
	if (header.typ !== PROVENANCE_TYP) return `typ ${JSON.stringify(header.typ)} is not ${PROVENANCE_TYP}`;
	if (typeof header.kid !== "string" || header.kid === "") return "protected header has no kid";
	// RFC 7515 §4.1.11: a critical extension we do not implement must fail verification.
	if ("crit" in header) return "protected header lists critical extensions this verifier does not support";
	const derived = header.derived_from;
	if (derived === undefined) return { kid: header.kid, derivedFrom: undefined };
	const d = derived as Record<string, unknown> | null;
	if (typeof d?.id !== "string" || typeof d.version !== "string" || typeof d.signer !== "string") {
		return "derived_from needs string id, version and signer";
	}
	return { kid: header.kid, derivedFrom: { id: d.id, version: d.version, signer: d.signer } };
}
