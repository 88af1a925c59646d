// What the index keeps of one STIX object: its values (from observables/observablesOf), its words and its name.
import { type Observable, observableKey, observablesOf } from "../../observables/index.ts";
import type { StixObject } from "../../stix/core.ts";
import type { ObjectText } from "./text-index.ts";

/** The part of an object the index reads. */
export interface IndexEntry {
	id: string;
	type: string;
	/** Distinct values the object names (an SCO's properties, an indicator pattern's exact comparisons). */
	observables: readonly Observable[];
	text: ObjectText;
	/** The name `suggest` completes; indicators and SCOs are found by their values instead. */
	name?: string | undefined;
}

/** Types whose `name` is not offered as a suggestion: their values are (an indicator's name is usually made up of its value). */
const UNSUGGESTED_NAMES = new Set([
	"indicator",
	"observed-data",
	"sighting",
	"relationship",
	"note",
	"opinion",
]);

/**
 * The entry for `object`: its distinct values, its names/aliases/external ids and description as text.
 * A value `observablesOf` cannot read leaves the object indexed by its words only.
 */
export function entryOf(object: StixObject): IndexEntry {
	const name = stringOf(object.name);
	return {
		id: object.id,
		type: object.type,
		observables: distinct(observablesOfSafely(object)),
		text: { strong: strongText(object, name), description: stringOf(object.description) },
		name: name !== undefined && !UNSUGGESTED_NAMES.has(object.type) ? name : undefined,
	};
}

function observablesOfSafely(object: StixObject): Observable[] {
	try {
		return observablesOf(object).map(({ kind, value }) => ({ kind, value }));
	} catch {
		return [];
	}
}

function distinct(observables: readonly Observable[]): Observable[] {
	if (observables.length < 2) return [...observables];
	const seen = new Map<string, Observable>();
	for (const observable of observables) seen.set(observableKey(observable), observable);
	return [...seen.values()];
}

/** Names, aliases (STIX and ATT&CK's), external ids (T1059, CVE-2021-44228) and the abstract of a note. */
function strongText(object: StixObject, name: string | undefined): string[] {
	const fields: string[] = [];
	if (name !== undefined) fields.push(name);
	for (const key of ["aliases", "x_mitre_aliases", "abstract"])
		for (const alias of stringsOf(object[key])) fields.push(alias);
	const references = Array.isArray(object.external_references) ? object.external_references : [];
	for (const reference of references) {
		const externalId = (reference as { external_id?: unknown } | null)?.external_id;
		if (typeof externalId === "string") fields.push(externalId);
	}
	return fields;
}

function stringOf(value: unknown): string | undefined {
	return typeof value === "string" && value !== "" ? value : undefined;
}

function stringsOf(value: unknown): string[] {
	if (typeof value === "string") return [value];
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
