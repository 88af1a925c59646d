// The shapes MISP import speaks in: MISP's JSON as received, and what one conversion gives back.
import type { StixObject } from "../stix/core.ts";

/** A MISP event as MISP writes it: `{ "Event": {...} }` or the bare event; loosely typed, validated by us. */
export type MispEventJson = Record<string, unknown>;

/** Something of the event that could not be kept as it was, and why. */
export interface ConversionNote {
	/** Where in the event, e.g. `Attribute[12] (type 'x509-fingerprint-sha1')`. */
	path: string;
	reason: string;
}

/** One event's STIX: the event as a report or grouping, and everything it names. */
export interface MispConversion {
	objects: StixObject[];
	notes: ConversionNote[];
	/** Attributes read, those inside MISP objects included (for counts and rates). */
	attributes: number;
}

export interface MispToStixOptions {
	/** Marking refs given to every object of an event that carries no TLP of its own (tag or distribution). */
	defaultMarkingRefs?: readonly string[];
	/**
	 * An attribute or object marked to_ids becomes its indicator alone, without the observed-data, observables and
	 * based-on relationship misp-stix adds beside it (its older mapping): about a third of the objects, for feeds
	 * of many values where only detection matters. Ids are unchanged. Default false: misp-stix's full output.
	 */
	indicatorsOnly?: boolean;
}
