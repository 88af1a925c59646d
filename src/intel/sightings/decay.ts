// The decay score: how much an object is still worth acting on, from its age, its sightings and its false positives.
import type { StixObject } from "../../stix/core.ts";
import { type HalfLife, halfLifeOf } from "./half-life.ts";
import type { Tally } from "./tally.ts";

const DAY_MS = 86_400_000;

/** Corroboration: never sighted 0.6, sighted by one organisation 0.8, by two or more 1. */
export const CORROBORATION = [0.6, 0.8, 1] as const;
/** Each organisation whose false positive stands (not followed by its own `seen` report) halves the score. */
export const FALSE_POSITIVE_FACTOR = 0.5;

/** One factor of the score, what it multiplies by and why. */
export interface ScoreFactor {
	name: "freshness" | "corroboration" | "false-positives" | "expired";
	multiplier: number;
	/** Inputs in numbers, for the words (words.ts) and for scripts. */
	detail: Record<string, number | string>;
}

export interface DecayScore {
	/** 0 … 100. */
	value: number;
	status: "active" | "expired";
	halfLife: HalfLife;
	/** The latest evidence the freshness counts from (a `seen` report, else the object's own validity); absent: none. */
	evidence?: string;
	factors: ScoreFactor[];
}

/**
 * score = 100 × freshness × corroboration × false positives, rounded, where
 * - freshness = 0.5 ^ (days since the latest evidence / half-life): the latest `seen` report's `last_seen`, else
 *   the object's `valid_from` (indicators), `modified` or `created`; a sighting renews it. No date at all: 1.
 * - corroboration = CORROBORATION by the organisations that reported it seen.
 * - false positives = 0.5 ^ (organisations whose false positive stands: reported after their latest `seen`
 *   report; seeing it again withdraws an organisation's false positive).
 * Expired — score 0 — when the object is revoked, its `valid_until` has passed, or an expiry was reported after
 * the latest `seen` report (seeing it again revives it).
 * @example decayScore(indicator, tallySightings(sightings), new Date()).value // → 62
 */
export function decayScore(target: StixObject, tally: Tally, now: Date): DecayScore {
	const halfLife = halfLifeOf(target);
	const seenLast = tally.kinds.seen.last;
	const evidence = latest(seenLast, ownDate(target));
	const ageDays = evidence === undefined ? 0 : Math.max(0, (now.getTime() - Date.parse(evidence)) / DAY_MS);
	const freshness = evidence === undefined ? 1 : 0.5 ** (ageDays / halfLife.days);
	const sightedBy = tally.organisations.filter((o) => o.counts.seen > 0).length;
	const corroboration = CORROBORATION[Math.min(sightedBy, 2)] ?? 1;
	const falsePositiveOrgs = tally.organisations.filter((o) => o.falsePositiveStands);
	const factors: ScoreFactor[] = [
		{
			name: "freshness",
			multiplier: freshness,
			detail: { ageDays: Math.floor(ageDays), halfLifeDays: halfLife.days },
		},
		{ name: "corroboration", multiplier: corroboration, detail: { organisations: sightedBy } },
		{
			name: "false-positives",
			multiplier: FALSE_POSITIVE_FACTOR ** falsePositiveOrgs.length,
			detail: { organisations: falsePositiveOrgs.length },
		},
	];
	const expiry = expiryOf(target, tally, now);
	if (expiry !== undefined) factors.push({ name: "expired", multiplier: 0, detail: { because: expiry } });
	const value = Math.round(100 * factors.reduce((product, factor) => product * factor.multiplier, 1));
	return {
		value,
		status: expiry === undefined ? "active" : "expired",
		halfLife,
		...(evidence === undefined ? {} : { evidence }),
		factors,
	};
}

/** Why the object no longer applies, or undefined: "revoked", "valid_until", "reported". */
function expiryOf(target: StixObject, tally: Tally, now: Date): string | undefined {
	if (target.revoked === true) return "revoked";
	const until = target.valid_until;
	if (typeof until === "string" && Date.parse(until) <= now.getTime()) return "valid_until";
	const expired = tally.kinds.expired.last;
	const seen = tally.kinds.seen.last;
	if (expired !== undefined && (seen === undefined || expired > seen)) return "reported";
	return undefined;
}

/** The date an object vouches for itself from: an indicator's `valid_from`, else `modified`, else `created`. */
function ownDate(target: StixObject): string | undefined {
	for (const field of ["valid_from", "modified", "created"]) {
		const value = target[field];
		if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
	}
	return undefined;
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return a > b ? a : b;
}
