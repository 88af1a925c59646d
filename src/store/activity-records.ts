// The node's activity per day (D67): what came in, went out and was withheld, counted as it happens for the dashboard.

/**
 * Which way a count goes. `in`: versions committed, by source; `out`: objects the gate released to a partner
 * party; `local`: released to the node's own organisations (its analysts' reads); `withheld`: what the gate
 * withheld from a partner, by the deciding rule.
 */
export const ACTIVITY_FLOWS = ["in", "out", "local", "withheld"] as const;
export type ActivityFlow = (typeof ACTIVITY_FLOWS)[number];

/** One counter: a day (UTC, `YYYY-MM-DD`), a flow, who (source or party), a marking's name, a rule. */
export interface ActivityCount {
	day: string;
	flow: ActivityFlow;
	/** `in`: the source organisation's id; the others: the recipient party's id. */
	party: string;
	/** The marking's name (`TLP:AMBER`), `unmarked`, or another marking's short name. */
	marking: string;
	/** `withheld`: the deciding rule (`scope.tlp`); the others: empty. */
	rule: string;
	count: number;
}

/** Where a follower of the commit log stands, written in the same transaction as the counts it added. */
export interface ActivityCursor {
	name: string;
	/** A `dateAdded` of the commit log: everything up to it is counted. */
	position: string;
}
