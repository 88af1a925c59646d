// What flowed where and why, from real data: what each origin holds of its own, what each peer stored
// from it (the receiver's store, by provenance `peer:<origin>`), and why (the origin's gate preview over
// REST, for the purpose its feeder used for that peer). Nothing here is predicted from the sample.
import { peerSource, purposeOf } from "../federation/index.ts";
import type { AppliedTreatment, Purpose, Verdict } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { classifyMarking } from "../stix/markings/index.ts";
import type { Store, StoredVersion } from "../store/index.ts";
import type { DemoNode } from "./network.ts";

/** One object of the origin and what became of it at one peer. */
export interface ObjectFlow {
	id: string;
	type: string;
	name: string;
	/** `x_entente_role` (e.g. `victim`: personal data in the policy's eyes). */
	role?: string;
	/** Display names of its markings (`TLP:AMBER`, `PAP:GREEN`, `H2`). */
	markings: string[];
	/** The origin's gate, asked for the receiving party and the link's purpose. */
	verdict: Verdict;
	/**
	 * What happened: released as it is, transformed, dropped (a transformation removed the object's
	 * identifying value, so nothing could be sent), or withheld.
	 */
	outcome: "full" | "transformed" | "dropped" | "withheld";
	rule: string;
	reason: string;
	treatments: AppliedTreatment[];
	/** The id it is stored under at the receiver (a minted one when pseudonymised); absent: not there. */
	storedAs?: string;
	/**
	 * Markings the released copy carries that the original does not: an agreement's PAP ceiling, or the
	 * TLP 1.0 equivalents for a recipient that understands only TLP 1.0.
	 */
	addedMarkings: { name: string; kind: string }[];
	/** For a container: references kept in the copy the receiver holds, of how many. */
	refsKept?: [kept: number, of: number];
}

/** A group of objects the gate held back for the same reason. */
export interface WithheldGroup {
	/** What they have in common, for people: `TLP:AMBER+STRICT`, `H2`, `no agreement`, … */
	label: string;
	rule: string;
	reason: string;
	count: number;
}

export interface TreatedGroup {
	objectType: string;
	role?: string;
	treatment: string;
	because: string;
	count: number;
}

/** One direction of one link: origin → receiver. */
export interface LinkNarration {
	from: string;
	to: string;
	fromParty: string;
	toParty: string;
	agreements: string[];
	purpose: Purpose;
	/** The origin's own objects (latest versions). */
	published: number;
	/** Of those, how many the receiver stores (under the original or a minted id). */
	received: number;
	full: number;
	transformed: TreatedGroup[];
	withheld: WithheldGroup[];
	/** Containers the receiver holds with fewer references than the original. */
	trimmedContainers: { id: string; kept: number; of: number }[];
	/** Where what is stored differs from what the gate says (should be empty; shown when not). */
	mismatches: string[];
	objects: ObjectFlow[];
}

/** An object under TLP:RED or TLP:AMBER+STRICT, and every other node that holds it (should be none). */
export interface RestrictedObject {
	origin: string;
	id: string;
	name: string;
	marking: string;
	heldElsewhere: string[];
}

export interface Narration {
	links: LinkNarration[];
	restricted: RestrictedObject[];
}

interface PreviewLine {
	partyId: string;
	verdict: Verdict;
	treatments: AppliedTreatment[];
	decidingRule: string;
	reason: string;
}

/** Builds the narration for every origin that published something and each of its peers. */
export async function narrate(nodes: readonly DemoNode[]): Promise<Narration> {
	const links: LinkNarration[] = [];
	const restricted: RestrictedObject[] = [];
	const held = new Map<string, StoredVersion[]>();
	for (const node of nodes) held.set(node.name, await allLatest(node.open.store));
	for (const origin of nodes) {
		const own = (held.get(origin.name) ?? []).filter((v) => !v.provenance.source.startsWith(peerSource("")));
		if (own.length === 0) continue;
		for (const version of own) {
			const marking = markingNames(version.object).find((m) => m === "TLP:RED" || m === "TLP:AMBER+STRICT");
			if (marking === undefined) continue;
			const heldElsewhere = nodes
				.filter((n) => n !== origin && (held.get(n.name) ?? []).some((v) => v.id === version.id))
				.map((n) => n.name);
			restricted.push({
				origin: origin.name,
				id: version.id,
				name: nameOf(version.object),
				marking,
				heldElsewhere,
			});
		}
		const previews = new Map<string, Map<string, PreviewLine[]>>();
		for (const peer of await origin.open.store.listPeers()) {
			const receiver = nodes.find((n) => n.name === peer.name);
			if (receiver === undefined) continue;
			const purpose = await purposeOf(origin.open.store, peer);
			let byObject = previews.get(purpose);
			if (byObject === undefined) {
				byObject = new Map();
				for (const version of own) byObject.set(version.id, await preview(origin, version.id, purpose));
				previews.set(purpose, byObject);
			}
			const stored = (held.get(receiver.name) ?? []).filter(
				(v) => v.provenance.source === peerSource(origin.name),
			);
			links.push(linkOf(origin, receiver, peer.agreements, purpose, own, byObject, stored));
		}
	}
	return { links, restricted };
}

function linkOf(
	origin: DemoNode,
	receiver: DemoNode,
	agreements: readonly string[],
	purpose: Purpose,
	own: readonly StoredVersion[],
	previews: ReadonlyMap<string, PreviewLine[]>,
	stored: readonly StoredVersion[],
): LinkNarration {
	const byId = new Map(stored.map((v) => [v.id, v.object]));
	// Pseudonymised observables arrive under minted ids: pair them with the originals by type, in order.
	const minted = stored.filter(
		(v) => v.object.x_entente_derivation !== undefined && !own.some((o) => o.id === v.id),
	);
	const objects: ObjectFlow[] = own.map((version) => {
		const line = previews.get(version.id)?.find((p) => p.partyId === receiver.party.id);
		const object = version.object;
		let copy = byId.get(object.id);
		if (copy === undefined && line?.verdict === "transformed") {
			const at = minted.findIndex((m) => m.type === object.type);
			if (at >= 0) copy = minted.splice(at, 1)[0]?.object;
		}
		const flow: ObjectFlow = {
			id: object.id,
			type: object.type,
			name: nameOf(object),
			markings: markingNames(object),
			verdict: line?.verdict ?? "deny",
			rule: line?.decidingRule ?? "preview.missing",
			reason: line?.reason ?? "the origin's preview does not name this party",
			treatments: line?.treatments ?? [],
			outcome: outcomeOf(line, copy !== undefined),
			addedMarkings: copy === undefined ? [] : addedMarkings(object, copy),
		};
		if (copy !== undefined) flow.storedAs = copy.id;
		if (typeof object.x_entente_role === "string") flow.role = object.x_entente_role;
		const refs = object.object_refs;
		if (copy !== undefined && Array.isArray(refs) && Array.isArray(copy.object_refs)) {
			flow.refsKept = [copy.object_refs.length, refs.length];
		}
		return flow;
	});
	return summarise(origin, receiver, agreements, purpose, objects);
}

function summarise(
	origin: DemoNode,
	receiver: DemoNode,
	agreements: readonly string[],
	purpose: Purpose,
	objects: ObjectFlow[],
): LinkNarration {
	const released = (f: ObjectFlow): boolean => f.verdict === "full" || f.verdict === "transformed";
	const withheld = new Map<string, WithheldGroup>();
	const transformed = new Map<string, TreatedGroup>();
	const mismatches: string[] = [];
	for (const flow of objects) {
		if (released(flow) && flow.outcome !== "dropped" && flow.storedAs === undefined) {
			mismatches.push(`${flow.id}: the gate says ${flow.verdict}, yet it is not stored at ${receiver.name}`);
		} else if (!released(flow) && flow.storedAs !== undefined) {
			mismatches.push(`${flow.id}: the gate says ${flow.verdict}, yet it is stored at ${receiver.name}`);
		}
		if (flow.verdict === "transformed") {
			for (const t of flow.treatments) {
				const key = `${flow.role} ${t.objectType} ${t.treatment} ${t.because}`;
				const group = transformed.get(key) ?? {
					objectType: t.objectType,
					...(flow.role === undefined ? {} : { role: flow.role }),
					treatment: t.treatment,
					because: t.because,
					count: 0,
				};
				group.count++;
				transformed.set(key, group);
			}
		}
		if (!released(flow)) {
			const label = withheldLabel(flow);
			const group = withheld.get(`${label} ${flow.rule}`) ?? {
				label,
				rule: flow.rule,
				reason: flow.reason,
				count: 0,
			};
			group.count++;
			withheld.set(`${label} ${flow.rule}`, group);
		}
	}
	return {
		from: origin.name,
		to: receiver.name,
		fromParty: origin.party.name,
		toParty: receiver.party.name,
		agreements: [...agreements],
		purpose,
		published: objects.length,
		received: objects.filter((f) => f.storedAs !== undefined).length,
		full: objects.filter((f) => f.verdict === "full" && f.storedAs !== undefined).length,
		transformed: [...transformed.values()],
		withheld: [...withheld.values()],
		trimmedContainers: objects
			.filter((f) => f.refsKept !== undefined && f.refsKept[0] < f.refsKept[1])
			.map((f) => ({ id: f.id, kept: f.refsKept?.[0] ?? 0, of: f.refsKept?.[1] ?? 0 })),
		mismatches,
		objects,
	};
}

function outcomeOf(line: PreviewLine | undefined, stored: boolean): ObjectFlow["outcome"] {
	if (line?.verdict === "full") return "full";
	if (line?.verdict !== "transformed") return "withheld";
	if (stored) return "transformed";
	return line.treatments.length > 0 && line.treatments.every((t) => t.treatment === "drop")
		? "dropped"
		: "transformed";
}

/**
 * The marking the deciding rule is about: the TLP level the reason cites (an object inside an AMBER
 * report is judged as AMBER), the code for handling rules.
 */
function withheldLabel(flow: ObjectFlow): string {
	const own = flow.markings.find((m) => m.startsWith("TLP:"));
	const cited = /^(TLP:[A-Z+]+)/.exec(flow.reason)?.[1];
	const tlp =
		cited !== undefined && own !== undefined && cited !== own ? `${own} inheriting ${cited}` : (cited ?? own);
	if (flow.rule.startsWith("handling.")) return flow.rule.slice("handling.".length).toUpperCase();
	if (flow.rule.startsWith("scope.") || flow.rule.startsWith("obligation.tlp")) return tlp ?? flow.rule;
	if (flow.rule === "gate.references") return `${flow.type} without its references`;
	return tlp === undefined ? flow.rule : `${tlp} (${flow.rule})`;
}

function nameOf(object: StixObject): string {
	if (typeof object.name === "string") return object.name;
	if (typeof object.value === "string") return object.value;
	if (object.type === "relationship") return `${String(object.relationship_type)} relationship`;
	return object.id;
}

function markingNames(object: StixObject): string[] {
	const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
	return refs.map((ref) => classifyMarking(String(ref))?.name ?? String(ref));
}

function addedMarkings(original: StixObject, copy: StixObject): { name: string; kind: string }[] {
	const refs = (o: StixObject): string[] =>
		Array.isArray(o.object_marking_refs) ? o.object_marking_refs.map(String) : [];
	const before = new Set(refs(original));
	return refs(copy)
		.filter((ref) => !before.has(ref))
		.map((ref) => {
			const known = classifyMarking(ref);
			return { name: known?.name ?? ref, kind: known?.kind ?? "unknown" };
		});
}

/** Every object's latest version in the store. */
async function allLatest(store: Store): Promise<StoredVersion[]> {
	const out: StoredVersion[] = [];
	let after: string | undefined;
	for (;;) {
		const page = await store.query({
			versions: ["last"],
			limit: 1000,
			...(after === undefined ? {} : { after }),
		});
		out.push(...page.items);
		if (!page.more || page.next === undefined) return out;
		after = page.next;
	}
}

/** The origin's gate preview for one object, over its REST API as its admin. */
async function preview(origin: DemoNode, id: string, purpose: Purpose): Promise<PreviewLine[]> {
	const url = `${origin.url}/api/v1/policy/preview?object=${encodeURIComponent(id)}&purpose=${purpose}`;
	const response = await fetch(url, { headers: { authorization: `Bearer ${origin.adminToken}` } });
	if (response.status !== 200) {
		throw new Error(`GET ${url} at ${origin.name}: ${response.status} ${await response.text()}`);
	}
	return ((await response.json()) as { parties: PreviewLine[] }).parties;
}
