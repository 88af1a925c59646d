// What an object carried that its MISP form does not: one note per property no converter read.
import type { StixObject } from "../../stix/core.ts";
import type { ConversionNote } from "./misp-json.ts";

/** Read for every object: identity and versioning (MISP's uuid and timestamp), markings and labels (tags). */
const ALWAYS_READ = [
	"type",
	"id",
	"spec_version",
	"created",
	"modified",
	"object_marking_refs",
	"granular_markings",
	"labels",
	"created_by_ref",
];

/**
 * Notes, at `path`, each property of `object` that is neither read for every object nor in `read`, with `reason`
 * naming what the object became ("a MISP attribute has no such field").
 */
export function noteLeftovers(
	object: StixObject,
	read: readonly string[],
	path: string,
	became: string,
	notes: ConversionNote[],
): void {
	for (const property of Object.keys(object)) {
		if (ALWAYS_READ.includes(property) || read.includes(property)) continue;
		notes.push({ path: `${path}.${property}`, reason: `${became} has no field for it; not kept` });
	}
}

/** `indicator--…` → its uuid part. */
export function uuidOf(id: string): string {
	const at = id.indexOf("--");
	return at < 0 ? id : id.slice(at + 2);
}

/** A STIX timestamp as MISP's seconds since the epoch, as a string ("0" when absent or unreadable). */
export function epochSeconds(timestamp: unknown): string {
	if (typeof timestamp !== "string") return "0";
	const millis = Date.parse(timestamp);
	return Number.isNaN(millis) ? "0" : String(Math.floor(millis / 1000));
}
