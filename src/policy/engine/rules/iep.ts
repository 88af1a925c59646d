// FIRST IEP 2.0 beyond its TLP: the policy's window, unmodified resale, attribution, and the obligations carried with the copy.
import { DENY, type Evaluation, nameOf, record, restrict, transform } from "../evaluation.ts";
import {
	IEP_ATTRIBUTION_MUST,
	IEP_ATTRIBUTION_MUST_NOT,
	IEP_ENCRYPT,
	IEP_NO_ACTION,
	IEP_NO_NOTIFICATIONS,
	IEP_NO_RESALE,
	type IepFacts,
} from "../iep.ts";

/** `IEP "a", IEP "b"` for the policies with one of `flags`, or all of them. */
function names(ieps: readonly IepFacts[], flags = 0): string {
	return ieps
		.filter((iep) => flags === 0 || (iep.flags & flags) !== 0)
		.map((iep) => iep.name)
		.join(", ");
}

/**
 * Rule iep.window: an IEP policy whose `start_date` is still to come is not in force, and no other policy
 * from its provider is known, so the object is withheld (as one with a marking the node cannot apply).
 * One whose `end_date` has passed still binds: a provider's restriction never lapses by itself (D23).
 */
export function checkIepWindow(e: Evaluation): void {
	const ieps = e.markings.iep;
	if (ieps === undefined) return;
	for (const iep of ieps) {
		if (e.now >= iep.start) continue;
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"iep.window",
				"deny",
				`${iep.name} applies only from ${iep.policy.start_date}; until then no policy of the provider is in force, so the object is withheld`,
			);
		return;
	}
	if (!e.trace) return;
	const said = ieps.map((iep) =>
		e.now >= iep.end
			? `${iep.name} ended ${iep.policy.end_date}, and its restrictions still bind: they never lapse by themselves`
			: `${iep.name} is in force${iep.end === Infinity ? "" : ` until ${iep.policy.end_date}`}`,
	);
	record(e.trace, "iep.window", "pass", said.join("; "));
}

/**
 * Rule iep.resale: `unmodified_resale: must-not` withholds the object from private-sector parties that
 * have clients — the parties that sell intelligence on (vendors, managed security providers). This
 * node cannot see what a recipient does with it; it can keep it from those placed to resell (D23).
 */
export function checkIepResale(e: Evaluation): void {
	if ((e.markings.iepFlags & IEP_NO_RESALE) === 0) return;
	const ieps = e.markings.iep ?? [];
	const party = e.recipient?.source;
	const recipient = nameOf(e, e.recipientId);
	if (party?.sector === "private" && party.clients.length > 0) {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"iep.resale",
				"deny",
				`${names(ieps, IEP_NO_RESALE)} forbids unmodified resale; ${recipient} is a private company with clients it could resell it to`,
			);
	} else if (e.trace)
		record(
			e.trace,
			"iep.resale",
			"pass",
			`${names(ieps, IEP_NO_RESALE)} forbids unmodified resale; ${party?.sector === "private" ? `${recipient} is a private company without clients` : `${recipient} (${party?.sector ?? "no sector"}) is not a company selling to clients`}`,
		);
}

/** Why the released copy names nobody; recorded on the copy, so it names neither the provider nor its IEP. */
const OMIT_PROVIDER = "iep.attribution: an IEP policy forbids naming the provider";

/**
 * Rule iep.attribution: `attribution: must-not` releases the object transformed, without `created_by_ref`
 * and without naming the node that derived the copy (treatment `omit-provider`). The originator's own
 * house never gets here (recipient.same-house), so it keeps seeing its own authorship.
 */
export function checkIepAttribution(e: Evaluation): void {
	if ((e.markings.iepFlags & IEP_ATTRIBUTION_MUST_NOT) === 0) return;
	transform(e, { treatment: "omit-provider", objectType: e.object.type, because: OMIT_PROVIDER });
	if (e.trace) {
		const ieps = names(e.markings.iep ?? [], IEP_ATTRIBUTION_MUST_NOT);
		const author =
			e.object.created_by_ref === undefined
				? "the object names no author; a transformed copy will not name the node that derived it either"
				: "the copy leaves without its author (created_by_ref) and without naming the node that derived it";
		record(
			e.trace,
			"iep.attribution",
			"transform",
			`${ieps} forbids ${nameOf(e, e.recipientId)} to name the provider: ${author}`,
		);
	}
}

/**
 * Rule obligation.iep (trace only): what an IEP policy asks of the recipient that this node cannot check.
 * The IEP marking travels with the copy; `encrypt_in_transit` is the operator's transport configuration
 * (TLS, or loopback), which decide() does not see (D23).
 */
export function carryIepObligations(e: Evaluation): void {
	const ieps = e.markings.iep;
	if (ieps === undefined || !e.trace) return;
	const flags = e.markings.iepFlags;
	const asks: string[] = [];
	if ((flags & IEP_ENCRYPT) !== 0) asks.push("encrypt it in transit");
	if ((flags & IEP_NO_NOTIFICATIONS) !== 0) asks.push("not notify affected parties");
	if ((flags & IEP_ATTRIBUTION_MUST) !== 0 && (flags & IEP_ATTRIBUTION_MUST_NOT) === 0)
		asks.push("name the provider when it uses the information");
	for (const iep of ieps) {
		if ((iep.flags & IEP_NO_ACTION) !== 0)
			asks.push(
				iep.policy.permitted_actions === "none"
					? `take no action on it (${iep.name})`
					: `contact the provider before acting on it (${iep.name})`,
			);
		if (iep.policy.external_reference !== undefined)
			asks.push(`read the terms at ${iep.policy.external_reference} (${iep.name})`);
	}
	if (asks.length === 0) return;
	record(
		e.trace,
		"obligation.iep",
		"pass",
		`${names(ieps)} travels with the copy and binds ${nameOf(e, e.recipientId)}, which this node cannot check: ${asks.join("; ")}`,
	);
}
