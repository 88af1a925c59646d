// Sightings: recorded as STIX `sighting` objects (seen, false positive, expired), counted and scored for a viewer.
export { type DecayScore, decayScore, type ScoreFactor } from "./decay.ts";
export { CLOCK_SKEW_MS, draftSighting, type SightingDraft } from "./draft.ts";
export { DEFAULT_HALF_LIFE_DAYS, HALF_LIFE_DAYS, type HalfLife, halfLifeOf } from "./half-life.ts";
export {
	kindOf,
	kindProperties,
	MAX_SIGHTING_COUNT,
	MISP_SIGHTING_TYPES,
	NEGATIVE_PROPERTY,
	SIGHTING_KIND_PROPERTY,
	SIGHTING_KINDS,
	type SightingKind,
} from "./kind.ts";
export { type SightingsSummary, summariseSightings } from "./summary.ts";
export {
	type KindTally,
	type OrganisationTally,
	sightedAt,
	type TimelineDay,
	tallySightings,
	UNDISCLOSED,
} from "./tally.ts";
export { summariseValueSightings, valueTarget } from "./value-summary.ts";
export { ago, explain, type NameOf } from "./words.ts";
