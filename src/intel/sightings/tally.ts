// Counting sightings: per kind, per organisation and per day, from the sightings a viewer was released.
import type { StixObject } from "../../stix/core.ts";
import { kindOf, SIGHTING_KINDS, type SightingKind } from "./kind.ts";

/** Per kind: how many sighting objects, the sum of their counts, and the latest `last_seen`. */
export interface KindTally {
	reports: number;
	count: number;
	last?: string;
}

/** One organisation's reports: counts per kind, its latest report's kind and time. */
export interface OrganisationTally {
	/** The identity id it was sighted at (`where_sighted_refs`), else its author; "undisclosed" when neither. */
	id: string;
	counts: Record<SightingKind, number>;
	latestKind: SightingKind;
	last: string;
	/** It reported a false positive after its latest `seen` report (seeing it again withdraws one; an expiry does not). */
	falsePositiveStands: boolean;
}

/** One day (UTC) of the timeline: the counts reported with a `last_seen` on that day, per kind. */
export type TimelineDay = { day: string } & Record<SightingKind, number>;

export interface Tally {
	kinds: Record<SightingKind, KindTally>;
	organisations: OrganisationTally[];
	timeline: TimelineDay[];
}

/** Who a sighting says saw it, when the copy names nobody (its author omitted, D23). */
export const UNDISCLOSED = "undisclosed";

/**
 * Tallies `sightings` (copies as released: what they do not say is not counted). A sighting's moment is its
 * `last_seen` (else `first_seen`, else `created`); its weight its `count` (default 1, as STIX reads an absent
 * count: at least once). Organisations newest report first; the timeline by day, oldest first, days with none left out.
 */
export function tallySightings(sightings: readonly StixObject[]): Tally {
	const kinds = Object.fromEntries(SIGHTING_KINDS.map((kind) => [kind, { reports: 0, count: 0 }])) as Record<
		SightingKind,
		KindTally
	>;
	const organisations = new Map<string, OrganisationTally>();
	const days = new Map<string, TimelineDay>();
	const lastTimes = new WeakMap<OrganisationTally, Partial<Record<SightingKind, string>>>();
	for (const sighting of sightings) {
		const kind = kindOf(sighting);
		const at = momentOf(sighting);
		const count = countOf(sighting);
		const tally = kinds[kind];
		tally.reports++;
		tally.count += count;
		if (tally.last === undefined || at > tally.last) tally.last = at;
		for (const id of sightedAt(sighting)) addToOrganisation(organisations, lastTimes, id, kind, count, at);
		const day = at.slice(0, 10);
		const entry = days.get(day) ?? { day, seen: 0, "false-positive": 0, expired: 0 };
		entry[kind] += count;
		days.set(day, entry);
	}
	return {
		kinds,
		organisations: [...organisations.values()].sort(
			(a, b) => b.last.localeCompare(a.last) || a.id.localeCompare(b.id),
		),
		timeline: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
	};
}

/** When a sighting last saw it: `last_seen`, else `first_seen`, else `created`, normalised to ISO (UTC). */
export function momentOf(sighting: StixObject): string {
	for (const field of ["last_seen", "first_seen", "created"]) {
		const value = sighting[field];
		if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
	}
	return new Date(0).toISOString();
}

function countOf(sighting: StixObject): number {
	const count = sighting.count;
	return typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : 1;
}

/** The organisations a sighting was made at: its `where_sighted_refs`, else its author, else undisclosed. */
export function sightedAt(sighting: StixObject): string[] {
	const where = sighting.where_sighted_refs;
	if (Array.isArray(where)) {
		const ids = where.filter((id): id is string => typeof id === "string");
		if (ids.length > 0) return [...new Set(ids)];
	}
	return [typeof sighting.created_by_ref === "string" ? sighting.created_by_ref : UNDISCLOSED];
}

function addToOrganisation(
	organisations: Map<string, OrganisationTally>,
	lastTimes: WeakMap<OrganisationTally, Partial<Record<SightingKind, string>>>,
	id: string,
	kind: SightingKind,
	count: number,
	at: string,
): void {
	const entry = organisations.get(id) ?? {
		id,
		counts: { seen: 0, "false-positive": 0, expired: 0 },
		latestKind: kind,
		last: at,
		falsePositiveStands: false,
	};
	entry.counts[kind] += count;
	if (at >= entry.last) {
		entry.last = at;
		entry.latestKind = kind;
	}
	const times = lastTimes.get(entry) ?? {};
	if (times[kind] === undefined || at > (times[kind] ?? "")) times[kind] = at;
	lastTimes.set(entry, times);
	const falsePositive = times["false-positive"];
	entry.falsePositiveStands =
		falsePositive !== undefined && (times.seen === undefined || falsePositive > times.seen);
	organisations.set(id, entry);
}
