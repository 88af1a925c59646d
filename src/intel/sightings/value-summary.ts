// A value's sightings: the sightings of every object naming it, counted together and scored as the value itself.
import { type Observable, stixTargetOf } from "../../observables/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { decayScore } from "./decay.ts";
import type { SightingsSummary } from "./summary.ts";
import { tallySightings } from "./tally.ts";
import { explain, type NameOf } from "./words.ts";

/**
 * Summarises the sightings of a value across `objects`, the released copies naming it: the caller passes exactly
 * the sighting copies the gate released to the viewer (a viewer never learns of a sighting it may not see); a
 * sighting counts once, and only when it names one of `objects`. The score is the value's (valueTarget): the
 * half-life of its kind, the latest `seen` report or else the newest of the objects' own dates as evidence, and
 * expired only when every object is (revoked or past `valid_until`) or an expiry was reported after the latest
 * `seen`. Pure: `now` and `nameOf` are given.
 * @example summariseValueSightings({ kind: "ipv4", value: "203.0.113.5" }, [indicator], sightings, new Date(), names.get)
 */
export function summariseValueSightings(
	o: Observable,
	objects: readonly StixObject[],
	sightings: readonly StixObject[],
	now: Date,
	nameOf: NameOf,
): SightingsSummary {
	const ids = new Set(objects.map((object) => object.id));
	const seen = new Set<string>();
	const relevant = sightings.filter((sighting) => {
		if (sighting.type !== "sighting" || seen.has(sighting.id)) return false;
		seen.add(sighting.id);
		return typeof sighting.sighting_of_ref === "string" && ids.has(sighting.sighting_of_ref);
	});
	const tally = tallySightings(relevant);
	const score = decayScore(valueTarget(o, objects), tally, now);
	return {
		kinds: tally.kinds,
		organisations: tally.organisations.map((organisation) => {
			const name = nameOf(organisation.id);
			return name === undefined ? organisation : { ...organisation, name };
		}),
		timeline: tally.timeline,
		score,
		explanation: explain(tally, score, now, nameOf),
	};
}

/**
 * The value as decayScore reads an object: the STIX type its kind maps to (so its half-life), the newest date the
 * objects vouch for themselves from, and expired only when all of them are: revoked when every one is, else the
 * latest `valid_until` when every one not revoked has one (passed only when all have passed).
 */
export function valueTarget(o: Observable, objects: readonly StixObject[]): StixObject {
	const type = stixTargetOf(o.kind).type;
	const target: StixObject = { type, spec_version: "2.1", id: `${type}--value` };
	const dates = objects.map(ownDate).filter((date) => date !== undefined);
	const newest = dates.sort().at(-1);
	if (newest !== undefined) target.modified = newest;
	if (objects.length === 0) return target;
	const standing = objects.filter((object) => object.revoked !== true);
	if (standing.length === 0) {
		target.revoked = true;
		return target;
	}
	const untils = standing.map((object) => object.valid_until);
	if (untils.every((until) => typeof until === "string" && !Number.isNaN(Date.parse(until)))) {
		const latest = Math.max(...untils.map((until) => Date.parse(until as string)));
		target.valid_until = new Date(latest).toISOString();
	}
	return target;
}

/** The date an object vouches for itself from (as decay.ts reads it): `valid_from`, else `modified`, else `created`. */
function ownDate(object: StixObject): string | undefined {
	for (const field of ["valid_from", "modified", "created"]) {
		const value = object[field];
		if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
	}
	return undefined;
}
