// The quarantine as an operator reviews it (D65): what was set aside or refused, why, from whom, and what was decided.
// Pure constants and records (the web bundles the vocabularies through api/shapes/vocabulary.ts).
/**
 * Why an item is held:
 * - conflict: the same (id, version) with other content (or a contributor's second, different statement, D31);
 * - refused-version: a version of an id another organisation owns, or a deleted id's owner keeps (D30);
 * - refused-marking: a marking definition other than the one recorded under its id (never versioned, D30);
 * - forged-value: another value stated under an observable's id (D31);
 * - invalid: an object ingest rejected (validation, authorship);
 * - refused-delivery: a peer's push item the inbox refused (origin, signature, deletion).
 */
export const QUARANTINE_KINDS = [
	"conflict",
	"refused-version",
	"refused-marking",
	"forged-value",
	"invalid",
	"refused-delivery",
] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

/** The kinds that hold a valid STIX version (what `quarantinedOf`, `listQuarantine` and the stats read). */
export const VERSION_KINDS: readonly QuarantineKind[] = [
	"conflict",
	"refused-version",
	"refused-marking",
	"forged-value",
];

export const QUARANTINE_STATES = ["held", "accepted", "rejected"] as const;
export type QuarantineState = (typeof QUARANTINE_STATES)[number];

export const QUARANTINE_ACTIONS = ["accept", "reject", "hold"] as const;
export type QuarantineActionName = (typeof QUARANTINE_ACTIONS)[number];

/**
 * How much the quarantine keeps, per bucket (the organisation an item was recorded under; a refused delivery's
 * bucket is its peer), so a flooding partner evicts only its own oldest items, never anyone else's.
 */
export interface QuarantineLimits {
	/** A recorded raw body (invalid objects, refused deliveries) is cut to this many bytes (then `truncated`). */
	itemBytes: number;
	/** Items kept per bucket; the oldest go first. */
	bucketItems: number;
	/** Body bytes kept per bucket; the oldest go first. */
	bucketBytes: number;
}

export const QUARANTINE_LIMITS: QuarantineLimits = {
	itemBytes: 256 * 1024,
	bucketItems: 10_000,
	bucketBytes: 64 * 1024 * 1024,
};

/** Something refused outside the version writer, to be held for review (`Store.holdItems`). */
export interface HeldItem {
	kind: "invalid" | "refused-delivery";
	/** The object's id when it had one. */
	objectId?: string;
	reason: string;
	/** The bucket: the poster's organisation (or push origin); for a refused delivery, `peer:NAME`. */
	organizationId: string;
	source: string;
	/** The raw item as received (JSON text), cut to the limit by the store; "" when nothing parsed. */
	body: string;
}

/** One item as listed. */
export interface QuarantineItem {
	seq: number;
	kind: QuarantineKind;
	state: QuarantineState;
	/** The object's id ("" when the item had none). */
	objectId: string;
	/** The held version ("" when none). */
	version: string;
	/** RFC 3339 with microseconds. */
	receivedAt: string;
	reason: string;
	organizationId: string;
	source: string;
	/** Bytes of the body kept (0 once rejected). */
	bytes: number;
	truncated: boolean;
}

/** One recorded decision. */
export interface QuarantineAction {
	item: number;
	action: QuarantineActionName;
	/** Who decided: a user's name, or `cli:<account>` for the CLI. */
	by: string;
	at: string;
	note: string;
	/** The item's state after it. */
	state: QuarantineState;
}

/** An item with its body (as held; "" once rejected) and every decision on it, oldest first. */
export interface QuarantineDetail {
	item: QuarantineItem;
	body: string;
	actions: QuarantineAction[];
}

/** Which items `listQuarantineItems` answers: newest first, after the `after` seq of a previous page. */
export interface QuarantineListRequest {
	kinds?: readonly QuarantineKind[];
	/** An organisation id or a source (`peer:NAME`, `api:publish`, …). */
	source?: string;
	states?: readonly QuarantineState[];
	after?: number;
	limit: number;
}

export interface QuarantinePage {
	items: QuarantineItem[];
	/** The `after` of the next page, when more follow. */
	next?: number;
}

/** The state an action leaves an item in. */
export function stateAfter(action: QuarantineActionName): QuarantineState {
	return action === "accept" ? "accepted" : action === "reject" ? "rejected" : "held";
}

/** The kind of a version the writer set aside: by what refused it, and whether it is a marking definition. */
export function versionKind(type: string, cause: "conflict" | "authority" | "forged"): QuarantineKind {
	if (type === "marking-definition") return "refused-marking";
	return cause === "authority" ? "refused-version" : cause === "forged" ? "forged-value" : "conflict";
}

/**
 * Whether a page request is well formed (the backends' shared check).
 * @returns the problem, or undefined.
 */
export function listRequestProblem(request: QuarantineListRequest): string | undefined {
	if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 1000)
		return "limit must be a whole number from 1 to 1000";
	if (request.after !== undefined && (!Number.isSafeInteger(request.after) || request.after < 0))
		return "after must be a whole number";
	return undefined;
}

/**
 * The UPDATE that classifies the versions held before D65 by their writer's words (migrations on both
 * backends; PostgreSQL swaps the length function): a marking definition, an authority refusal, a forged value.
 */
export const CLASSIFY_HELD_VERSIONS = `UPDATE quarantine SET bytes = length(CAST(body AS BLOB)), kind = CASE
	WHEN id LIKE 'marking-definition--%' THEN 'refused-marking'
	WHEN reason LIKE '%may not version it%' OR reason LIKE '%until it was deleted%' THEN 'refused-version'
	WHEN reason LIKE 'another contributor stated a different value%' THEN 'forged-value'
	ELSE 'conflict' END;`;

/** SQL: a row that is a set-aside STIX version still held (what posters read back and the stats count). */
export const HELD_VERSION_SQL =
	"state = 'held' AND kind IN ('conflict', 'refused-version', 'refused-marking', 'forged-value')";

/** The buckets a put set versions aside in: whose quarantine the caps must be checked for. */
export function quarantinedBuckets(
	batch: readonly { provenance: { organizationId: string } }[],
	outcomes: readonly { status: string }[],
): string[] {
	const buckets = new Set<string>();
	outcomes.forEach((outcome, index) => {
		const item = batch[index];
		if (outcome.status === "quarantined" && item !== undefined) buckets.add(item.provenance.organizationId);
	});
	return [...buckets];
}
