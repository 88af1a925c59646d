// Recipient status (known, active) and the originator's own house, which receives everything as it is.
import { DENY, type Evaluation, nameOf, record, restrict } from "../evaluation.ts";

/** Rule recipient.status: an unknown or suspended recipient receives nothing. */
export function checkRecipientStatus(e: Evaluation): void {
	const recipient = e.recipient;
	if (recipient === undefined) {
		restrict(e, DENY);
		if (e.trace) record(e.trace, "recipient.status", "deny", `${e.recipientId} is not a party in the policy`);
	} else if (recipient.source.status !== "active") {
		restrict(e, DENY);
		if (e.trace)
			record(
				e.trace,
				"recipient.status",
				"deny",
				`${recipient.source.name} is suspended and receives nothing`,
			);
	} else if (e.trace)
		record(e.trace, "recipient.status", "pass", `${recipient.source.name} is an active party`);
}

/**
 * Rule recipient.same-house: true (and a passing step) when the recipient is the originator or both are
 * local parties of this node; decide() then releases in full without consulting scope or law.
 */
export function isSameHouse(e: Evaluation): boolean {
	if (!e.sameHouse) return false;
	if (e.trace) {
		const recipient = nameOf(e, e.recipientId);
		const originator = nameOf(e, e.subject.originator);
		record(
			e.trace,
			"recipient.same-house",
			"pass",
			e.recipientId === e.subject.originator
				? `${recipient} is the originator and sees its own object as it is`
				: `${recipient} and ${originator} are both local parties of this node`,
		);
	}
	return true;
}
