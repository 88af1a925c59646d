// What the store keeps for federation: peers, invitations, per-peer outboxes and delivery state.
// The store stores and returns these whole; their meaning (signatures, policy) stays in federation/.

/** How a peer is reached: an Entente node (signed push) or a plain TAXII 2.1 server (pull only). */
export type PeerKind = "entente" | "taxii";

/** A partner node as recorded after onboarding. */
export interface PeerRecord {
	/** The peer's node name, unique on this node. */
	name: string;
	kind: PeerKind;
	/** Base URL (Entente) or API root / discovery URL (TAXII). */
	url: string;
	/** The peer's public keys as JWKs (opaque to the store), current first. */
	keys: readonly Record<string, unknown>[];
	/** Party (STIX identity) ids the peer hosts: the only origins it may speak for. */
	parties: readonly string[];
	/** Agreement ids or names that govern the link. */
	agreements: readonly string[];
	status: "active" | "suspended";
	/** For a TAXII peer: the collection to pull. */
	collection?: string;
	/**
	 * The purpose the peer's parties receive under, set by `entente peers set-purpose`; absent: the
	 * first purpose of the first governing agreement (docs/federation.md "What flows").
	 */
	purpose?: string;
	/**
	 * The mutual-TLS client certificate this peer's requests must come with (subject and issuer, as
	 * node:crypto's X509Certificate writes them), recorded at the handshake or its first request over
	 * mutual TLS; absent when it never came over mutual TLS.
	 */
	clientCertificate?: CertificateIdentity;
	createdAt: string;
	updatedAt: string;
}

/** A client certificate as a peer is bound to it: who it names and who issued it. */
export interface CertificateIdentity {
	subject: string;
	issuer: string;
}

/** A one-time onboarding code, kept only as a hash. */
export interface InvitationRecord {
	/** SHA-256 hex of the code. */
	codeHash: string;
	agreements: readonly string[];
	createdAt: string;
	expiresAt: string;
	/** Set once the code has been used; a used code never works again. */
	usedAt?: string;
	usedBy?: string;
}

/** A message waiting in a peer's outbox. `payload` is opaque JSON text built by federation/. */
export interface OutboxEntry {
	kind: "object" | "delete";
	/** The id the peer knows the object by (a transformed copy's id for a transformed SCO). */
	objectId: string;
	/** The stored object's id (for deletions of transformed copies). */
	storedId: string;
	version: string;
	/** The party the message speaks for (kept for object messages, so a later deletion names it). */
	origin: string;
	payload: string;
}

export interface OutboxMessage extends OutboxEntry {
	/** Position in the peer's outbox: strictly increasing, delivery order. */
	seq: number;
	enqueuedAt: string;
}

/** One deletion recorded by the store, in commit order with object versions. */
export interface DeletionRecord {
	id: string;
	/** The store clock when it was deleted (RFC 3339, microseconds), comparable with `dateAdded`. */
	deletedAt: string;
}

/** Delivery state of one peer: where its feed stands and how delivery went. JSON-serialisable. */
export interface PeerState {
	/** The last store position (dateAdded/deletedAt) judged for this peer; absent: from the start. */
	feedCursor?: string;
	lastAttemptAt?: string;
	lastSuccessAt?: string;
	/** Commit time of the last version acknowledged by the peer. */
	lastDeliveredCommit?: string;
	lastError?: { at: string; class: string; message: string };
	consecutiveFailures: number;
	deliveredTotal: number;
	failuresTotal: number;
	refusedTotal: number;
	/** True once consecutive failures reached the alert threshold; cleared by a success. */
	alert: boolean;
	/** Set by `peers retry` (any process): the delivery worker retries at once and clears it. */
	retryRequested?: boolean;
}

/** The provenance signature a version arrived with from a peer: proof of which key vouched for it. */
export interface ReceivedProvenance {
	objectId: string;
	/** The version (`modified`, else `created`, else ""), as the store keys versions. */
	version: string;
	peer: string;
	origin: string;
	/** The peer key that signed it (the JWS `kid`). */
	keyId: string;
	/** The flattened detached JWS, as received: `{ protected, signature }`. */
	signature: { protected: string; signature: string };
	receivedAt: string;
}
