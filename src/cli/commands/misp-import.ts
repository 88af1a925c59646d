// `entente import` of MISP JSON: each event converted whole by misp/ before any of it is ingested, and tallied.
import { AppError, isAppError } from "../../errors/index.ts";
import type { SourceTranslator } from "../../ingest/index.ts";
import {
	type ConversionNote,
	isMispFeedManifest,
	isMispJson,
	type MispToStixOptions,
	mispEventsOf,
	mispToStix,
} from "../../misp/index.ts";

/** Notes kept per input for display; the rest are counted. */
const MAX_NOTES = 1000;

/** What the MISP events of one input were: how many converted or were refused, and the conversion notes. */
export interface MispTally {
	events: number;
	refused: number;
	attributes: number;
	notes: ConversionNote[];
	notesOmitted: number;
	/** A MISP feed's manifest.json was met and skipped (its events are their own files). */
	manifests: number;
}

export function emptyTally(): MispTally {
	return { events: 0, refused: 0, attributes: 0, notes: [], notesOmitted: 0, manifests: 0 };
}

/** True when the input held anything MISP. */
export function isMispTally(tally: MispTally): boolean {
	return tally.events + tally.refused + tally.manifests > 0;
}

/**
 * A translator for ingestSource: a MISP event, list or REST response becomes its STIX objects (each event
 * converted whole first, so a refused event stores nothing); a feed's manifest.json is skipped; STIX passes.
 */
export function mispTranslator(tally: MispTally, options: MispToStixOptions = {}): SourceTranslator {
	return {
		recognises: (object) => isMispJson(object) || isMispFeedManifest(object),
		translate: (object) => {
			if (!isMispFeedManifest(object)) return converted(object, tally, options);
			tally.manifests++;
			return [];
		},
	};
}

function* converted(
	value: unknown,
	tally: MispTally,
	options: MispToStixOptions,
): Generator<{ object: unknown } | { error: AppError }> {
	const events = mispEventsOf(value);
	for (const [index, event] of events.entries()) {
		const label = eventLabel(event, events.length > 1 ? index : undefined);
		try {
			const conversion = mispToStix(event, options);
			tally.events++;
			tally.attributes += conversion.attributes;
			for (const note of conversion.notes) {
				if (tally.notes.length < MAX_NOTES)
					tally.notes.push({ path: `${label} ${note.path}`, reason: note.reason });
				else tally.notesOmitted++;
			}
			for (const object of conversion.objects) yield { object };
		} catch (error) {
			if (!isAppError(error)) throw error;
			tally.refused++;
			yield { error: new AppError(error.code, `MISP ${label}: ${error.message}`, { cause: error }) };
		}
	}
}

function eventLabel(event: Record<string, unknown>, index: number | undefined): string {
	const body = (typeof event.Event === "object" && event.Event !== null ? event.Event : event) as Record<
		string,
		unknown
	>;
	const uuid = typeof body.uuid === "string" ? body.uuid : undefined;
	const where = index === undefined ? "event" : `event [${index}]`;
	return uuid === undefined ? where : `${where} ${uuid}`;
}

/** The report line: "MISP: 13 events, 1,915 attributes, 35 notes" and the notes that need a person. */
export function mispSummary(tally: MispTally, shown: number): string[] {
	if (tally.events + tally.refused === 0)
		return ["  a MISP feed's manifest.json: skipped (its events are their own files)"];
	const lines = [
		`  MISP: ${tally.events.toLocaleString("en")} event(s), ${tally.attributes.toLocaleString("en")} attribute(s), ` +
			`${(tally.notes.length + tally.notesOmitted).toLocaleString("en")} note(s)` +
			(tally.refused > 0 ? `, ${tally.refused} event(s) refused` : "") +
			(tally.manifests > 0 ? "; a feed manifest.json skipped (its events are their own files)" : ""),
	];
	for (const note of tally.notes.slice(0, shown)) lines.push(`  note ${note.path}: ${note.reason}`);
	const hidden = tally.notes.length + tally.notesOmitted - Math.min(tally.notes.length, shown);
	if (hidden > 0)
		lines.push(`  … and ${hidden.toLocaleString("en")} more note(s) (use --json for all of them)`);
	return lines;
}
