// The audit trail's records (D66): who did what to which thing, appended by the commands that do it, never edited.
// A pure leaf (the web UI bundles AUDIT_ACTIONS through api/shapes/vocabulary.ts).

/** Actions the node records. H3's quarantine review records its own three through the same `appendAudit`. */
export const AUDIT_ACTIONS = [
	"object.publish",
	"object.delete",
	"policy.apply",
	"token.use",
	"user.create",
	"user.role",
	"token.create",
	"token.rotate",
	"token.revoke",
	"feed.add",
	"feed.remove",
	"quarantine.accept",
	"quarantine.reject",
	"quarantine.hold",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: a signed-in user (name, id, organisation) or the command line on the data directory. */
export interface AuditActor {
	/** The user's name, or `cli` (or `cli:<os user>`) for a command run on the data directory. */
	name: string;
	/** The user's id; absent for the command line. */
	id?: string;
	organizationId?: string;
	/** The way in: `api`, `taxii` or `cli`. */
	channel: string;
}

/** What a command hands `Store.appendAudit`: the store stamps the time and the sequence number. */
export interface NewAuditEntry {
	actor: AuditActor;
	action: AuditAction;
	/** What was acted on: an object id, `policy:N`, a user id, a feed id; "" when nothing in particular. */
	target: string;
	/** One line a person reads: "published 3 objects (2 new)", "role analyst → admin". */
	summary: string;
	/** Small facts a script may want (counts, versions, the other party); never a secret. */
	details?: Record<string, unknown>;
}

/** A recorded line, as the store answers it. */
export interface AuditEntry extends NewAuditEntry {
	/** Increasing, never reused: the order lines were appended in, and the paging cursor. */
	seq: number;
	/** RFC 3339 with microseconds (the store's clock). */
	at: string;
}

/** Which lines to read, newest first. Every filter is optional; all given must hold. */
export interface AuditQuery {
	/** A user's name, or its id (`user--…`), exactly. */
	actor?: string;
	/** An action (`token.use`), or a family without its dot (`token` matches `token.*`). */
	action?: string;
	/** The target, exactly. */
	target?: string;
	/** Words found anywhere in the actor, action, target or summary (case-insensitive, substring). */
	text?: string;
	/** Microseconds since the epoch: lines at or after. */
	sinceMicros?: number;
	/** Microseconds since the epoch: lines strictly before. */
	untilMicros?: number;
	/** Lines with a smaller `seq` only: the cursor of the next page. */
	beforeSeq?: number;
	/** Lines to answer (1…1000). */
	limit: number;
}

/** The actor of a signed-in user acting through `channel`. */
export function auditActorOf(
	user: { name: string; id: string; organizationId: string },
	channel: string,
): AuditActor {
	return { name: user.name, id: user.id, organizationId: user.organizationId, channel };
}

/**
 * The actor a policy version's `appliedBy` names: `api:NAME` is the API's user NAME, anything else the
 * command line. The store records every policy put through this, so each way of applying is in the trail.
 */
export function policyActorOf(appliedBy: string): AuditActor {
	return appliedBy.startsWith("api:")
		? { name: appliedBy.slice(4), channel: "api" }
		: { name: appliedBy, channel: "cli" };
}

/** Ids named in a publish line's summary (so a free-text search by id finds it); the rest are counted. */
const PUBLISHED_IDS_NAMED = 20;

/**
 * The line a publish records (REST share, MISP import, a sighting, a TAXII add): one per request, with what
 * each object came to; its target is the object when there was one, and the summary names the first ids.
 */
export function publishedEntry(
	actor: AuditActor,
	results: readonly { status: string; id?: string | undefined }[],
	via: string,
): NewAuditEntry {
	const counts: Record<string, number> = {};
	for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
	const ids = [...new Set(results.flatMap((result) => (result.id === undefined ? [] : [result.id])))];
	const named = ids.slice(0, PUBLISHED_IDS_NAMED).join(", ");
	const more = ids.length > PUBLISHED_IDS_NAMED ? ` and ${ids.length - PUBLISHED_IDS_NAMED} more` : "";
	const tally = Object.entries(counts)
		.map(([status, n]) => `${n} ${status}`)
		.join(", ");
	return {
		actor,
		action: "object.publish",
		target: ids.length === 1 ? (ids[0] ?? "") : "",
		summary: `published ${results.length} object(s) via ${via} (${tally || "none"})${named === "" ? "" : `: ${named}${more}`}`,
		details: { via, ...counts },
	};
}

/** The line a deletion records: the object, and which versions the request selected (all, absent a filter). */
export function deletedEntry(
	actor: AuditActor,
	objectId: string,
	versions: readonly ("last" | "first" | "all" | { modified: string })[] | undefined,
): NewAuditEntry {
	const selected = (versions ?? ["all"]).map((v) => (typeof v === "string" ? v : v.modified));
	return {
		actor,
		action: "object.delete",
		target: objectId,
		summary: `deleted ${objectId} (${selected.join(", ")} version(s))`,
		details: { versions: selected },
	};
}
