// The records a store keeps of releases the invariants stopped (D37): what `entente incidents` lists and /metrics counts.

/** One release withheld because it broke an invariant. */
export interface NewIncident {
	/** RFC 3339, when it was stopped. */
	at: string;
	/** The invariant's name, e.g. `tlp-ceiling`. */
	invariant: string;
	objectId: string;
	/** The stored version's `modified` (or `created`), when it has one. */
	objectVersion?: string;
	/** The party it was about to leave for, and the user (or peer) the request acted for. */
	partyId: string;
	userId: string;
	purpose: string;
	reason: string;
}

/** A recorded incident: `seq` numbers them in the order they were recorded (1, 2, 3…). */
export interface IncidentRecord extends NewIncident {
	seq: number;
}

/** A page of incidents, newest first: at most `limit`, only those recorded before `beforeSeq` when given. */
export interface IncidentQuery {
	limit: number;
	beforeSeq?: number;
}
