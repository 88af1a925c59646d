// What the invariants know of the parties, read straight from the applied policy's data (model.ts), never
// from the engine's compiled tables: who is local, what binds a party, where it is, which routes exist (D37).
import type { Agreement, Jurisdiction, Party, Policy, Validity } from "../model.ts";

const TLP_ORDER = ["clear", "green", "amber", "amber+strict", "red"] as const;

/** A policy indexed once for the invariants (per applied version). */
export interface PolicyFacts {
	readonly policy: Policy;
	readonly parties: ReadonlyMap<string, Party>;
	/** Agreements naming the party, directly or through a community (or subgroup) it belongs to. */
	readonly agreementsOf: ReadonlyMap<string, readonly Agreement[]>;
	/** Parties in some community or subgroup. */
	readonly inCommunity: ReadonlySet<string>;
	/** Parties named as some party's client. */
	readonly isClient: ReadonlySet<string>;
	readonly jurisdictions: ReadonlyMap<string, Jurisdiction>;
}

const indexed = new WeakMap<Policy, PolicyFacts>();

/** The policy's facts, built once per policy object. */
export function policyFacts(policy: Policy): PolicyFacts {
	const known = indexed.get(policy);
	if (known !== undefined) return known;
	const parties = new Map(policy.parties.map((party) => [party.id, party]));
	const membersOf = new Map<string, string[]>();
	const inCommunity = new Set<string>();
	for (const community of policy.communities) {
		membersOf.set(community.id, [...community.members]);
		for (const member of community.members) inCommunity.add(member);
		for (const subgroup of community.subgroups) {
			membersOf.set(subgroup.id, [...subgroup.members]);
			for (const member of subgroup.members) inCommunity.add(member);
		}
	}
	const agreementsOf = new Map<string, Agreement[]>();
	for (const agreement of policy.agreements) {
		const bound = new Set(agreement.parties);
		for (const id of agreement.communities) for (const member of membersOf.get(id) ?? []) bound.add(member);
		for (const party of bound) {
			const list = agreementsOf.get(party) ?? [];
			list.push(agreement);
			agreementsOf.set(party, list);
		}
	}
	const isClient = new Set(policy.parties.flatMap((party) => party.clients));
	const facts: PolicyFacts = {
		policy,
		parties,
		agreementsOf,
		inCommunity,
		isClient,
		jurisdictions: new Map(policy.jurisdictions.map((j) => [j.code, j])),
	};
	indexed.set(policy, facts);
	return facts;
}

/** TLP rank of a level name (clear 0 … red 4); an unreadable level counts as clear (the smallest grant). */
export function tlpLevelRank(level: string | undefined): number {
	const rank = TLP_ORDER.indexOf(level as (typeof TLP_ORDER)[number]);
	return Math.max(rank, 0);
}

/**
 * True when `now` is inside the window, both ends included (the engine's window is half-open: at the very
 * edge the invariant grants a little more, never less, so it never contradicts a release the gate may make).
 * An unreadable timestamp never holds.
 */
export function inForce(validity: Validity | undefined, now: number): boolean {
	if (validity === undefined) return false;
	const from = Date.parse(validity.from);
	const until = validity.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(validity.until);
	return now >= from && now <= until;
}

/**
 * The highest TLP rank any standing of `partyId` could justify: GREEN as a community member, AMBER as a
 * client, else the ceiling of an agreement in force that names it (any purpose, any counterpart), never
 * above the party's own `tlpCeiling`. -1 for a party that is unknown or suspended: nothing may reach it.
 */
export function highestGrant(facts: PolicyFacts, partyId: string, now: number): number {
	const party = facts.parties.get(partyId);
	if (party === undefined || party.status !== "active") return -1;
	let grant = 0;
	if (facts.inCommunity.has(partyId)) grant = 1;
	if (facts.isClient.has(partyId)) grant = Math.max(grant, 2);
	for (const agreement of facts.agreementsOf.get(partyId) ?? [])
		if (inForce(agreement.validity, now)) grant = Math.max(grant, tlpLevelRank(agreement.tlpCeiling));
	const cap = party.tlpCeiling === undefined ? 4 : tlpLevelRank(party.tlpCeiling);
	return Math.min(grant, cap);
}

/**
 * Whose object it is for the invariants: the organisation that recorded it, or its `created_by_ref` when the
 * policy knows that party and the recorder is not a partner party (an operator importing a partner's bundle).
 */
export function ownerOf(facts: PolicyFacts | undefined, recorder: string, createdBy: unknown): string {
	if (facts === undefined || typeof createdBy !== "string" || !facts.parties.has(createdBy)) return recorder;
	return facts.parties.get(recorder)?.local === false ? recorder : createdBy;
}

/** Every jurisdiction code `codes` are under: themselves and, transitively, each bloc listing one as a member. */
export function under(facts: PolicyFacts, codes: readonly string[]): Set<string> {
	const result = new Set(codes);
	for (let grew = true; grew; ) {
		grew = false;
		for (const jurisdiction of facts.jurisdictions.values()) {
			if (result.has(jurisdiction.code)) continue;
			if (jurisdiction.members.some((member) => result.has(member))) {
				result.add(jurisdiction.code);
				grew = true;
			}
		}
	}
	return result;
}

/**
 * True when personal data under jurisdiction `from` may reach a party under `destination` (codes with their
 * blocs) as it is: the party is under `from` itself, or `from` has a route to one of them whose legal basis
 * is in force (any purpose).
 */
export function reachable(from: Jurisdiction, destination: ReadonlySet<string>, now: number): boolean {
	if (destination.has(from.code)) return true;
	const bases = new Map(from.legalBases.map((basis) => [basis.id, basis]));
	return from.transferRoutes.some(
		(route) => destination.has(route.to) && inForce(bases.get(route.basis)?.validity, now),
	);
}
