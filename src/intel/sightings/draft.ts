// A new sighting from what a user recorded: who saw what, how often and when, written as a STIX 2.1 `sighting`.
import { randomUUID } from "node:crypto";
import { AppError } from "../../errors/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { kindProperties, MAX_SIGHTING_COUNT, type SightingKind } from "./kind.ts";

/** How far past the server's clock a reported time may be (clocks differ); later is refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface SightingDraft {
	/** What was seen: an indicator, an observable, any object the user receives. */
	sightingOf: string;
	kind: SightingKind;
	/** The organisation that saw it: written as `created_by_ref` and `where_sighted_refs`. */
	organizationId: string;
	objectMarkingRefs: readonly string[];
	/** How many times in the window; default 1. */
	count?: number;
	firstSeen?: string;
	lastSeen?: string;
	observedDataRefs?: readonly string[];
	description?: string;
	/** `x_entente_audience.parties` (D49: by default the originator of what was seen); absent: markings decide. */
	audienceParties?: readonly string[];
}

/**
 * The `sighting` object for `draft` at `now`: a fresh id, `count` (default 1), `first_seen`/`last_seen` (default
 * now; one given alone stands for both), the kind's properties (kind.ts), the author and where it was sighted.
 * @throws AppError E_SIGHTING_INVALID when the count is not 1 … 999,999,999, a time is not a timestamp,
 * `first_seen` is after `last_seen`, or `last_seen` is in the future; the message names the fix.
 * @example draftSighting({ sightingOf: "indicator--…", kind: "seen", organizationId: ORG, objectMarkingRefs: [AMBER] }, now)
 */
export function draftSighting(draft: SightingDraft, now: Date): StixObject {
	const count = draft.count ?? 1;
	if (!Number.isInteger(count) || count < 1 || count > MAX_SIGHTING_COUNT)
		throw invalid(`count ${count} is out of range: give a whole number from 1 to ${MAX_SIGHTING_COUNT}`);
	const stamp = now.toISOString();
	const last = readTime("last_seen", draft.lastSeen ?? draft.firstSeen) ?? now.getTime();
	const first = readTime("first_seen", draft.firstSeen) ?? last;
	if (first > last)
		throw invalid(
			`first_seen ${draft.firstSeen} is after last_seen ${draft.lastSeen}: the window starts before it ends; swap them`,
		);
	if (last > now.getTime() + CLOCK_SKEW_MS)
		throw invalid(
			`last_seen ${new Date(last).toISOString()} is in the future (now ${stamp}): report what was seen`,
		);
	return {
		type: "sighting",
		spec_version: "2.1",
		id: `sighting--${randomUUID()}`,
		created: stamp,
		modified: stamp,
		created_by_ref: draft.organizationId,
		sighting_of_ref: draft.sightingOf,
		where_sighted_refs: [draft.organizationId],
		count,
		first_seen: new Date(first).toISOString(),
		last_seen: new Date(last).toISOString(),
		...(draft.observedDataRefs === undefined || draft.observedDataRefs.length === 0
			? {}
			: { observed_data_refs: [...draft.observedDataRefs] }),
		...(draft.description === undefined ? {} : { description: draft.description }),
		...kindProperties(draft.kind),
		object_marking_refs: [...draft.objectMarkingRefs],
		...(draft.audienceParties === undefined
			? {}
			: { x_entente_audience: { parties: [...draft.audienceParties] } }),
	};
}

function readTime(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const time = Date.parse(value);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(time))
		throw invalid(
			`${name} ${JSON.stringify(value)} is not a timestamp: write it as 2024-05-01T12:00:00Z (UTC)`,
		);
	return time;
}

function invalid(message: string): AppError {
	return new AppError("E_SIGHTING_INVALID", message);
}
