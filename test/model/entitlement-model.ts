// A reference model of who is entitled to what, written apart from src/policy/engine and kept simple on purpose.
// It covers a restricted subset of the policy language (see docs/testing.md) and states the engine's documented choices.

export const TLPS = ["clear", "green", "amber", "amber+strict", "red"] as const;
export type Tlp = (typeof TLPS)[number];
/** An object's own marking: a TLP 2.0 level, none (counts as AMBER), or a marking the node does not know. */
export type MarkingChoice = Tlp | "none" | "unknown";
export type ModelPurpose = "network-defence" | "research";

export interface ModelParty {
	id: string;
	/** Hosted by this node. */
	local: boolean;
	suspended: boolean;
	sector: "government" | "law-enforcement" | "cert" | "private" | "academia";
	jurisdiction: "GB" | "US";
	/** The most this party may ever receive (e.g. academia: green). */
	tlpCeiling?: Tlp;
	/** Whether the applied policy names the party at all; one it does not name receives nothing. */
	inPolicy: boolean;
}

export interface ModelAgreement {
	id: string;
	/** Bilateral: two parties; multilateral: parties and/or communities. */
	parties: string[];
	communities: string[];
	tlpCeiling: Tlp;
	purposes: ModelPurpose[];
	/** Relative to now: in force, ended (revoked by its end date), or not yet started. */
	validity: "current" | "ended" | "future";
	onwardSharing: boolean;
}

export interface ModelCommunity {
	id: string;
	members: string[];
}

export type ModelAudience = { scope: "own-organization" } | { parties: string[] };

export interface ModelObject {
	id: string;
	type: "indicator" | "malware" | "report" | "relationship" | "sighting";
	/** The party whose user stored it: its originator (provenance; `created_by_ref` is that party too). */
	poster: string;
	marking: MarkingChoice;
	audience?: ModelAudience;
	/** report: object_refs. */
	refs?: string[];
	/** relationship ends and type. */
	source?: string;
	target?: string;
	relationshipType?: "related-to" | "derived-from";
	/** sighting. */
	sightingOf?: string;
	/**
	 * indicator: fields under a granular marking (one per selector form), whose values are canaries only a
	 * party entitled to that marking may read.
	 */
	fields?: { marking: Tlp; canaries: [string, string] };
	/**
	 * Earlier versions, oldest first, each with its own marking and audience (everything else is the
	 * same); `marking` and `audience` above are the latest version's. Version k is modified k seconds
	 * after the first.
	 */
	history?: ModelVersion[];
}

/** What changes between versions of one object in the model: who may receive it. */
export interface ModelVersion {
	marking: MarkingChoice;
	audience?: ModelAudience;
}

export interface ModelWorld {
	parties: ModelParty[];
	agreements: ModelAgreement[];
	communities: ModelCommunity[];
	objects: ModelObject[];
	/**
	 * Ids under which a party posted content that was refused (the id is another's): id → those parties. What
	 * a party posted reads back to it on the single-object paths when the owner's object is hidden from it
	 * (D35), so that a post under a hidden id answers as under a fresh one; nothing of the owner's comes with it.
	 */
	refusedPosts?: Record<string, string[]>;
	/** TAXII status resources of posts made in this run: id → the party that posted (only it may read one). */
	statuses?: Record<string, string>;
}

/** Records that `party` posted content under `id` that the node refused (the id belongs to another). */
export function recordRefusedPost(world: ModelWorld, id: string, party: string): void {
	const posts = world.refusedPosts ?? {};
	const parties = posts[id] ?? [];
	if (!parties.includes(party)) parties.push(party);
	posts[id] = parties;
	world.refusedPosts = posts;
}

/** What one party receives: object id → for a report, the object_refs it keeps (else undefined). */
export type Entitlement = Map<string, string[] | undefined>;

const rank = (tlp: Tlp): number => TLPS.indexOf(tlp);
const CLEAR = 0;
const GREEN = 1;
const AMBER = 2;
const AMBER_STRICT = 3;
const RED = 4;
/** Containers in containers and derived-from chains are followed this far up (the gate's documented bound). */
const INHERITANCE_HOPS = 6;

function partyOf(world: ModelWorld, id: string): ModelParty | undefined {
	return world.parties.find((p) => p.id === id && p.inPolicy);
}

/** A policy names only its parties: agreements and communities bind those it names. */
function named(world: ModelWorld, ids: readonly string[]): string[] {
	return ids.filter((id) => partyOf(world, id) !== undefined);
}

function membersOf(world: ModelWorld, agreement: ModelAgreement): Set<string> {
	const members = new Set(named(world, agreement.parties));
	for (const id of agreement.communities)
		for (const m of named(world, world.communities.find((c) => c.id === id)?.members ?? [])) members.add(m);
	return members;
}

function agreementsBetween(world: ModelWorld, a: string, b: string): ModelAgreement[] {
	if (a === b) return [];
	return world.agreements.filter((ag) => {
		const members = membersOf(world, ag);
		return members.has(a) && members.has(b);
	});
}

function communitiesBetween(world: ModelWorld, a: string, b: string): string[] {
	if (a === b) return [];
	return world.communities
		.filter((c) => named(world, c.members).includes(a) && named(world, c.members).includes(b))
		.map((c) => c.id);
}

const isLocal = (world: ModelWorld, id: string): boolean => partyOf(world, id)?.local === true;

/** The originator's house: the party itself, or "the node" for every local party. */
function houseOf(world: ModelWorld, party: string): string {
	return isLocal(world, party) ? "\u0000local" : party;
}

/**
 * The objects an object inherits markings and originators from: containers naming it, derived-from targets.
 * A container restricts only its own copy (D33): a hop counts only when whoever made it — the container's
 * poster, or the derived-from relationship's — is of the same house as the object it passes markings to.
 */
function ancestors(world: ModelWorld, object: ModelObject): ModelObject[] {
	const found = new Map<string, ModelObject>();
	let frontier = [object];
	const seen = new Set([object.id]);
	for (let hop = 0; hop < INHERITANCE_HOPS && frontier.length > 0; hop++) {
		const next: ModelObject[] = [];
		for (const child of frontier) {
			const house = houseOf(world, child.poster);
			const parents = world.objects.filter(
				(o) => o.type === "report" && o.refs?.includes(child.id) && houseOf(world, o.poster) === house,
			);
			for (const rel of world.objects)
				if (
					rel.type === "relationship" &&
					rel.relationshipType === "derived-from" &&
					rel.source === child.id &&
					houseOf(world, rel.poster) === house
				) {
					const target = world.objects.find((o) => o.id === rel.target);
					if (target !== undefined) parents.push(target);
				}
			for (const parent of parents) {
				found.set(parent.id, parent);
				if (!seen.has(parent.id)) {
					seen.add(parent.id);
					next.push(parent);
				}
			}
		}
		frontier = next;
	}
	found.delete(object.id);
	return [...found.values()];
}

/**
 * May `recipient` receive an object with effective TLP `tlp` (−1: none) from `originator`?
 * The engine's order, reduced to this subset: status → same house → purpose → onward → TLP scope → audience.
 */
function allows(
	world: ModelWorld,
	object: ModelObject,
	tlpOrNone: number,
	originator: string,
	recipientId: string,
	purpose: ModelPurpose,
): boolean {
	const recipient = partyOf(world, recipientId);
	if (recipient === undefined || recipient.suspended) return false;
	// The originator's own house: the originator itself, or two parties of this node.
	if (recipientId === originator || (recipient.local && isLocal(world, originator))) return true;
	const relay = !recipient.local && !isLocal(world, originator);
	// On relay, what binds the recipient to any local party; else originator ↔ recipient.
	const bound = relay
		? world.agreements.filter((ag) =>
				world.parties.some(
					(p) => p.inPolicy && p.local && agreementsBetween(world, p.id, recipientId).includes(ag),
				),
			)
		: agreementsBetween(world, originator, recipientId);
	const inForce = bound.filter((ag) => ag.validity === "current");
	const covering = inForce.filter((ag) => ag.purposes.includes(purpose));
	// Agreements in force fix the purposes: none of them allowing this one denies, whatever the TLP.
	if (inForce.length > 0 && covering.length === 0) return false;
	// With none in force, an ended agreement still binds with its restrictions (D34; every "current" one
	// here started with the "ended" ones, so none replaces them): one that did not allow the purpose refuses it.
	if (inForce.length === 0 && bound.some((ag) => ag.validity === "ended" && !ag.purposes.includes(purpose)))
		return false;
	const tlp = tlpOrNone < 0 ? AMBER : tlpOrNone;
	if (relay && tlp !== CLEAR) {
		if (tlp > GREEN) return false;
		const onward = world.agreements.some(
			(ag) =>
				ag.onwardSharing &&
				ag.validity === "current" &&
				ag.purposes.includes(purpose) &&
				world.parties.some(
					(p) => p.inPolicy && p.local && agreementsBetween(world, p.id, originator).includes(ag),
				),
		);
		if (!onward) return false;
	}
	const ceiling = Math.max(-1, ...covering.map((ag) => rank(ag.tlpCeiling)));
	let green = communitiesBetween(world, originator, recipientId).length > 0;
	if (!green && relay)
		green = world.parties.some(
			(p) => p.inPolicy && p.local && communitiesBetween(world, p.id, recipientId).length > 0,
		);
	const named =
		object.audience !== undefined &&
		"parties" in object.audience &&
		object.audience.parties.includes(recipientId);
	let entitled = CLEAR;
	if (ceiling >= GREEN || green) entitled = GREEN;
	if (ceiling >= AMBER) entitled = AMBER;
	if (ceiling >= AMBER_STRICT) entitled = AMBER_STRICT;
	if (ceiling >= RED && named) entitled = RED;
	const cap = recipient.tlpCeiling === undefined ? RED : rank(recipient.tlpCeiling);
	entitled = Math.min(entitled, relay ? Math.min(GREEN, cap) : cap);
	if (tlp > entitled) return false;
	const audience = object.audience;
	if (audience === undefined) return true;
	if ("scope" in audience) return false; // own organisation only: only the originator's house (above)
	return audience.parties.length === 0 || audience.parties.includes(recipientId);
}

/** Whether the recipient may receive the object itself (markings, originators, inheritance), before references. */
export function decidedFor(
	world: ModelWorld,
	object: ModelObject,
	recipient: string,
	purpose: ModelPurpose,
): boolean {
	const lineage = [object, ...ancestors(world, object)];
	if (lineage.some((o) => o.marking === "unknown")) return false;
	// Strictest marking wins; "none" contributes nothing (and an object with no TLP at all counts as AMBER).
	const tlp = Math.max(
		-1,
		...lineage.map((o) => (o.marking === "none" || o.marking === "unknown" ? -1 : rank(o.marking))),
	);
	const originators = new Set(lineage.map((o) => o.poster));
	for (const originator of originators)
		if (!allows(world, object, tlp, originator, recipient, purpose)) return false;
	return true;
}

/** The ids an object names: a report's refs, a relationship's ends, what a sighting sights. */
function namesOf(object: ModelObject): string[] {
	return [...(object.refs ?? []), object.source, object.target, object.sightingOf].filter(
		(id): id is string => id !== undefined,
	);
}

/**
 * The objects the store holds ready (D58): some version of it carries a marking the node understands and
 * everything it names is ready. A version that is not waits, whoever asks, and goes only once complete.
 */
function readyIds(world: ModelWorld): Set<string> {
	const ready = new Set<string>();
	for (let changed = true; changed; ) {
		changed = false;
		for (const object of world.objects) {
			if (ready.has(object.id)) continue;
			const markings = [object.marking, ...(object.history ?? []).map((version) => version.marking)];
			if (markings.every((marking) => marking === "unknown")) continue;
			if (!namesOf(object).every((id) => ready.has(id))) continue;
			ready.add(object.id);
			changed = true;
		}
	}
	return ready;
}

/**
 * Every object `recipient` receives for `purpose`, with the references a report keeps. A relationship
 * needs both ends, a sighting what it sights; a report keeps only references the recipient receives
 * (themselves with their references resolved) and is withheld when none is left. Whatever names an object that
 * is not ready (readyIds) is withheld from everyone until it is (D58).
 */
export function entitlement(world: ModelWorld, recipient: string, purpose: ModelPurpose): Entitlement {
	const ready = readyIds(world);
	const memo = new Map<string, { released: boolean; refs?: string[] }>();
	const resolve = (id: string, depth: number): { released: boolean; refs?: string[] } => {
		const cached = memo.get(id);
		if (cached !== undefined) return cached;
		const object = world.objects.find((o) => o.id === id);
		if (object === undefined || depth > 8 || !decidedFor(world, object, recipient, purpose)) {
			const out = { released: false };
			memo.set(id, out);
			return out;
		}
		let out: { released: boolean; refs?: string[] } = { released: true };
		if (!ready.has(object.id)) out = { released: false };
		else if (object.type === "relationship")
			out = {
				released:
					resolve(object.source ?? "", depth + 1).released &&
					resolve(object.target ?? "", depth + 1).released,
			};
		else if (object.type === "sighting")
			out = { released: resolve(object.sightingOf ?? "", depth + 1).released };
		else if (object.type === "report") {
			const refs = (object.refs ?? []).filter((ref) => resolve(ref, depth + 1).released);
			out = refs.length === 0 ? { released: false } : { released: true, refs };
		}
		memo.set(id, out);
		return out;
	};
	const result: Entitlement = new Map();
	for (const object of world.objects) {
		const verdict = resolve(object.id, 0);
		if (verdict.released) result.set(object.id, verdict.refs);
	}
	return result;
}

/**
 * Every version `recipient` receives, per object id: version indexes (0 = first). The latest binds the
 * older ones (docs/decisions.md D18): an older version goes only where the latest goes, and only where
 * its own markings let it go (a loosened latest does not loosen it).
 */
export function versionEntitlement(
	world: ModelWorld,
	recipient: string,
	purpose: ModelPurpose,
): Map<string, number[]> {
	const latest = entitlement(world, recipient, purpose);
	const result = new Map<string, number[]>();
	for (const object of world.objects) {
		if (!latest.has(object.id)) continue;
		const history = object.history ?? [];
		const released = history.flatMap((version, index) => {
			const { audience: _latestAudience, ...rest } = object;
			const older: ModelObject = {
				...rest,
				marking: version.marking,
				...(version.audience === undefined ? {} : { audience: version.audience }),
			};
			return decidedFor(world, older, recipient, purpose) ? [index] : [];
		});
		result.set(object.id, [...released, history.length]);
	}
	return result;
}
