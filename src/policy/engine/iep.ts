// FIRST IEP 2.0 policies as numbers decide() compares: the window, permitted actions as a PAP rank, restriction bits.
import type { IepPolicy } from "../../stix/markings/index.ts";

/** Restriction bits of an IEP policy (or of all the IEP policies an object carries, OR-ed). */
export const IEP_ATTRIBUTION_MUST_NOT = 1;
export const IEP_ATTRIBUTION_MUST = 2;
export const IEP_NO_RESALE = 4;
export const IEP_ENCRYPT = 8;
export const IEP_NO_NOTIFICATIONS = 16;
/** `permitted_actions` none or contact-for-instruction: stricter than any PAP level can say. */
export const IEP_NO_ACTION = 32;

/**
 * `permitted_actions` read as a PAP rank (clear 0, green 1, amber 2, red 3). Actions visible only inside
 * the recipient's networks are PAP:RED's passive use; externally visible indirect (passive) actions that
 * do not alert the actor are PAP:AMBER's checks with third parties; direct (active) actions that may
 * alert it are PAP:GREEN's blocking. None and contact-for-instruction allow less than PAP:RED; RED is
 * the nearest rank, and IEP_NO_ACTION carries the rest (D23).
 */
export const IEP_ACTION_PAP: Readonly<Record<IepPolicy["permitted_actions"], number>> = Object.freeze({
	none: 3,
	"contact-for-instruction": 3,
	"internally-visible-actions": 3,
	"externally-visible-indirect-actions": 2,
	"externally-visible-direct-actions": 1,
});

/** One IEP policy, read once per marking definition. */
export interface IepFacts {
	readonly name: string;
	readonly policy: IepPolicy;
	/** Epoch ms of `start_date`, -Infinity when absent. */
	readonly start: number;
	/** Epoch ms of `end_date`, +Infinity when null. */
	readonly end: number;
	/** PAP rank of `permitted_actions`. */
	readonly pap: number;
	readonly flags: number;
}

const read = new WeakMap<IepPolicy, IepFacts>();

/** The facts of an IEP policy (validated by `validateIep`), computed once per policy object. */
export function iepFacts(policy: IepPolicy): IepFacts {
	const cached = read.get(policy);
	if (cached !== undefined) return cached;
	let flags = 0;
	if (policy.attribution === "must-not") flags |= IEP_ATTRIBUTION_MUST_NOT;
	if (policy.attribution === "must") flags |= IEP_ATTRIBUTION_MUST;
	if (policy.unmodified_resale === "must-not") flags |= IEP_NO_RESALE;
	if (policy.encrypt_in_transit === "must") flags |= IEP_ENCRYPT;
	if (policy.affected_party_notifications === "must-not") flags |= IEP_NO_NOTIFICATIONS;
	if (policy.permitted_actions === "none" || policy.permitted_actions === "contact-for-instruction")
		flags |= IEP_NO_ACTION;
	const facts: IepFacts = {
		name: `IEP "${policy.name}"`,
		policy,
		start: policy.start_date === undefined ? -Infinity : Date.parse(policy.start_date),
		end: policy.end_date === null || policy.end_date === undefined ? Infinity : Date.parse(policy.end_date),
		pap: IEP_ACTION_PAP[policy.permitted_actions] ?? 3,
		flags,
	};
	read.set(policy, facts);
	return facts;
}
