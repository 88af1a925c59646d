// What a peer receives of one stored version: the copy every party it hosts may receive (through the
// egress gate), signed by this node as provenance — with `derived_from` when the gate transformed it.
import type { EgressGate, Purpose } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { canonicalJson } from "../stix/ids/index.ts";
import type { PeerRecord, StoredVersion } from "../store/index.ts";
import {
	type NodeKeyRing,
	type ProvenanceSignature,
	SIGNATURE_PROPERTY,
	signObjectAsync,
} from "./crypto/index.ts";
import { peerSource } from "./inbox.ts";
import type { ObjectItem } from "./wire.ts";

/** A placeholder replaced by the signature before `itemsForPeer` returns. */
const UNSIGNED: ProvenanceSignature = { protected: "", signature: "" };

/** Why a version is not sent to a peer (for debug logs and tests); undefined when it is sent. */
export type Withheld = "not-ours" | "gate" | "divergent-forms";

/**
 * The party a version originates from: its `created_by_ref` when that names a party this node knows
 * (`known`), else the organisation it is recorded under. The same rule the gate's sources use.
 */
export function originOf(version: StoredVersion, known: ReadonlySet<string>): string {
	const author = version.object.created_by_ref;
	return typeof author === "string" && known.has(author) ? author : version.provenance.organizationId;
}

export interface PublishContext {
	gate: EgressGate;
	ring: NodeKeyRing;
	/** Parties this node hosts: it publishes only what they originated. */
	local: ReadonlySet<string>;
	/** Every party this node knows (local, partner organisations, policy parties). */
	known: ReadonlySet<string>;
	purpose: Purpose;
}

/**
 * The items `peer` receives of a page of versions, position for position (undefined: withheld, with
 * the reason in `withheld`). A peer receives a version only when every party it hosts receives the
 * identical copy: a node stores one copy for all its parties, so sending more would reach a party that
 * was not entitled (docs/decisions.md D15).
 */
export async function itemsForPeer(
	context: PublishContext,
	peer: PeerRecord,
	versions: readonly StoredVersion[],
): Promise<{ items: (ObjectItem | undefined)[]; withheld: (Withheld | undefined)[] }> {
	const withheld: (Withheld | undefined)[] = versions.map((version) => {
		if (version.provenance.source.startsWith(peerSource(""))) return "not-ours";
		return context.local.has(originOf(version, context.known)) ? undefined : "not-ours";
	});
	const candidates = versions.filter((_, i) => withheld[i] === undefined);
	const forms: (StixObject | undefined)[][] = [];
	for (const partyId of peer.parties) {
		forms.push(
			candidates.length === 0
				? []
				: await context.gate.releasePage(
						{ partyId, userId: peerSource(peer.name), purpose: context.purpose },
						candidates,
					),
		);
	}
	const items: (ObjectItem | undefined)[] = [];
	const signing: Promise<void>[] = [];
	const key = context.ring.current;
	let at = 0;
	for (const [i, version] of versions.entries()) {
		if (withheld[i] !== undefined) {
			items.push(undefined);
			continue;
		}
		const released = forms.map((page) => page[at]);
		at++;
		const first = released[0];
		if (peer.parties.length === 0 || first === undefined || released.some((r) => r === undefined)) {
			withheld[i] = "gate";
			items.push(undefined);
			continue;
		}
		// Canonical JSON once per form: the gate hands back the stored object itself when it changed nothing.
		const text = canonicalJson(first);
		if (released.some((r) => r !== first && canonicalJson(r) !== text)) {
			withheld[i] = "divergent-forms";
			items.push(undefined);
			continue;
		}
		const transformed = first !== version.object && text !== canonicalJson(version.object);
		const item: ObjectItem = {
			object: first,
			provenance: UNSIGNED,
			origin: originOf(version, context.known),
		};
		items.push(item);
		// Signatures run on libuv's pool, all of a page at once, off the event loop.
		signing.push(
			signObjectAsync(first, key.privateKey, key.keyId, {
				...(transformed
					? { derivedFrom: { id: version.id, version: version.version, signer: key.keyId } }
					: {}),
				...(SIGNATURE_PROPERTY in first ? {} : { canonical: text }),
			}).then((provenance) => {
				item.provenance = provenance;
			}),
		);
	}
	await Promise.all(signing);
	return { items, withheld };
}
