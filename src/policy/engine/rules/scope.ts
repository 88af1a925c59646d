// Scope: may this recipient receive the object at all — onward sharing, the TLP boundary, the explicit audience.
import { communitiesBetween } from "../compile.ts";
import { DENY, type Evaluation, MATCH_ONLY, nameOf, record, restrict } from "../evaluation.ts";
import { AMBER, AMBER_STRICT, CLEAR, GREEN, RED, tlpName } from "../markings.ts";
import { NO_AUDIENCE } from "../object-facts.ts";
import { isWithin } from "../validity.ts";

const ALLOWS = [
	"TLP:CLEAR may go to anyone",
	"TLP:GREEN allows the recipient's community",
	"TLP:AMBER allows the recipient's organisation and clients",
	"TLP:AMBER+STRICT allows the recipient's organisation only",
	"TLP:RED allows only the named recipients",
];

function isNamed(e: Evaluation): boolean {
	return e.audience?.parties.includes(e.recipientId) === true;
}

function isClient(e: Evaluation): boolean {
	return !e.relay && e.policy.clients.get(e.subject.originator)?.has(e.recipientId) === true;
}

/** Communities through which TLP:GREEN reaches the recipient: the originator's, and on relay this node's. */
function greenCommunities(e: Evaluation): readonly string[] {
	const direct = communitiesBetween(e.policy, e.subject.originator, e.recipientId);
	if (direct.length > 0 || !e.relay) return direct;
	return e.policy.communitiesWithLocal.get(e.recipientId) ?? direct;
}

/**
 * The highest TLP rank the recipient may receive from this originator: GREEN through a shared community
 * or an agreement, AMBER through an agreement or as the originator's client, AMBER+STRICT through an
 * agreement (TLP 2.0 recipients only), RED through an agreement with ceiling RED when the object names
 * the recipient. Never above the recipient's own `tlpCeiling`; on relay at most GREEN.
 */
export function entitlement(e: Evaluation): number {
	let ceiling = -1;
	for (const agreement of e.covering) if (agreement.tlp > ceiling) ceiling = agreement.tlp;
	let entitled = CLEAR;
	if (ceiling >= GREEN || greenCommunities(e).length > 0) entitled = GREEN;
	if (ceiling >= AMBER || isClient(e)) entitled = AMBER;
	if (ceiling >= AMBER_STRICT && e.recipient?.tlp1Only !== true) entitled = AMBER_STRICT;
	if (ceiling >= RED && isNamed(e)) entitled = RED;
	const cap = e.relay ? Math.min(GREEN, e.recipient?.tlpCap ?? CLEAR) : (e.recipient?.tlpCap ?? CLEAR);
	return Math.min(entitled, cap);
}

/** An agreement in force between a local party and the originator that allows onward sharing for the purpose. */
function onwardAgreement(e: Evaluation) {
	return (e.policy.withLocal.get(e.subject.originator) ?? []).find(
		(agreement) =>
			agreement.source.onwardSharing &&
			isWithin(agreement.window, e.now) &&
			(agreement.purposes & e.purposeBit) !== 0,
	);
}

/**
 * Whether content marked `tlp` may reach this recipient, by the same TLP rules as a whole object (scope.onward,
 * scope.tlp): within its entitlement, and on relay only TLP:CLEAR, or TLP:GREEN with the originator's leave.
 * `field.granular` asks it for each granular marking; call after checkTlp (which sets `entitled`).
 */
export function tlpReaches(e: Evaluation, tlp: number): boolean {
	if (tlp > e.entitled) return false;
	if (!e.relay || tlp <= CLEAR) return true;
	return tlp <= GREEN && onwardAgreement(e) !== undefined;
}

/** Rule scope.onward: a partner's object goes to another partner only with the originator's leave. */
export function checkOnward(e: Evaluation): void {
	if (!e.relay) return;
	const originator = nameOf(e, e.subject.originator);
	if (e.tlp === CLEAR) {
		if (e.trace) record(e.trace, "scope.onward", "pass", "TLP:CLEAR may be passed on without permission");
		return;
	}
	if (e.tlp > GREEN) {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"scope.onward",
				"deny",
				`${originator} gave this ${tlpName(e.tlp)} object to this node; only TLP:CLEAR and TLP:GREEN may be passed on`,
			);
		return;
	}
	const agreement = onwardAgreement(e);
	if (agreement !== undefined) {
		if (e.trace)
			record(
				e.trace,
				"scope.onward",
				"pass",
				`'${agreement.source.name}' with ${originator} allows onward sharing`,
			);
		return;
	}
	restrict(e, DENY);
	if (e.trace)
		record(
			e.trace,
			"scope.onward",
			"deny",
			`no agreement in force with ${originator} allows onward sharing for ${e.purpose}`,
		);
}

function justify(e: Evaluation): string {
	const recipient = nameOf(e, e.recipientId);
	const originator = nameOf(e, e.subject.originator);
	const best = e.covering.find((a) => a.tlp >= e.tlp);
	const agreement =
		best === undefined
			? ""
			: `is covered by agreement '${best.source.name}' with ceiling ${best.source.tlpCeiling.toUpperCase()}`;
	if (e.tlp === CLEAR) return `${recipient} may receive it`;
	if (e.tlp === GREEN) {
		const direct = communitiesBetween(e.policy, e.subject.originator, e.recipientId)[0];
		const community = direct ?? greenCommunities(e)[0];
		if (community !== undefined)
			return `${recipient} shares community '${e.policy.communityNames.get(community) ?? community}' with ${direct === undefined ? "this node" : originator}`;
	}
	if (e.tlp === AMBER && best === undefined) return `${recipient} is a client of ${originator}`;
	if (e.tlp === RED) return `${recipient} is named in the object's audience and ${agreement}`;
	return `${recipient} ${agreement}`;
}

function refusal(e: Evaluation): string {
	const recipient = nameOf(e, e.recipientId);
	const named = e.tlp === RED && !isNamed(e) ? ` and is not named in the object's audience` : "";
	const cap = e.recipient?.tlpCap ?? CLEAR;
	const own = cap < RED && cap === e.entitled ? ` (its own ceiling is ${tlpName(cap)})` : "";
	return `${recipient} may receive at most ${tlpName(e.entitled)} from ${nameOf(e, e.subject.originator)}${own}${named}`;
}

/** Rule scope.tlp: the object's TLP (the strictest of its own and inherited markings) must be within the recipient's entitlement. */
export function checkTlp(e: Evaluation): void {
	e.entitled = entitlement(e);
	if (e.tlp <= e.entitled) {
		if (e.trace) record(e.trace, "scope.tlp", "pass", `${preamble(e)}${ALLOWS[e.tlp]}; ${justify(e)}`);
		return;
	}
	const shared = communitiesBetween(e.policy, e.subject.originator, e.recipientId)[0];
	if (shared !== undefined) {
		restrict(e, MATCH_ONLY);
		if (e.trace)
			record(
				e.trace,
				"scope.tlp",
				"restrict",
				`${preamble(e)}${ALLOWS[e.tlp]}; ${refusal(e)}, but shares community '${e.policy.communityNames.get(shared) ?? shared}' with it, so may learn only whether it holds a match`,
			);
		return;
	}
	restrict(e, DENY);
	if (e.trace) record(e.trace, "scope.tlp", "deny", `${preamble(e)}${ALLOWS[e.tlp]}; ${refusal(e)}`);
}

function preamble(e: Evaluation): string {
	if (e.markings.tlp < 0) return "The object has no TLP marking and is treated as TLP:AMBER. ";
	if (e.markings.tlp === AMBER_STRICT && e.tlp === RED)
		return `${nameOf(e, e.recipientId)} understands only TLP 1.0, so TLP:AMBER+STRICT counts as TLP:RED. `;
	return "";
}

/** Rule scope.audience: an explicit `x_entente_audience` narrows who may receive the object. */
export function checkAudience(e: Evaluation): void {
	const audience = e.audience;
	const recipient = nameOf(e, e.recipientId);
	if (audience === undefined) {
		restrict(e, DENY);
		if (e.trace) record(e.trace, "scope.audience", "deny", "the object's x_entente_audience cannot be read");
		return;
	}
	if (audience === NO_AUDIENCE) {
		if (e.trace)
			record(e.trace, "scope.audience", "pass", "the object names no audience; its markings decide");
		return;
	}
	if (audience.scope === "own-organization") {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"scope.audience",
				"deny",
				`the object is for ${nameOf(e, e.subject.originator)}'s own organisation only`,
			);
		return;
	}
	if (audience.parties.length === 0 && audience.communities.length === 0) {
		if (e.trace) record(e.trace, "scope.audience", "pass", "the object's audience is all partners");
		return;
	}
	if (audience.parties.includes(e.recipientId)) {
		if (e.trace) record(e.trace, "scope.audience", "pass", `the object names ${recipient} in its audience`);
		return;
	}
	for (const id of audience.communities) {
		if ((e.policy.subgroupCaps.get(id) ?? RED) < e.tlp) continue; // a subgroup's ceiling narrows, never widens
		if (e.policy.members.get(id)?.has(e.recipientId) === true) {
			if (e.trace)
				record(
					e.trace,
					"scope.audience",
					"pass",
					`${recipient} belongs to '${e.policy.communityNames.get(id) ?? id}', named in the object's audience`,
				);
			return;
		}
	}
	restrict(e, DENY);
	if (e.trace)
		record(e.trace, "scope.audience", "deny", `the object's audience does not include ${recipient}`);
}
