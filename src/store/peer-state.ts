// How every backend stores a peer's delivery state: the JSON beside its feed cursor, which has a column of its own.
import type { PeerState } from "./federation-records.ts";

/** The state of a peer nothing was delivered to yet. */
export const EMPTY_PEER_STATE: PeerState = {
	consecutiveFailures: 0,
	deliveredTotal: 0,
	failuresTotal: 0,
	refusedTotal: 0,
	alert: false,
};

/** The state as stored: everything but the feed cursor, which only enqueue and reset move. */
export function peerStateJson(state: PeerState): string {
	const { feedCursor: _kept, ...rest } = state;
	return JSON.stringify(rest);
}
