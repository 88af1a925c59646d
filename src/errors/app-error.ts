// The one error type of Entente: a stable code, a kind that server/ maps to a status, and a cause.

/**
 * What sort of failure this is; server/ maps each kind to one HTTP status in one place.
 * `forbidden` is the hiding kind (answered like not_found); `denied` is for a party that may see a
 * thing but not act on it (TAXII 2.1 §5.7: read but not write). The last six are protocol failures.
 */
export type ErrorKind =
	| "invalid"
	| "not_found"
	| "forbidden"
	| "denied"
	| "conflict"
	| "unavailable"
	| "too_large"
	| "unauthenticated"
	| "not_acceptable"
	| "unsupported_media_type"
	| "unprocessable"
	| "rate_limited"
	| "method_not_allowed";

/**
 * Every error code Entente raises, with the kind it belongs to. Codes are never reused or renamed:
 * operators grep logs and scripts match on them. Add new codes at the end of their group.
 */
export const ERROR_CODES = {
	// input: JSON text and envelopes
	E_JSON_SYNTAX: "invalid",
	E_JSON_UTF8: "invalid",
	E_JSON_DEPTH: "too_large",
	E_JSON_DUPLICATE_KEY: "invalid",
	E_JSON_FORBIDDEN_KEY: "invalid",
	E_JSON_TOO_LARGE: "too_large",
	E_JSON_STRING_TOO_LARGE: "too_large",
	E_BUNDLE_SHAPE: "invalid",
	E_BUNDLE_TOO_MANY_OBJECTS: "too_large",
	// STIX content
	E_STIX_INVALID: "invalid",
	E_STIX_UPGRADE: "invalid",
	// observables (src/observables): a value that is not an observable of its kind; details.kind names the kind
	E_OBSERVABLE_INVALID: "invalid",
	// store
	E_STORE_MIGRATION: "unavailable",
	E_STORE_CLOSED: "unavailable",
	// the disk or the SQLite quota (store.maxSizeMiB) is full: 503 with Retry-After, nothing written
	E_STORE_FULL: "unavailable",
	E_STORE_NOT_FOUND: "not_found",
	E_STORE_QUERY_INVALID: "invalid",
	E_STORE_CONFLICT: "conflict",
	E_STORE_PENDING_UNSUPPORTED: "unavailable",
	// configuration and CLI
	E_CONFIG_INVALID: "invalid",
	E_DATA_DIR_MISSING: "not_found",
	E_DATA_DIR_EXISTS: "conflict",
	// entente backup / restore (D69): what was refused, and the tools they run
	E_BACKUP_SOURCE: "invalid",
	E_BACKUP_EXISTS: "conflict",
	E_BACKUP_INVALID: "invalid",
	E_BACKUP_MISMATCH: "invalid",
	E_BACKUP_TOOL_MISSING: "unavailable",
	E_BACKUP_TOOL_FAILED: "unavailable",
	E_INPUT_NOT_FOUND: "not_found",
	E_SERVER_LISTEN: "unavailable",
	// access
	E_AUTH_REQUIRED: "forbidden",
	E_NOT_FOUND: "not_found",
	E_ACCOUNT_PARTNER_ADMIN: "denied",
	E_ACCOUNT_USER_NOT_FOUND: "not_found",
	E_ACCOUNT_NAME_TAKEN: "conflict",
	E_ACCOUNT_SELF: "conflict",
	// TAXII client: what a remote server answered (or failed to)
	E_TAXII_URL: "invalid",
	E_TAXII_NETWORK: "unavailable",
	E_TAXII_AUTH: "forbidden",
	E_TAXII_NOT_FOUND: "not_found",
	E_TAXII_HTTP: "invalid",
	E_TAXII_SERVER: "unavailable",
	E_TAXII_PROTOCOL: "unavailable",
	E_TAXII_TOO_LARGE: "too_large",
	// TAXII server: what this node answers a TAXII client
	E_TAXII_UNAUTHENTICATED: "unauthenticated",
	E_TAXII_NOT_ACCEPTABLE: "not_acceptable",
	E_TAXII_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
	E_TAXII_PARAMETER: "invalid",
	E_TAXII_NEXT_INVALID: "invalid",
	E_TAXII_QUERY_COST: "invalid",
	E_TAXII_NO_SUCH_RESOURCE: "not_found",
	E_TAXII_DENIED: "denied",
	E_TAXII_NOT_ENVELOPE: "unprocessable",
	E_TAXII_BODY_TOO_LARGE: "too_large",
	E_TAXII_RATE_LIMITED: "rate_limited",
	E_TAXII_NOT_ORIGINATOR: "denied",
	E_TAXII_METHOD_NOT_ALLOWED: "method_not_allowed",
	// collections the operator defines
	E_COLLECTION_INVALID: "invalid",
	E_COLLECTION_NOT_FOUND: "not_found",
	E_COLLECTION_EXISTS: "conflict",
	// sharing policy
	E_POLICY_INVALID: "invalid",
	E_POLICY_NOT_FOUND: "not_found",
	E_POLICY_IMPACT_RUNNING: "conflict",
	E_POLICY_IMPACT_NOT_FOUND: "not_found",
	E_POLICY_IMPACT_UNAVAILABLE: "unavailable",
	E_PARTY_UNKNOWN: "not_found",
	E_PURPOSE_INVALID: "invalid",
	E_POLICY_CONFLICT: "conflict",
	E_POLICY_CUTS_OFF_PARTNERS: "conflict",
	E_POLICY_EDIT_INVALID: "invalid",
	// REST API (/api/v1): what this node answers the web UI and scripts; see docs/api.md
	E_API_UNAUTHENTICATED: "unauthenticated",
	E_API_PARAMETER: "invalid",
	E_API_CURSOR_INVALID: "invalid",
	E_API_DENIED: "denied",
	E_API_NO_SUCH_ROUTE: "not_found",
	E_API_OBJECT_NOT_FOUND: "not_found",
	E_API_MEDIA_TYPE: "unsupported_media_type",
	E_API_BODY_TOO_LARGE: "too_large",
	E_API_RATE_LIMITED: "rate_limited",
	E_API_PATTERN_TOO_COSTLY: "invalid",
	E_API_MATCH_TOO_MANY: "too_large",
	E_API_INDEX_UNAVAILABLE: "unavailable",
	// federation: node keys, HTTP message signatures, provenance (src/federation/crypto)
	E_FEDERATION_KEY_INVALID: "invalid",
	E_FEDERATION_JWK_INVALID: "invalid",
	E_FEDERATION_KEY_TRANSITION_INVALID: "invalid",
	E_FEDERATION_KEY_RING_INVALID: "invalid",
	E_FEDERATION_SIGNING_INPUT: "invalid",
	// federation: peers, onboarding and transport (src/federation)
	E_FEDERATION_INVITATION_INVALID: "invalid",
	E_FEDERATION_PEER_URL: "invalid",
	E_FEDERATION_PEER_NOT_FOUND: "not_found",
	E_FEDERATION_PEER_EXISTS: "conflict",
	E_FEDERATION_HANDSHAKE: "unavailable",
	E_FEDERATION_UNAUTHENTICATED: "unauthenticated",
	E_FEDERATION_DENIED: "denied",
	E_FEDERATION_BODY: "invalid",
	// request bodies on every route (src/body): size, the node-wide byte budget, encodings
	E_BODY_TOO_LARGE: "too_large",
	E_BODY_BUSY: "unavailable",
	E_BODY_ENCODING: "unsupported_media_type",
	E_BODY_UNDECODABLE: "invalid",
	E_BODY_ABORTED: "invalid",
	// watch-lists and their webhooks (src/intel/watch, D51)
	E_WATCH_ENTRY_INVALID: "invalid",
	E_WATCH_TOO_MANY_ENTRIES: "too_large",
	E_WATCH_ENTRY_NOT_FOUND: "not_found",
	E_WATCH_ALERT_NOT_FOUND: "not_found",
	E_WEBHOOK_URL_INVALID: "invalid",
	E_WEBHOOK_NOT_SET: "not_found",
	// entente demo (src/demo): a step of starting the demonstration network failed; details.step names it
	E_DEMO_STEP: "unavailable",
	// sightings (src/intel/sightings): a sighting a user records, refused before it is written
	E_SIGHTING_INVALID: "invalid",
	// warninglists (src/intel/warninglists): lists of values known not to be threats, in MISP's format (D50)
	E_WARNINGLIST_INVALID: "invalid",
	E_WARNINGLIST_TOO_LARGE: "too_large",
	E_WARNINGLIST_NOT_FOUND: "not_found",
	E_WARNINGLIST_BUILT_IN: "conflict",
	// new releases pushed to readers: the stream and release webhooks (src/api/stream, D59)
	E_STREAM_EVENT_ID_INVALID: "invalid",
	E_STREAM_TOO_MANY: "rate_limited",
	E_STREAM_CLOSING: "unavailable",
	E_STREAM_COLLECTION_NOT_FOUND: "not_found",
	E_SUBSCRIPTION_NOT_FOUND: "not_found",
	E_SUBSCRIPTION_TOO_MANY: "too_large",
	// MISP JSON (src/misp): an event that is not MISP's shape, or larger than one conversion may hold (D53)
	E_MISP_INVALID: "invalid",
	E_MISP_TOO_LARGE: "too_large",
	// the MISP feed out (src/taxii/misp-feed, D54): what this node answers a MISP instance pulling a collection
	E_MISP_FEED_UNAUTHENTICATED: "unauthenticated",
	E_MISP_FEED_RATE_LIMITED: "rate_limited",
	E_MISP_FEED_NOT_FOUND: "not_found",
	E_MISP_FEED_TOO_LARGE: "too_large",
	// exports for sensors (src/exports, D56): a format this node cannot write yet
	E_EXPORT_FORMAT_UNAVAILABLE: "invalid",
	// an external dynamic list asked without one list type (ipv4,ipv6 | domain | url)
	E_EXPORT_EDL_KINDS: "invalid",
	// feed subscriptions (src/feeds, D55): definitions refused, and pulls that could not read the feed
	E_FEED_INVALID: "invalid",
	E_FEED_NOT_FOUND: "not_found",
	E_FEED_URL: "invalid",
	E_FEED_FETCH: "unavailable",
	E_FEED_TIMEOUT: "unavailable",
	E_FEED_TOO_LARGE: "too_large",
	E_FEED_FORMAT: "invalid",
	E_FEED_BUSY: "conflict",
	E_FEED_UNAVAILABLE: "unavailable",
	E_FEED_ADDRESS: "invalid",
	// the quarantine's review (D65): an item unknown, already decided, or whose acceptance the rules refuse
	E_QUARANTINE_NOT_FOUND: "not_found",
	E_QUARANTINE_DECIDED: "conflict",
	E_QUARANTINE_NOT_ACCEPTABLE: "conflict",
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
	cause?: unknown;
	/** Machine-readable details (e.g. the limit that was exceeded); never secrets, never hidden objects. */
	details?: Record<string, unknown>;
}

/**
 * An expected failure, reported to the user with its code and message.
 * @example throw new AppError("E_JSON_DEPTH", "nesting deeper than 64 levels at $.objects[3]", { details: { limit: 64 } })
 */
export class AppError extends Error {
	readonly code: ErrorCode;
	readonly kind: ErrorKind;
	readonly details: Record<string, unknown> | undefined;

	constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = "AppError";
		this.code = code;
		this.kind = ERROR_CODES[code];
		this.details = options.details;
	}
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError;
}
