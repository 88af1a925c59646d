// The operator's decision on a quarantined item (D65): accept (under ingest's own rules, as the poster), reject
// (the content dropped, the record kept) or hold (a note). One function performs every action and records it.
import { AppError } from "../errors/index.ts";
import { SCO_TYPES } from "../stix/types/index.ts";
import {
	type AuditActor,
	authorityProblem,
	type Provenance,
	type QuarantineAction,
	type QuarantineActionName,
	type QuarantineDetail,
	type QuarantineItem,
	type Store,
	type StoredVersion,
	stateAfter,
} from "../store/index.ts";
import { authorRule } from "./author.ts";
import { authorityRules } from "./authority.ts";
import { ingest } from "./ingest.ts";
import { prepareObject } from "./prepare.ts";
import type { ObjectResult } from "./report.ts";

const OBSERVABLES: ReadonlySet<string> = new Set(SCO_TYPES);

export interface QuarantineDecisionRequest {
	/** The item's number (`seq`). */
	item: number;
	action: QuarantineActionName;
	/** Who decides: a local admin's user name, or `cli:<account>`. */
	by: string;
	/** Who decides, as the audit trail records it (D66); the decision is appended there once it is taken. */
	actor: AuditActor;
	note?: string;
	/** RFC 3339; default now. */
	at?: string;
}

export interface QuarantineDecision {
	item: QuarantineItem;
	action: QuarantineAction;
	/** For an accept: what ingest answered for the held content (stored, or a duplicate already there). */
	stored?: ObjectResult;
}

/**
 * Performs and records one decision on a held item. Accepting re-runs ingest on the held content under the poster's
 * own provenance, so validation, authorship and authority judge it exactly as if the poster had sent it now: an
 * accept never stores what the poster could not. A same-version conflict is the one case an accept replaces a
 * stored version, and only when the poster's house owns the id (never a marking definition, never an observable's
 * statement). A refused delivery or a cut body is never accepted.
 * @throws AppError E_QUARANTINE_NOT_FOUND (no such item), E_QUARANTINE_DECIDED (accepted or rejected before),
 *   E_QUARANTINE_NOT_ACCEPTABLE (the rules refuse it now; the reason says which and the item stays held).
 * @example await decideQuarantined(store, { item: 42, action: "reject", by: "alice", note: "forged by Beta" })
 */
export async function decideQuarantined(
	store: Store,
	request: QuarantineDecisionRequest,
): Promise<QuarantineDecision> {
	const detail = await store.getQuarantineItem(request.item);
	if (detail === undefined) throw notFound(request.item);
	if (detail.item.state !== "held") {
		throw new AppError(
			"E_QUARANTINE_DECIDED",
			`quarantine item ${request.item} was already ${detail.item.state}`,
			{
				details: { state: detail.item.state },
			},
		);
	}
	const stored = request.action === "accept" ? await acceptHeld(store, detail) : undefined;
	const action: QuarantineAction = {
		item: request.item,
		action: request.action,
		by: request.by,
		at: request.at ?? new Date().toISOString(),
		note: request.note ?? "",
		state: stateAfter(request.action),
	};
	const item = await store.decideQuarantineItem(request.item, action);
	if (item === undefined) throw notFound(request.item);
	await store.appendAudit({
		actor: request.actor,
		action: `quarantine.${request.action}`,
		target: item.objectId,
		summary: `${request.action} quarantine item ${item.seq} (${item.kind}, from ${item.organizationId})${action.note === "" ? "" : `: ${action.note}`}`,
		details: {
			item: item.seq,
			kind: item.kind,
			state: item.state,
			...(stored === undefined ? {} : { stored: stored.status }),
		},
	});
	return stored === undefined ? { item, action } : { item, action, stored };
}

function notFound(seq: number): AppError {
	return new AppError("E_QUARANTINE_NOT_FOUND", `no quarantine item ${seq}: see 'entente quarantine list'`);
}

function refused(seq: number, reason: string): AppError {
	return new AppError("E_QUARANTINE_NOT_ACCEPTABLE", `quarantine item ${seq} cannot be accepted: ${reason}`, {
		details: { reason },
	});
}

/** Stores the held content as its poster's, under every rule ingest applies; throws when they refuse it. */
async function acceptHeld(store: Store, detail: QuarantineDetail): Promise<ObjectResult> {
	const { item, body } = detail;
	if (item.kind === "refused-delivery")
		throw refused(
			item.seq,
			"a refused delivery is kept as a record of what the peer sent, never stored from here; the peer sends it again once it may (signed, for an origin it hosts)",
		);
	if (item.truncated || body === "")
		throw refused(
			item.seq,
			"only the first bytes of it were kept (or none); ask the sender to send it again",
		);
	let raw: unknown;
	try {
		raw = JSON.parse(body);
	} catch {
		throw refused(item.seq, "what was held is not JSON; ask the sender to send it again");
	}
	const provenance: Provenance = { organizationId: item.organizationId, source: item.source };
	const replaced = item.kind === "conflict" ? await replaceable(store, item, raw) : undefined;
	if (replaced !== undefined) await store.deleteVersions(item.objectId, [replaced.dateAdded]);
	const result = await ingestOne(store, raw, provenance);
	if (result?.status === "stored" || result?.status === "duplicate") return result;
	// The held content was refused after all (a race): the replaced version goes back as it was.
	if (replaced !== undefined)
		await store.putVersions([{ object: replaced.object, provenance: replaced.provenance }]);
	throw refused(item.seq, result?.reason ?? result?.issues?.[0]?.message ?? "ingest did not store it");
}

/**
 * The stored version a same-version conflict would replace, when the rules allow it: the held content is valid and
 * says no other author, its poster's house owns the id (D30), and it is neither a marking definition nor an
 * observable's statement (D31). Undefined when nothing is stored under that version any more (a plain ingest).
 */
async function replaceable(
	store: Store,
	item: QuarantineItem,
	raw: unknown,
): Promise<StoredVersion | undefined> {
	const prepared = prepareObject(raw, { stix20: false });
	if (!prepared.ok) throw refused(item.seq, prepared.reason ?? prepared.issues[0]?.message ?? "invalid STIX");
	const { object } = prepared;
	if (OBSERVABLES.has(object.type))
		throw refused(
			item.seq,
			"an observable's statement is never replaced (D31): its contributor states it anew",
		);
	const authority = (await authorityRules(store, item.organizationId))(object.type);
	if (authority === undefined || authority === "immutable")
		throw refused(item.seq, `a ${object.type} is never versioned: a new definition needs a new id`);
	const author = (await authorRule(store, item.organizationId))(raw);
	if (author !== undefined) throw refused(item.seq, author.message);
	const versions = await store.getVersions(object.id, ["all"]);
	const same = versions.find((version) => version.version === item.version);
	if (same === undefined) return undefined;
	let first = same;
	for (const version of versions) if (version.dateAdded < first.dateAdded) first = version;
	const problem = authorityProblem(object.id, authority, item.organizationId, JSON.stringify(object), {
		organizationId: first.provenance.organizationId,
		body: JSON.stringify(first.object),
	});
	if (problem !== undefined) throw refused(item.seq, problem);
	return same;
}

async function ingestOne(
	store: Store,
	raw: unknown,
	provenance: Provenance,
): Promise<ObjectResult | undefined> {
	let result: ObjectResult | undefined;
	await ingest(store, [{ index: 0, object: raw }], {
		provenance,
		onCommitted: (results) => {
			result ??= results.find((one) => one.index === 0);
		},
	});
	return result;
}
