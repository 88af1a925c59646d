// Timestamp conversions every backend shares: node-assigned microsecond clocks, RFC 3339 text and version keys.
import { AppError } from "../errors/index.ts";

const RFC3339 =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const STIX_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/**
 * Formats microseconds since the Unix epoch as RFC 3339 UTC with exactly six fraction digits.
 * @example formatMicros(1_700_000_000_123_456) // "2023-11-14T22:13:20.123456Z"
 */
export function formatMicros(micros: number): string {
	const millis = Math.floor(micros / 1000);
	const sub = micros - millis * 1000;
	const iso = new Date(millis).toISOString(); // "YYYY-MM-DDTHH:MM:SS.mmmZ"
	return `${iso.slice(0, 23)}${sub.toString().padStart(3, "0")}Z`;
}

/**
 * Parses an RFC 3339 timestamp to whole microseconds since the epoch, dropping sub-microsecond digits
 * (so `t > parsed` is exactly "strictly after" for integer microsecond clocks); undefined when malformed.
 */
export function parseMicros(text: string): number | undefined {
	const m = RFC3339.exec(text);
	if (m === null) return undefined;
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
		number,
		number,
		number,
		number,
		number,
		number,
	];
	const millis = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(millis);
	if (
		month < 1 ||
		check.getUTCFullYear() !== year ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	) {
		return undefined;
	}
	const fraction = Number((m[7] ?? "").slice(0, 6).padEnd(6, "0"));
	const offsetSign = m[9] === "-" ? -1 : 1;
	const offsetMinutes = m[8] === undefined ? offsetSign * (Number(m[10]) * 60 + Number(m[11])) : 0;
	return (millis - offsetMinutes * 60_000) * 1000 + fraction;
}

/**
 * A formatMicros for runs of nearby values (a batch, a page): it reuses the text of the last second
 * seen, so most calls build no Date. Create one per batch or page; it holds one cached second.
 */
export function microsFormatter(): (micros: number) => string {
	let second = Number.NaN;
	let prefix = "";
	return (micros) => {
		const s = Math.floor(micros / 1_000_000);
		if (s !== second) {
			second = s;
			prefix = new Date(s * 1000).toISOString().slice(0, 20); // "YYYY-MM-DDTHH:MM:SS."
		}
		return `${prefix}${(micros - s * 1_000_000).toString().padStart(6, "0")}Z`;
	};
}

/** Like parseMicros, but a malformed timestamp is the caller's error (E_STORE_QUERY_INVALID). */
export function requireMicros(text: string, what: string): number {
	const micros = parseMicros(text);
	if (micros === undefined) {
		throw new AppError(
			"E_STORE_QUERY_INVALID",
			`${what} is not an RFC 3339 timestamp: ${JSON.stringify(text)}`,
		);
	}
	return micros;
}

/**
 * A key that sorts STIX versions correctly as plain strings: STIX timestamps carry any number of
 * fraction digits (`…00Z`, `…00.1Z`, `…00.123456789Z`), so trailing zeros are dropped and the fraction
 * padded to at least nine digits. Equal instants get equal keys; a non-timestamp version keeps its text.
 * @example versionKey("2020-01-01T00:00:00.1Z") // "2020-01-01T00:00:00.100000000"
 */
export function versionKey(version: string): string {
	const m = STIX_TIMESTAMP.exec(version);
	if (m === null) return version;
	const fraction = (m[2] ?? "").replace(/0+$/, "");
	return `${m[1]}.${fraction.padEnd(9, "0")}`;
}

/** Reads an injected microsecond clock or the wall clock (sub-millisecond via the monotonic timer). */
export function wallClockMicros(): bigint {
	return BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000));
}
