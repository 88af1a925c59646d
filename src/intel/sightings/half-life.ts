// How fast what was seen goes stale: a half-life per kind of value, read from the object or its pattern.
import type { StixObject } from "../../stix/core.ts";
import { listComparisons, parsePattern } from "../../stix/pattern/index.ts";

/** Days after which, with no new evidence, an object's score halves; by the STIX type of the value. */
export const HALF_LIFE_DAYS: Readonly<Record<string, number>> = {
	"ipv4-addr": 30,
	"ipv6-addr": 30,
	"network-traffic": 30,
	"mac-addr": 30,
	"domain-name": 90,
	url: 90,
	"email-addr": 90,
	"email-message": 90,
	file: 365,
	artifact: 365,
	"x509-certificate": 365,
};
/** Everything else (malware, a campaign, a pattern naming no value): half a year. */
export const DEFAULT_HALF_LIFE_DAYS = 180;

/** The half-life of `object` and what it is of, in words: `{ days: 30, of: "an ipv4-addr" }`. */
export interface HalfLife {
	days: number;
	/** The value type it follows, e.g. "ipv4-addr", or the object's own type. */
	of: string;
}

/**
 * The half-life of an object: an indicator's is the shortest of the value types its STIX pattern compares (the
 * most volatile value decides: an IP address and a file hash together age like the address); an observable's
 * is its type's; anything else, or an unreadable pattern, DEFAULT_HALF_LIFE_DAYS.
 * @example halfLifeOf({ type: "indicator", pattern: "[ipv4-addr:value = '203.0.113.5']", … }) // → { days: 30, of: "ipv4-addr" }
 */
export function halfLifeOf(object: StixObject): HalfLife {
	const types = object.type === "indicator" ? patternTypes(object) : [object.type];
	let shortest: HalfLife | undefined;
	for (const type of types) {
		const days = HALF_LIFE_DAYS[type];
		if (days !== undefined && (shortest === undefined || days < shortest.days)) shortest = { days, of: type };
	}
	return shortest ?? { days: DEFAULT_HALF_LIFE_DAYS, of: object.type };
}

function patternTypes(indicator: StixObject): string[] {
	if (indicator.pattern_type !== "stix" || typeof indicator.pattern !== "string") return [];
	const parsed = parsePattern(indicator.pattern);
	if (!parsed.ok) return [];
	return [...new Set(listComparisons(parsed.pattern).map((comparison) => comparison.path.objectType))];
}
