// The clock federation signs and verifies with: the wall clock plus a configured offset (clock-skew tests).

/** Now, as this node's federation code sees it. */
export type Clock = () => Date;

/**
 * A clock `offsetMs` away from the wall clock; the composition root passes `config.clockOffsetMs`.
 * @example offsetClock(600_000)() // ten minutes ahead
 */
export function offsetClock(offsetMs: number): Clock {
	return () => new Date(Date.now() + offsetMs);
}

/** Unix seconds of a date, as RFC 9421 `created` and `expires` count. */
export function unixSeconds(date: Date): number {
	return Math.floor(date.getTime() / 1000);
}
