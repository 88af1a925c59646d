// Whether a policy would cut this node off from every partner: the second confirmation before applying (D63).
// Judged from the policy model alone, cheaply and without reading a stored object.
import type { Agreement, CutOffReason, Party, Policy } from "./model.ts";

/** A partner the policy would cut off, and why. */
export interface CutOffParty {
	id: string;
	name: string;
	reason: CutOffReason;
}

/**
 * The partners `proposed` would cut off when it cuts off every one of them and at least one of them was reached
 * under `current` (the version applied now); otherwise none. Partners are the parties that are not this node's
 * own (`local`), of either version: removing a partner cuts it off. A node with no partner, or one already cut
 * off from all of them, is not asked again.
 * @example partnersCutOff(allSuspended, applied, new Date()) // [{ id: "identity--…", name: "US FBI", reason: "suspended" }, …]
 */
export function partnersCutOff(proposed: Policy, current: Policy | undefined, now: Date): CutOffParty[] {
	const at = now.getTime();
	const local = new Set(proposed.parties.filter((party) => party.local).map((party) => party.id));
	const partners = new Map<string, Party>();
	for (const party of [...(current?.parties ?? []), ...proposed.parties])
		if (!party.local && !local.has(party.id)) partners.set(party.id, party);
	if (partners.size === 0) return [];

	const cutOff: CutOffParty[] = [];
	for (const partner of partners.values()) {
		const reason = cutOffReason(proposed, partner.id, at);
		if (reason === undefined) return [];
		cutOff.push({ id: partner.id, name: partner.name, reason });
	}
	const wasReached =
		current !== undefined && [...partners.keys()].some((id) => cutOffReason(current, id, at) === undefined);
	return wasReached ? cutOff : [];
}

/** Why `policy` gives the partner `id` nothing beyond TLP:CLEAR at `at`, or undefined when it gives it more. */
export function cutOffReason(policy: Policy, id: string, at: number): CutOffReason | undefined {
	const party = policy.parties.find((candidate) => candidate.id === id);
	if (party === undefined) return "not-a-party";
	if (party.status !== "active") return "suspended";
	if (party.tlpCeiling === "clear") return "ceiling-clear";
	const locals = policy.parties.filter((candidate) => candidate.local);
	if (locals.some((local) => local.clients.includes(id))) return undefined;
	const localIds = new Set(locals.map((local) => local.id));
	const links = (members: readonly string[]): boolean =>
		members.includes(id) && members.some((member) => localIds.has(member));
	if (policy.communities.some((community) => links(community.members))) return undefined;
	const grants = policy.agreements.some(
		(agreement) =>
			agreement.tlpCeiling !== "clear" && inForce(agreement, at) && links(boundBy(policy, agreement)),
	);
	return grants ? undefined : "no-link";
}

/** The parties an agreement binds: those it names and the members of the communities (or subgroups) it names. */
function boundBy(policy: Policy, agreement: Agreement): string[] {
	const bound = [...agreement.parties];
	for (const community of policy.communities) {
		if (agreement.communities.includes(community.id)) bound.push(...community.members);
		for (const subgroup of community.subgroups)
			if (agreement.communities.includes(subgroup.id)) bound.push(...subgroup.members);
	}
	return bound;
}

function inForce(agreement: Agreement, at: number): boolean {
	const from = Date.parse(agreement.validity.from);
	const until =
		agreement.validity.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(agreement.validity.until);
	return at >= from && at < until;
}
