// One object's sightings as a viewer may know them: counts, last seen, a timeline and the decay score in words.
import type { StixObject } from "../../stix/core.ts";
import { type DecayScore, decayScore } from "./decay.ts";
import type { SightingKind } from "./kind.ts";
import { type KindTally, type OrganisationTally, type TimelineDay, tallySightings } from "./tally.ts";
import { explain, type NameOf } from "./words.ts";

export interface SightingsSummary {
	kinds: Record<SightingKind, KindTally>;
	/** Newest report first; `name` when the viewer may read one. */
	organisations: (OrganisationTally & { name?: string })[];
	timeline: TimelineDay[];
	score: DecayScore;
	/** The account in words (words.ts). */
	explanation: string;
}

/**
 * Summarises the sightings of `target` for a viewer: only `sightings` count, and the caller passes exactly the
 * copies the egress gate released to that viewer that still name `target` in `sighting_of_ref` (a viewer never
 * learns of a sighting it may not see). Pure: `now` and `nameOf` are given.
 * @example summariseSightings(indicator, released, new Date(), (id) => names.get(id)).explanation
 */
export function summariseSightings(
	target: StixObject,
	sightings: readonly StixObject[],
	now: Date,
	nameOf: NameOf,
): SightingsSummary {
	const relevant = sightings.filter((s) => s.type === "sighting" && s.sighting_of_ref === target.id);
	const tally = tallySightings(relevant);
	const score = decayScore(target, tally, now);
	return {
		kinds: tally.kinds,
		organisations: tally.organisations.map((o) => {
			const name = nameOf(o.id);
			return name === undefined ? o : { ...o, name };
		}),
		timeline: tally.timeline,
		score,
		explanation: explain(tally, score, now, nameOf),
	};
}
