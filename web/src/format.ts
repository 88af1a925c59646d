// How objects, ids and times read in the UI.
import type { StixObject } from "./api/types.ts";

/** What an object is called: its name, its value (observables), a relationship's verb, a note's abstract, else its id. */
export function displayName(object: StixObject): string {
	if (typeof object.name === "string" && object.name !== "") return object.name;
	if (typeof object.value === "string" && object.value !== "") return object.value;
	if (object.type === "relationship" && typeof object.relationship_type === "string") {
		return `${object.relationship_type} (relationship)`;
	}
	if (object.type === "sighting") return "sighting";
	for (const key of ["abstract", "path", "key", "number", "body", "subject", "pattern"]) {
		const value = object[key];
		if (typeof value === "string" && value !== "") return value;
	}
	return shortId(object.id);
}

/** `indicator--8e2e2d2b…` → `indicator--8e2e2d2b`. */
export function shortId(id: string): string {
	const [type, uuid] = id.split("--");
	return uuid === undefined ? id : `${type}--${uuid.slice(0, 8)}`;
}

/** An ISO timestamp as `2025-05-12 09:30 UTC`; anything else as it is. */
export function formatTime(value: unknown): string {
	if (typeof value !== "string") return "";
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
	return match === null ? value : `${match[1]} ${match[2]} UTC`;
}

/** The version key STIX uses: `modified`, else `created`. */
export function modifiedOf(object: StixObject): string | undefined {
	return object.modified ?? object.created;
}

/** `crime-prevention` → `crime prevention`. */
export function words(slug: string): string {
	return slug.replaceAll("-", " ");
}
