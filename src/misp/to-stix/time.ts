// MISP's times (epoch seconds, as text or number; ISO dates for first/last seen) as STIX timestamps.
import { invalid } from "./read.ts";

/** Epoch seconds → milliseconds, or an error naming the path. */
export function epochMs(value: unknown, path: string): number {
	const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
	if (!Number.isFinite(seconds) || seconds < 0 || seconds > 32_503_680_000)
		throw invalid(
			path,
			`${JSON.stringify(value)} is not a time; MISP writes seconds since 1970 ("1603642920")`,
		);
	return Math.floor(seconds) * 1000;
}

/** A MISP first_seen/last_seen (ISO 8601 with any offset) → milliseconds. */
export function isoMs(value: string, path: string): number {
	const ms = Date.parse(value);
	if (Number.isNaN(ms))
		throw invalid(path, `${JSON.stringify(value)} is not a date; write it as 2020-10-25T16:22:00Z`);
	return ms;
}

/** created/modified: milliseconds always written, as MISP's exporter does. */
export function stamp(ms: number): string {
	return new Date(ms).toISOString();
}

/** first_observed, valid_from…: whole seconds without a fraction, as MISP's exporter writes them. */
export function secondStamp(ms: number): string {
	const iso = stamp(ms);
	return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

const MAX_KEPT = 64;

/** One event's timestamp texts: its attributes share a handful of times, so each is formatted once (bounded). */
export class Stamps {
	readonly #full = new Map<number, string>();
	readonly #seconds = new Map<number, string>();

	/** stamp(ms), remembered. */
	full(ms: number): string {
		return remembered(this.#full, ms, stamp);
	}

	/** secondStamp(ms), remembered. */
	seconds(ms: number): string {
		return remembered(this.#seconds, ms, secondStamp);
	}
}

function remembered(kept: Map<number, string>, ms: number, format: (ms: number) => string): string {
	let text = kept.get(ms);
	if (text === undefined) {
		if (kept.size >= MAX_KEPT) kept.clear();
		text = format(ms);
		kept.set(ms, text);
	}
	return text;
}
