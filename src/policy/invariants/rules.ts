// The invariants, one small function each: a released copy that breaks one is named with the reason (D37).
// They read only the copy about to leave, the stored version it came from, and the policy's data.
import type { StixObject } from "../../stix/core.ts";
import type { InvariantName } from "../model.ts";
import { type Marks, marksOf, TLP_GREEN, TLP_NAMES, TLP_RED, unionMarks } from "./marking-reader.ts";
import { type PolicyFacts, reachable } from "./policy-facts.ts";

/** What one gate call's checks share: the policy's facts and the recipient's, worked out once per page. */
export interface Viewing {
	facts: PolicyFacts | undefined;
	/** The party receiving the copies. */
	partyId: string;
	/** highestGrant of the party now: -1 when nothing may reach it. */
	grant: number;
	/** The jurisdictions the party is under (with their blocs), worked out on first use. */
	destination(): ReadonlySet<string>;
	/** The jurisdictions a party is under (with their blocs), per party, worked out on first use. */
	jurisdictionsOf(partyId: string): ReadonlySet<string>;
	now: number;
}

/** One release to judge: a partner party (never the object's owner, never a local party) and the copy. */
export interface Release {
	viewing: Viewing;
	/** The object's owner (ownerOf): whose agreements and law bind the copy. */
	ownerId: string;
	/** True when the owner is one of this node's own parties; a partner's object passed on is a relay. */
	ownerLocal: boolean;
	/** The version as stored. */
	stored: StixObject;
	/** Exactly what is about to leave. */
	released: StixObject;
	/** The stricter TLP of the stored version and of the copy (removing a marking never lowers it). */
	level: number;
	/** H3 is on the stored version or on the copy. */
	h3: boolean;
}

/** A broken invariant: undefined when the release keeps it, else the reason in words. */
export type InvariantRule = (release: Release) => string | undefined;

/** The markings of the copy and of the version it came from, the stricter of each. */
export function marksOfRelease(stored: StixObject, released: StixObject): Marks {
	const own = marksOf(stored);
	return released === stored ? own : unionMarks(own, marksOf(released));
}

/**
 * tlp-ceiling: nothing leaves above what the recipient's standing allows — a party unknown to the policy
 * (or suspended, or with no policy at all) receives nothing; otherwise an object's TLP must be within the
 * highest ceiling of the agreements in force naming the recipient (GREEN through a community, AMBER as a
 * client), within the recipient's own ceiling, and within GREEN when a partner's object is passed on.
 */
const tlpCeiling: InvariantRule = (release) => {
	const grant = release.viewing.grant;
	if (grant < 0) return `${release.viewing.partyId} is not an active party of the applied policy`;
	const level = release.level;
	const allowed = release.ownerLocal ? grant : Math.min(grant, TLP_GREEN);
	if (level <= allowed) return undefined;
	const why = release.ownerLocal ? "" : " (a partner's object passed on)";
	return `${TLP_NAMES[level]} is above ${TLP_NAMES[allowed]}, the most its agreements in force allow${why}`;
};

/** red-named: nothing marked TLP:RED leaves to a party the object's `x_entente_audience` does not name. */
const redNamed: InvariantRule = (release) => {
	if (release.level < TLP_RED) return undefined;
	const audience: unknown = release.stored.x_entente_audience;
	const parties =
		typeof audience === "object" && audience !== null
			? (audience as { parties?: unknown }).parties
			: undefined;
	if (Array.isArray(parties) && parties.includes(release.viewing.partyId)) return undefined;
	return "TLP:RED and the recipient is not named in the object's audience";
};

/** The stored object plays the victim role: `x_entente_role: victim` or a label `role:victim`. */
function isVictim(object: StixObject): boolean {
	if (object.x_entente_role === "victim") return true;
	return Array.isArray(object.labels) && object.labels.includes("role:victim");
}

/**
 * victim-transfer: an observable in the victim role that a jurisdiction of its owner counts as personal data
 * (a rule on its type, for the victim role or any, on its identifying value) leaves with that value — the
 * same id or the same `value` — only to a party under that jurisdiction or reached by a route whose legal
 * basis is in force.
 */
const victimTransfer: InvariantRule = (release) => {
	const { stored, released, viewing } = release;
	const facts = viewing.facts;
	if (facts === undefined || !isVictim(stored)) return undefined;
	const raw =
		released.id === stored.id || (typeof stored.value === "string" && released.value === stored.value);
	if (!raw) return undefined;
	if (!facts.parties.has(release.ownerId)) return undefined;
	const destination = viewing.destination();
	for (const code of viewing.jurisdictionsOf(release.ownerId)) {
		const jurisdiction = facts.jurisdictions.get(code);
		if (jurisdiction === undefined) continue;
		const personal = jurisdiction.personalData.some(
			(rule) =>
				rule.objectType === stored.type &&
				(rule.role === undefined || rule.role === "victim") &&
				rule.fields === undefined,
		);
		if (personal && !reachable(jurisdiction, destination, viewing.now))
			return `a raw victim ${stored.type}, personal data in ${code}, to a party with no transfer route from ${code}`;
	}
	return undefined;
};

/** h3-inline: nothing under handling code H3 leaves inline (its restrictions are in text: ask the originator). */
const h3Inline: InvariantRule = (release) => (release.h3 ? "marked H3 and released inline" : undefined);

/** Every invariant by name, in the order they are checked. */
export const INVARIANT_RULES: Readonly<Record<InvariantName, InvariantRule>> = Object.freeze({
	"tlp-ceiling": tlpCeiling,
	"red-named": redNamed,
	"victim-transfer": victimTransfer,
	"h3-inline": h3Inline,
});
