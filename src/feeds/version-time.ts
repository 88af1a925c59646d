// Version times for a feed's writes: the pull's clock, moved past a stored version when the clocks disagree.
import type { StixObject } from "../stix/core.ts";

/** `now`, or one millisecond after `previous.modified` when that is not earlier (a version must move forward). */
export function nextModified(previous: StixObject, now: string): string {
	const before = typeof previous.modified === "string" ? Date.parse(previous.modified) : Number.NaN;
	if (Number.isNaN(before) || before < Date.parse(now)) return now;
	return new Date(before + 1).toISOString();
}
