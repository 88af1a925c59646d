// The federation wire format: paths, push items, results and handshake bodies, and their checks.
import { AppError } from "../errors/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { Ed25519PublicJwk, ProvenanceSignature } from "./crypto/index.ts";
import type { PushSequence } from "./push-order.ts";

export const FEDERATION_BASE = "/federation/v1";
export const HANDSHAKE_PATH = `${FEDERATION_BASE}/handshake`;
export const PUSH_PATH = `${FEDERATION_BASE}/push`;
export const KEYS_PATH = `${FEDERATION_BASE}/keys`;

/** One object version: the object as the receiver may store it, its provenance, and the party it comes from. */
export interface ObjectItem {
	object: StixObject;
	provenance: ProvenanceSignature;
	/** Party (STIX identity) id of the originator; the sender must host it. */
	origin: string;
}

/** A deletion: the object (as the receiver knows it) is gone at its origin. */
export interface DeleteItem {
	delete: { id: string };
	origin: string;
}

export type PushItem = ObjectItem | DeleteItem;

export interface PushBody {
	items: PushItem[];
	/** The push's place in the sender's outbox, when it pipelines pushes (see push-order.ts). */
	sequence?: PushSequence;
}

export const ITEM_STATUSES = ["stored", "duplicate", "quarantined", "deleted", "refused"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface ItemResult {
	index: number;
	id: string | undefined;
	status: ItemStatus;
	reason?: string;
}

/** The signed acknowledgement: sent only after the receiver's durable commit. */
export interface PushResponse {
	node: string;
	/** The receiver's clock (ISO 8601), for the connection test's skew check. */
	now: string;
	results: ItemResult[];
}

/** A refusal of a whole request (401/403/413/400), signed when the request was. */
export interface FederationErrorBody {
	error: string;
	/** A failure class: signature | clock | authorisation | protocol | server. */
	class: string;
	reason: string;
}

export interface PartyInfo {
	id: string;
	name: string;
}

/** What each side of a handshake tells the other. */
export interface HandshakeHello {
	node: string;
	url: string;
	keys: Ed25519PublicJwk[];
	parties: PartyInfo[];
	agreements: string[];
	/**
	 * The client certificate the sender presents to peers (mutual TLS), as subject and issuer: the
	 * receiver binds the sender to it (D36). Absent when the sender has none configured.
	 */
	clientCertificate?: { subject: string; issuer: string };
}

export interface HandshakeRequest extends HandshakeHello {
	code: string;
}

export function isDeleteItem(item: PushItem): item is DeleteItem {
	return "delete" in item;
}

/**
 * Checks the shape of a parsed push body, every item; items that are malformed are returned as problems
 * by index (refused alone), so the valid ones can still be judged.
 * @throws AppError E_FEDERATION_BODY when the body is not `{ items: [...] }` or has too many items.
 */
export function readPushBody(
	value: unknown,
	maxItems: number,
): { items: (PushItem | undefined)[]; problems: Map<number, string>; sequence: PushSequence | undefined } {
	if (
		typeof value !== "object" ||
		value === null ||
		Array.isArray(value) ||
		!Array.isArray((value as PushBody).items)
	) {
		throw new AppError("E_FEDERATION_BODY", 'a push body is an object with an "items" array');
	}
	const raw = (value as { items: unknown[] }).items;
	if (raw.length > maxItems) {
		throw new AppError("E_FEDERATION_BODY", `a push carries at most ${maxItems} items (got ${raw.length})`);
	}
	const problems = new Map<number, string>();
	const items = raw.map((entry, index): PushItem | undefined => {
		const problem = itemProblem(entry);
		if (problem === undefined) return entry as PushItem;
		problems.set(index, problem);
		return undefined;
	});
	return { items, problems, sequence: sequenceOf((value as PushBody).sequence) };
}

function sequenceOf(value: unknown): PushSequence | undefined {
	if (typeof value !== "object" || value === null) return undefined;
	const { after, last } = value as Record<string, unknown>;
	if (!Number.isSafeInteger(last)) {
		throw new AppError("E_FEDERATION_BODY", "a push sequence needs an integer last position");
	}
	if (after !== undefined && !Number.isSafeInteger(after)) {
		throw new AppError("E_FEDERATION_BODY", "a push sequence's after must be an integer position");
	}
	return after === undefined ? { last: last as number } : { after: after as number, last: last as number };
}

function itemProblem(entry: unknown): string | undefined {
	if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return "an item is an object";
	const item = entry as Record<string, unknown>;
	if (typeof item.origin !== "string" || !item.origin.startsWith("identity--"))
		return "origin must be an identity id";
	if ("delete" in item) {
		const target = item.delete as Record<string, unknown> | null;
		return typeof target?.id === "string" ? undefined : "delete needs an id";
	}
	const object = item.object as Record<string, unknown> | null;
	if (typeof object !== "object" || object === null || Array.isArray(object))
		return "object must be a STIX object";
	if (typeof object.id !== "string" || typeof object.type !== "string") return "object needs id and type";
	if (item.provenance === undefined) return "unsigned: the item carries no provenance signature";
	const provenance = item.provenance as Record<string, unknown> | null;
	if (typeof provenance?.protected !== "string" || typeof provenance.signature !== "string") {
		return "provenance must be a flattened JWS with protected and signature";
	}
	return undefined;
}

/** Checks a handshake hello's shape (keys are checked by importing them). */
export function readHello(value: unknown, withCode: boolean): HandshakeHello & { code?: string } {
	const v = value as Record<string, unknown> | null;
	const fail = (message: string): never => {
		throw new AppError("E_FEDERATION_BODY", `handshake: ${message}`);
	};
	if (typeof v !== "object" || v === null) return fail("the body is not an object");
	if (typeof v.node !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(v.node))
		fail("node must be a name");
	if (typeof v.url !== "string") fail("url must be a string");
	if (!Array.isArray(v.keys) || v.keys.length === 0) fail("keys must be a non-empty JWK list");
	if (!Array.isArray(v.parties)) fail("parties must be a list");
	for (const party of v.parties as unknown[]) {
		const p = party as Record<string, unknown> | null;
		if (typeof p?.id !== "string" || !p.id.startsWith("identity--") || typeof p.name !== "string") {
			fail("each party needs an identity id and a name");
		}
	}
	if (!Array.isArray(v.agreements) || !v.agreements.every((a) => typeof a === "string")) {
		fail("agreements must be a list of names");
	}
	if (withCode && typeof v.code !== "string") fail("code is missing");
	if (v.clientCertificate !== undefined) {
		const c = v.clientCertificate as Record<string, unknown> | null;
		if (typeof c?.subject !== "string" || typeof c.issuer !== "string")
			fail("clientCertificate needs a subject and an issuer");
	}
	return v as unknown as HandshakeHello & { code?: string };
}
