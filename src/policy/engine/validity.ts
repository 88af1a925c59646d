// Validity windows as epoch milliseconds, so that a decision compares numbers instead of parsing dates.
import type { Validity } from "../model.ts";

/** A half-open window [from, until) in epoch ms; `until` is +Infinity when open-ended. */
export interface Window {
	readonly from: number;
	readonly until: number;
}

/** A window that never holds: what a missing or unreadable validity compiles to. */
export const NEVER: Window = Object.freeze({ from: Number.NaN, until: Number.NaN });

/**
 * Compiles a Validity. An unreadable timestamp gives NaN, and every comparison with NaN is false, so a
 * malformed window never holds (fail closed).
 * @example isWithin(compileWindow({ from: "2024-01-01T00:00:00Z" }), Date.now()) // → true
 */
export function compileWindow(validity: Validity | undefined): Window {
	if (validity === undefined) return NEVER;
	const from = Date.parse(validity.from);
	const until = validity.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(validity.until);
	return { from, until };
}

/** True when `now` (epoch ms) lies inside the window. */
export function isWithin(window: Window, now: number): boolean {
	return now >= window.from && now < window.until;
}
