// Fills each peer's durable outbox from the store's commit log (versions and deletions in commit order),
// through the egress gate. The feed cursor moves in the same transaction as the enqueue, so a crash
// repeats at most an uncommitted round and never skips one.
import type { Logger } from "../log/index.ts";
import { type EgressGate, PURPOSES, type Purpose } from "../policy/index.ts";
import type { OutboxEntry, PeerRecord, Store, StoredVersion } from "../store/index.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import { itemsForPeer } from "./publish.ts";
import type { DeleteItem } from "./wire.ts";

export interface FeederDependencies {
	store: Store;
	gate: EgressGate;
	logger: Logger;
	ring: () => NodeKeyRing;
	batchSize: number;
}

/**
 * The purpose a peer's parties receive under: the one set with `entente peers set-purpose`, else the
 * first purpose of the first governing agreement the latest policy names (by id or name), else
 * network-defence.
 */
export async function purposeOf(store: Store, peer: PeerRecord): Promise<Purpose> {
	const chosen = PURPOSES.find((p) => p === peer.purpose);
	if (chosen !== undefined) return chosen;
	const policy = (await store.getPolicy())?.policy;
	for (const name of peer.agreements) {
		const agreement = policy?.agreements.find((a) => a.id === name || a.name === name);
		const purpose = agreement?.purposes[0];
		if (purpose !== undefined) return purpose;
	}
	return PURPOSES[0];
}

/** Parties this node hosts, and every party it knows of (so a `created_by_ref` can be recognised). */
export async function partySets(store: Store): Promise<{ local: Set<string>; known: Set<string> }> {
	const organizations = await store.listOrganizations();
	const local = new Set(organizations.filter((o) => o.local !== false).map((o) => o.id));
	const known = new Set(organizations.map((o) => o.id));
	for (const party of (await store.getPolicy())?.policy.parties ?? []) {
		known.add(party.id);
		if (party.local) local.add(party.id);
	}
	for (const peer of await store.listPeers()) for (const id of peer.parties) known.add(id);
	return { local, known };
}

/**
 * Judges one round (at most `batchSize` versions and deletions) for one peer and enqueues what it may
 * receive. Returns how many commit-log entries were consumed (0: the peer is up to date) and how many
 * messages were enqueued.
 */
export async function feedPeerOnce(
	deps: FeederDependencies,
	peer: PeerRecord,
): Promise<{ consumed: number; enqueued: number }> {
	const { store } = deps;
	const cursor = (await store.getPeerState(peer.name))?.feedCursor;
	const horizon = await store.commitHorizon();
	if (horizon === undefined || (cursor !== undefined && cursor >= horizon))
		return { consumed: 0, enqueued: 0 };
	const page = await store.query({
		versions: ["all"],
		limit: deps.batchSize,
		...(cursor === undefined ? {} : { addedAfter: cursor }),
	});
	let versions = page.items.filter((v) => v.dateAdded <= horizon);
	let until =
		page.more && versions.length === page.items.length ? (versions.at(-1)?.dateAdded ?? horizon) : horizon;
	const deletions = await store.listDeletions(cursor, until, deps.batchSize);
	if (deletions.length === deps.batchSize) {
		until = deletions.at(-1)?.deletedAt ?? until;
		const bound = until;
		versions = versions.filter((v) => v.dateAdded <= bound);
	}

	const { local, known } = await partySets(store);
	const { items } = await itemsForPeer(
		{ gate: deps.gate, ring: deps.ring(), local, known, purpose: await purposeOf(store, peer) },
		peer,
		versions,
	);
	// Merge versions and deletions back into commit order.
	const events: { at: string; entry: OutboxEntry }[] = [];
	versions.forEach((version: StoredVersion, i) => {
		const item = items[i];
		if (item === undefined) return;
		events.push({
			at: version.dateAdded,
			entry: {
				kind: "object",
				objectId: item.object.id,
				storedId: version.id,
				version: version.version,
				origin: item.origin,
				payload: JSON.stringify(item),
			},
		});
	});
	for (const deletion of deletions) {
		const sent = await store.sentIdOf(peer.name, deletion.id);
		if (sent === undefined) continue; // never sent: the peer learns nothing of it
		const item: DeleteItem = { delete: { id: sent.id }, origin: sent.origin };
		events.push({
			at: deletion.deletedAt,
			entry: {
				kind: "delete",
				objectId: sent.id,
				storedId: deletion.id,
				version: "",
				origin: sent.origin,
				payload: JSON.stringify(item),
			},
		});
	}
	events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
	const moved = await store.enqueueOutbox(
		peer.name,
		events.map((e) => e.entry),
		cursor,
		until,
	);
	if (!moved) return { consumed: 0, enqueued: 0 }; // another process moved the cursor; the next round reads it
	return { consumed: versions.length + deletions.length || 1, enqueued: events.length };
}
