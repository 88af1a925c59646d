// Decide at the moment of delivery (D34): a page of a peer's outbox is judged again just before it is
// sent — the stored version as it is now, the policy in force now, the peer's parties now — because the
// gate released it to the outbox at feed time, and a party may since have been suspended, an agreement
// ended, the object deleted or re-marked.
import type { EgressGate } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { OutboxMessage, PeerRecord, Store, StoredVersion } from "../store/index.ts";
import type { NodeKeyRing } from "./crypto/index.ts";
import { partySets, purposeOf } from "./outbox-feeder.ts";
import { formsForPeer, type PeerForm, signForms } from "./publish.ts";
import type { ObjectItem } from "./wire.ts";

export interface SendTimeDependencies {
	store: Store;
	gate: EgressGate;
	ring: () => NodeKeyRing;
}

/** A page as it may leave now: what to send, and how many object messages were dropped or re-made. */
export interface Rejudged {
	send: OutboxMessage[];
	/** Object messages the gate no longer releases (or whose object is gone): never sent. */
	withdrawn: number;
	/** Object messages whose released copy changed since they were queued: sent as released now. */
	replaced: number;
}

/**
 * Judges the object messages of `page` again, as the feeder did, at this instant: each is looked up by
 * its stored id and version (a deleted object's message is dropped: the deletion wins), released through
 * the gate for every party the peer hosts now, and sent as queued when the copy is the same, re-signed
 * when it changed, and dropped when it is no longer released. Deletion messages always go. Messages keep
 * their outbox order and positions, so acknowledgement is unchanged.
 */
export async function rejudgePage(
	deps: SendTimeDependencies,
	peer: PeerRecord,
	page: readonly OutboxMessage[],
): Promise<Rejudged> {
	const objects = page.filter((m) => m.kind === "object");
	if (objects.length === 0) return { send: [...page], withdrawn: 0, replaced: 0 };
	const current = await deps.store.getPeer(peer.name);
	if (current === undefined || current.status !== "active")
		return { send: page.filter((m) => m.kind !== "object"), withdrawn: objects.length, replaced: 0 };

	const versions = await storedVersions(deps.store, objects);
	const judged = objects.filter((m) => versions.has(m));
	const list = judged.map((m) => versions.get(m) as StoredVersion);
	const { local, known } = await partySets(deps.store);
	const { forms } = await formsForPeer(
		{ gate: deps.gate, local, known, purpose: await purposeOf(deps.store, current) },
		current,
		list,
	);

	const formOf = new Map<OutboxMessage, { form: PeerForm | undefined; version: StoredVersion }>();
	for (const [i, m] of judged.entries()) formOf.set(m, { form: forms[i], version: list[i] as StoredVersion });
	const changed: { message: OutboxMessage; form: PeerForm; version: StoredVersion }[] = [];
	let withdrawn = 0;
	const keep = new Set<OutboxMessage>();
	for (const message of objects) {
		const found = formOf.get(message);
		if (found?.form === undefined) {
			withdrawn++;
			continue;
		}
		keep.add(message);
		if (!carries(message, found.form.object))
			changed.push({ message, form: found.form, version: found.version });
	}
	const remade = new Map<OutboxMessage, OutboxMessage>();
	if (changed.length > 0) {
		const items = await signForms(
			deps.ring(),
			changed.map((c) => c.version),
			changed.map((c) => c.form),
		);
		changed.forEach((c, i) => {
			const item = items[i] as ObjectItem;
			remade.set(c.message, { ...c.message, objectId: item.object.id, payload: JSON.stringify(item) });
		});
	}
	const send: OutboxMessage[] = [];
	for (const message of page) {
		if (message.kind !== "object") send.push(message);
		else if (keep.has(message)) send.push(remade.get(message) ?? message);
	}
	return { send, withdrawn, replaced: remade.size };
}

/** The stored version each object message was queued for, as stored now; absent when it is gone. */
async function storedVersions(
	store: Store,
	messages: readonly OutboxMessage[],
): Promise<Map<OutboxMessage, StoredVersion>> {
	const latest = new Map<string, StoredVersion>();
	for (const version of await store.latestVersions([...new Set(messages.map((m) => m.storedId))]))
		latest.set(version.id, version);
	const out = new Map<OutboxMessage, StoredVersion>();
	for (const message of messages) {
		const newest = latest.get(message.storedId);
		if (newest === undefined) continue; // deleted meanwhile: the deletion wins
		if (newest.version === message.version) {
			out.set(message, newest);
			continue;
		}
		// Superseded since it was queued: judged as the older version it is (the gate binds it to the latest).
		const [older] = await store.getVersions(message.storedId, [{ modified: message.version }]);
		if (older !== undefined) out.set(message, older);
	}
	return out;
}

/**
 * Whether a queued object message carries exactly `object`. The payload is `JSON.stringify` of an item
 * whose first property is the object, so a prefix compare settles it without parsing; a copy equal in
 * content but serialised in another order reads as changed and is merely signed again.
 */
function carries(message: OutboxMessage, object: StixObject): boolean {
	const prefix = `{"object":${JSON.stringify(object)},`;
	return message.payload.startsWith(prefix);
}
