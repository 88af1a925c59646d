// The inbox: judges each item a peer pushed (provenance, origin, this node's own rules), stores what
// passes idempotently by (id, modified) through ingest(), and reports one result per item. A refused item is
// never stored as an object; each refusal is logged with its reason and held in the quarantine for review (D65).
import type { KeyObject } from "node:crypto";
import { embeddedAuthors, heldBody, ingest, type ObjectResult } from "../ingest/index.ts";
import type { Logger } from "../log/index.ts";
import { type StixObject, versionOf } from "../stix/core.ts";
import { SCO_TYPES } from "../stix/types/index.ts";
import type { HeldItem, PeerRecord, ReceivedProvenance, Store, StoredVersion } from "../store/index.ts";
import { type ProvenanceVerdict, verifyObjectAsync } from "./crypto/index.ts";
import { type ItemResult, isDeleteItem, type ObjectItem, type PushItem } from "./wire.ts";

const OBSERVABLES: ReadonlySet<string> = new Set(SCO_TYPES);

export interface InboxDependencies {
	store: Store;
	logger: Logger;
	/** Who may speak for a party, as this node knows it (see {@link partyDirectory}). */
	parties: PartyDirectory;
	/** When the push was received (RFC 3339), recorded with each provenance signature kept. */
	now: () => string;
}

/** What this node knows about parties: its own, and which peer hosts which (from peers and the policy). */
export interface PartyDirectory {
	/** Parties this node hosts. */
	local: ReadonlySet<string>;
	/** Party id → the peer name the policy or onboarding says hosts it. */
	hostOf: ReadonlyMap<string, string>;
}

/** The provenance source recorded for objects received from a peer. */
export function peerSource(peerName: string): string {
	return `peer:${peerName}`;
}

/** Builds the directory from the peers' records and the latest policy's parties (`node` of each). */
export async function partyDirectory(store: Store): Promise<PartyDirectory> {
	const local = new Set((await store.listOrganizations()).filter((o) => o.local !== false).map((o) => o.id));
	const hostOf = new Map<string, string>();
	const policy = await store.getPolicy();
	for (const party of policy?.policy.parties ?? []) {
		if (party.local) local.add(party.id);
		else hostOf.set(party.id, party.node);
	}
	for (const peer of await store.listPeers()) {
		for (const party of peer.parties) if (!hostOf.has(party)) hostOf.set(party, peer.name);
	}
	return { local, hostOf };
}

/**
 * Why `peer` may not send `item` as coming from `item.origin`, or undefined when it may. A peer speaks
 * only for parties it hosts: the origin must be one of them, never one of ours or another node's, and a
 * `created_by_ref` naming a known party must be that origin — the object's own and that of every object
 * embedded in it (a STIX 2.0 observed-data's `objects`, anything carried in a property). A bundle is
 * not an item: each object travels as its own signed item.
 */
export function originProblem(
	peer: PeerRecord,
	origin: string,
	object: StixObject | undefined,
	parties: PartyDirectory,
): string | undefined {
	if (parties.local.has(origin))
		return `origin ${origin} is a party this node hosts; ${peer.name} cannot speak for it`;
	if (!peer.parties.includes(origin)) return `${peer.name} does not host origin ${origin}`;
	const host = parties.hostOf.get(origin);
	if (host !== undefined && host !== peer.name)
		return `the policy says ${origin} is hosted by ${host}, not ${peer.name}`;
	if (object === undefined) return undefined;
	if (object.type === "bundle") return "a bundle is not a push item: send each object as its own signed item";
	// An author no one here knows (a vendor's identity) may be relayed by its origin; a known party may not be impersonated.
	const impersonates = (author: unknown): author is string =>
		typeof author === "string" &&
		author !== origin &&
		(parties.local.has(author) || parties.hostOf.has(author));
	if (impersonates(object.created_by_ref))
		return `created_by_ref ${object.created_by_ref} is a party ${peer.name} does not speak for (origin ${origin})`;
	const embedded = embeddedAuthors(object).find((found) => impersonates(found.author));
	if (embedded !== undefined)
		return `embedded object at ${embedded.path} names ${embedded.author}, a party ${peer.name} does not speak for (origin ${origin})`;
	return undefined;
}

/**
 * Judges and stores one push from `peer`, in order. Returns one result per item; resolves only once
 * everything accepted is durable (the caller acknowledges after that).
 */
export async function receivePush(
	deps: InboxDependencies,
	peer: PeerRecord,
	items: readonly (PushItem | undefined)[],
	problems: ReadonlyMap<number, string>,
	peerKey: (keyId: string) => KeyObject | undefined,
	/** Awaited after the signatures were checked and before anything is stored (push-order.ts). */
	beforeStoring: () => Promise<void> = async () => {},
): Promise<ItemResult[]> {
	const push: Push = { deps, peer, receivedAt: deps.now(), results: [], run: [], proofs: [], held: [] };
	const verdicts = await verifyAll(items, peerKey);
	await beforeStoring();
	for (const [index, item] of items.entries()) await judgeItem(push, index, item, problems, verdicts[index]);
	await storeRun(push);
	// Durable before the acknowledgement; a crash before it makes the sender resend (duplicates keep theirs).
	await deps.store.putReceivedProvenance(push.proofs);
	// Refusals are held for the operator's review (D65), in the peer's own bucket, so a flood evicts only its own.
	await deps.store.holdItems(push.held);
	return push.results;
}

/** One push being received: its results by index, the run of objects awaiting storage, the proofs kept. */
interface Push {
	readonly deps: InboxDependencies;
	readonly peer: PeerRecord;
	readonly receivedAt: string;
	readonly results: ItemResult[];
	/** Objects that passed, in order, stored together at the next deletion or at the end. */
	run: RunEntry[];
	/** The signatures of stored (or already held) versions, kept so this node can prove where they came from. */
	readonly proofs: ReceivedProvenance[];
	/** What was refused, for the quarantine (objects ingest rejected are held by ingest itself). */
	readonly held: HeldItem[];
}

interface RunEntry {
	index: number;
	item: ObjectItem;
	keyId: string;
}

/** Answers an item refused, and holds it for review unless `raw` is null (ingest already held it). */
function refuse(push: Push, index: number, id: string | undefined, reason: string, raw: unknown): void {
	push.deps.logger.warn({ peer: push.peer.name, index, id, reason }, "federation: refused an item");
	push.results[index] = { index, id, status: "refused", reason };
	if (raw !== null) push.held.push(refusedDelivery(push.peer, id, reason, raw));
}

/** A refused push item as the quarantine holds it: in its peer's bucket, never a claimed origin's. */
function refusedDelivery(peer: PeerRecord, id: string | undefined, reason: string, raw: unknown): HeldItem {
	const item: HeldItem = {
		kind: "refused-delivery",
		reason,
		organizationId: peerSource(peer.name),
		source: peerSource(peer.name),
		body: heldBody(raw),
	};
	if (id !== undefined) item.objectId = id;
	return item;
}

/** Every signature of the push is checked at once on libuv's pool; the items are then judged in order. */
function verifyAll(
	items: readonly (PushItem | undefined)[],
	peerKey: (keyId: string) => KeyObject | undefined,
): Promise<(ProvenanceVerdict | undefined)[]> {
	return Promise.all(
		items.map((item) =>
			item === undefined || isDeleteItem(item)
				? undefined
				: verifyObjectAsync(item.object, item.provenance, peerKey).catch(
						(error: unknown): ProvenanceVerdict => ({
							ok: false,
							reason: "malformed",
							detail: (error as Error).message ?? String(error),
						}),
					),
		),
	);
}

/**
 * One item, in order: a malformed item, a wrong origin or a bad signature is refused; a deletion is applied
 * after the objects before it are stored; an object that passes joins the run.
 */
async function judgeItem(
	push: Push,
	index: number,
	item: PushItem | undefined,
	problems: ReadonlyMap<number, string>,
	verdict: ProvenanceVerdict | undefined,
): Promise<void> {
	const { deps, peer } = push;
	if (item === undefined) {
		refuse(push, index, undefined, problems.get(index) ?? "malformed item", undefined);
		return;
	}
	if (isDeleteItem(item)) {
		await storeRun(push);
		const problem = originProblem(peer, item.origin, undefined, deps.parties);
		if (problem !== undefined) refuse(push, index, item.delete.id, problem, item);
		else {
			const result = await applyDeletion(deps, peer, item.delete.id, item.origin, index);
			push.results[index] = result;
			if (result.status === "refused")
				push.held.push(refusedDelivery(peer, item.delete.id, result.reason ?? "refused", item));
		}
		return;
	}
	const object = item.object;
	const problem = originProblem(peer, item.origin, object, deps.parties);
	if (problem !== undefined) {
		refuse(push, index, object.id, problem, item);
		return;
	}
	if (verdict?.ok !== true) {
		refuse(
			push,
			index,
			object.id,
			verdict === undefined ? "provenance missing" : `provenance ${verdict.reason}: ${verdict.detail}`,
			item,
		);
		return;
	}
	push.run.push({ index, item, keyId: verdict.keyId });
}

/** Stores the run through ingest(), one call per origin, and records each object's result. */
async function storeRun(push: Push): Promise<void> {
	if (push.run.length === 0) return;
	const batch = push.run;
	push.run = [];
	for (const [origin, group] of groupBy(batch, (entry) => entry.item.origin)) {
		const byIndex = new Map<number, ObjectResult>();
		await ingest(
			push.deps.store,
			group.map((entry) => ({ index: entry.index, object: entry.item.object })),
			{
				provenance: { organizationId: origin, source: peerSource(push.peer.name) },
				onCommitted: (done) => {
					for (const result of done) if (!byIndex.has(result.index)) byIndex.set(result.index, result);
				},
			},
		);
		for (const entry of group) recordResult(push, entry, origin, byIndex.get(entry.index));
	}
}

/** An object's result to the peer; a stored or already held version's signature is kept as its proof. */
function recordResult(push: Push, entry: RunEntry, origin: string, result: ObjectResult | undefined): void {
	const { deps, peer } = push;
	const id = entry.item.object.id;
	if (result === undefined || result.status === "rejected") {
		refuse(
			push,
			entry.index,
			id,
			`invalid STIX: ${result?.reason ?? result?.issues?.[0]?.message ?? "rejected"}`,
			null,
		);
		return;
	}
	// A version its authority refused (another origin owns the id) is a refusal to the peer, kept in quarantine.
	const status = result.refused === true ? "refused" : result.status;
	const out: ItemResult = { index: entry.index, id, status };
	if (result.status === "stored" || result.status === "duplicate") {
		push.proofs.push({
			objectId: id,
			version: versionOf(entry.item.object),
			peer: peer.name,
			origin,
			keyId: entry.keyId,
			signature: {
				protected: entry.item.provenance.protected,
				signature: entry.item.provenance.signature,
			},
			receivedAt: push.receivedAt,
		});
	}
	if (result.status === "quarantined") {
		out.reason = result.reason ?? "conflicts with the stored version";
		deps.logger.warn(
			{ peer: peer.name, id, reason: out.reason },
			result.refused === true
				? "federation: refused a version of an object the origin does not own"
				: "federation: quarantined a conflicting version",
		);
	}
	push.results[entry.index] = out;
}

/**
 * Deletes an object at its originator's request (D30): every version goes, whatever other versions a
 * forger slipped in, when the id's first recorded version is the origin's; any other origin is refused.
 * An observable has no single owner: it is deleted only when every version came from that peer for that
 * origin, so no one removes another contributor's statement about it.
 */
async function applyDeletion(
	deps: InboxDependencies,
	peer: PeerRecord,
	id: string,
	origin: string,
	index: number,
): Promise<ItemResult> {
	const versions = await deps.store.getVersions(id, ["all"]);
	const refusal = deletionProblem(versions, id, peer, origin);
	if (refusal !== undefined) {
		deps.logger.warn({ peer: peer.name, id, reason: refusal }, "federation: refused a deletion");
		return { index, id, status: "refused", reason: refusal };
	}
	if (versions.length > 0) await deps.store.deleteObject(id);
	return { index, id, status: "deleted" };
}

/** Why `origin`, through `peer`, may not delete the object whose versions are `versions`; undefined when it may. */
export function deletionProblem(
	versions: readonly StoredVersion[],
	id: string,
	peer: PeerRecord,
	origin: string,
): string | undefined {
	if (versions.length === 0) return undefined;
	if (OBSERVABLES.has(versions[0]?.type ?? "")) {
		const foreign = versions.some(
			(v) => v.provenance.source !== peerSource(peer.name) || v.provenance.organizationId !== origin,
		);
		return foreign
			? `${id} holds versions that did not come from ${peer.name} for ${origin}; not deleted`
			: undefined;
	}
	let first = versions[0] as StoredVersion;
	for (const version of versions) if (version.dateAdded < first.dateAdded) first = version;
	// The owner is not named: the refusal says no more than that the origin is not it.
	return first.provenance.organizationId === origin
		? undefined
		: `${origin} did not originate ${id}; only its originator deletes it (not deleted)`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const group = groups.get(k);
		if (group === undefined) groups.set(k, [item]);
		else group.push(item);
	}
	return groups;
}
