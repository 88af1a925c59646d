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

/** What judging a version for a peer needs: the gate, this node's parties, the purpose. */
export interface ReleaseContext {
	gate: EgressGate;
	/** Parties this node hosts: it publishes only what they originated. */
	local: ReadonlySet<string>;
	/** Every party this node knows (local, partner organisations, policy parties). */
	known: ReadonlySet<string>;
	purpose: Purpose;
}

export interface PublishContext extends ReleaseContext {
	ring: NodeKeyRing;
}

/** The one copy a peer receives of a version, before it is signed. */
export interface PeerForm {
	object: StixObject;
	/** Its canonical JSON. */
	text: string;
	/** The gate changed it (the signature then names the stored version it derives from). */
	transformed: boolean;
	origin: string;
}

/**
 * The copy `peer` receives of each of a page of versions, position for position (undefined: withheld,
 * with the reason in `withheld`). A peer receives a version only when every party it hosts receives the
 * identical copy: a node stores one copy for all its parties, so sending more would reach a party that
 * was not entitled (docs/decisions.md D15).
 */
export async function formsForPeer(
	context: ReleaseContext,
	peer: PeerRecord,
	versions: readonly StoredVersion[],
): Promise<{ forms: (PeerForm | undefined)[]; withheld: (Withheld | undefined)[] }> {
	const withheld: (Withheld | undefined)[] = versions.map((version) => {
		if (version.provenance.source.startsWith(peerSource(""))) return "not-ours";
		return context.local.has(originOf(version, context.known)) ? undefined : "not-ours";
	});
	const candidates = versions.filter((_, i) => withheld[i] === undefined);
	const released: (StixObject | undefined)[][] = [];
	for (const partyId of peer.parties) {
		released.push(
			candidates.length === 0
				? []
				: await context.gate.releasePage(
						{ partyId, userId: peerSource(peer.name), purpose: context.purpose },
						candidates,
					),
		);
	}
	const forms: (PeerForm | undefined)[] = [];
	let at = 0;
	for (const [i, version] of versions.entries()) {
		if (withheld[i] !== undefined) {
			forms.push(undefined);
			continue;
		}
		const copies = released.map((page) => page[at]);
		at++;
		const first = copies[0];
		if (peer.parties.length === 0 || first === undefined || copies.some((r) => r === undefined)) {
			withheld[i] = "gate";
			forms.push(undefined);
			continue;
		}
		// Canonical JSON once per form: the gate hands back the stored object itself when it changed nothing.
		const text = canonicalJson(first);
		if (copies.some((r) => r !== first && canonicalJson(r) !== text)) {
			withheld[i] = "divergent-forms";
			forms.push(undefined);
			continue;
		}
		const transformed = first !== version.object && text !== canonicalJson(version.object);
		forms.push({ object: first, text, transformed, origin: originOf(version, context.known) });
	}
	return { forms, withheld };
}

/**
 * The signed items `peer` receives of a page of versions, position for position (undefined: withheld,
 * with the reason in `withheld`); see formsForPeer.
 */
export async function itemsForPeer(
	context: PublishContext,
	peer: PeerRecord,
	versions: readonly StoredVersion[],
): Promise<{ items: (ObjectItem | undefined)[]; withheld: (Withheld | undefined)[] }> {
	const { forms, withheld } = await formsForPeer(context, peer, versions);
	const items = await signForms(context.ring, versions, forms);
	return { items, withheld };
}

/** Signs each form as this node's provenance, with `derived_from` when the gate transformed it. */
export async function signForms(
	ring: NodeKeyRing,
	versions: readonly StoredVersion[],
	forms: readonly (PeerForm | undefined)[],
): Promise<(ObjectItem | undefined)[]> {
	const key = ring.current;
	const signing: Promise<void>[] = [];
	const items = forms.map((form, i): ObjectItem | undefined => {
		const version = versions[i];
		if (form === undefined || version === undefined) return undefined;
		const item: ObjectItem = { object: form.object, provenance: UNSIGNED, origin: form.origin };
		// Signatures run on libuv's pool, all of a page at once, off the event loop.
		signing.push(
			signObjectAsync(form.object, key.privateKey, key.keyId, {
				...(form.transformed
					? { derivedFrom: { id: version.id, version: version.version, signer: key.keyId } }
					: {}),
				...(SIGNATURE_PROPERTY in form.object ? {} : { canonical: form.text }),
			}).then((provenance) => {
				item.provenance = provenance;
			}),
		);
		return item;
	});
	await Promise.all(signing);
	return items;
}
