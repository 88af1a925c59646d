// Law: personal data in the object may leave the originator's jurisdictions as it is only along a valid route.
import type { CompiledJurisdiction, CompiledParty, CompiledRoute } from "../compile.ts";
import { CONTACT_ORIGINATOR, type Evaluation, nameOf, record, restrict, transform } from "../evaluation.ts";
import { hasRole } from "../object-facts.ts";
import { isWithin } from "../validity.ts";

/**
 * The route that lets data under `from` reach one recipient jurisdiction (given with its blocs), or
 * `true` when the recipient is itself under `from` (no transfer), or undefined when nothing allows it.
 */
function routeTo(
	from: CompiledJurisdiction,
	destination: readonly string[],
	now: number,
	purposeBit: number,
): CompiledRoute | true | undefined {
	if (destination.includes(from.source.code)) return true;
	for (const route of from.routes) {
		if (destination.includes(route.to) && isWithin(route.window, now) && (route.purposes & purposeBit) !== 0)
			return route;
	}
	return undefined;
}

/** The first recipient jurisdiction personal data under `from` may not reach, or undefined if all are reachable. */
function blocked(e: Evaluation, from: CompiledJurisdiction, recipient: CompiledParty): string | undefined {
	if (recipient.destinations.length === 0) return "a recipient with no known jurisdiction";
	for (const destination of recipient.destinations) {
		if (routeTo(from, destination, e.now, e.purposeBit) === undefined) return destination[0];
	}
	return undefined;
}

function routesText(e: Evaluation, from: CompiledJurisdiction, recipient: CompiledParty): string {
	return recipient.destinations
		.map((destination) => {
			const route = routeTo(from, destination, e.now, e.purposeBit);
			return route === true
				? `${recipient.source.name} is under ${destination.includes(from.source.code) && destination[0] !== from.source.code ? `${destination[0]}, within ` : ""}${from.source.code} itself: nothing is transferred`
				: `route to ${route?.to} under ${route?.basis}`;
		})
		.join("; ");
}

/**
 * Rule law.transfer: for every personal-data rule of the originator's jurisdictions (blocs included)
 * that matches the object's type and role, the data must have a route, valid now and for this purpose,
 * to every jurisdiction of the recipient; otherwise the rule's treatment applies (`hold` → contact the originator).
 * A local recipient of a partner's object is not a transfer: the partner made it when it sent the object here.
 */
export function checkTransfer(e: Evaluation): void {
	const originator = e.originator;
	const recipient = e.recipient;
	if (recipient === undefined) return;
	if (originator === undefined) {
		if (e.trace)
			record(
				e.trace,
				"law.transfer",
				"pass",
				`${e.subject.originator} is not a party in the policy; no jurisdiction of it is known`,
			);
		return;
	}
	if (recipient.source.local && !originator.source.local) {
		if (e.trace)
			record(
				e.trace,
				"law.transfer",
				"pass",
				`${originator.source.name} transferred it to this node itself; its law bound that transfer`,
			);
		return;
	}
	let matched = false;
	for (const { jurisdiction, rule } of originator.personalData) {
		if (rule.objectType !== e.object.type) continue;
		if (rule.role !== undefined && !hasRole(e.object, rule.role)) continue;
		matched = true;
		const what = `${jurisdiction.source.name} treats ${rule.role === undefined ? "" : `${rule.role} `}${rule.objectType} as personal data`;
		const stop = blocked(e, jurisdiction, recipient);
		if (stop === undefined) {
			if (e.trace)
				record(e.trace, "law.transfer", "pass", `${what}; ${routesText(e, jurisdiction, recipient)}`);
			continue;
		}
		const because = `${what} and has no valid transfer route to ${stop} for ${e.purpose}`;
		if (rule.treatment === "hold") {
			restrict(e, CONTACT_ORIGINATOR);
			if (e.trace)
				record(
					e.trace,
					"law.transfer",
					"restrict",
					`${because}: held for ${nameOf(e, e.subject.originator)} to review`,
				);
		} else {
			transform(e, {
				treatment: rule.treatment,
				objectType: rule.objectType,
				...(rule.fields === undefined ? {} : { fields: rule.fields }),
				because: `law.transfer: ${because}`,
			});
			if (e.trace) record(e.trace, "law.transfer", "transform", `${because}: ${rule.treatment}`);
		}
	}
	if (!matched && e.trace) {
		const under = originator.jurisdictions.join(", ") || "no jurisdiction";
		record(
			e.trace,
			"law.transfer",
			"pass",
			`no personal-data rule of ${under} applies to this ${e.object.type}`,
		);
	}
}
