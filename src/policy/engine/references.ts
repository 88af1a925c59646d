// Containers, sightings and relationships are released only with references the recipient may receive.
import type { StixObject } from "../../stix/core.ts";
import type { Verdict } from "../model.ts";

/** List properties through which a container or sighting points at other objects; filtered, never emptied silently. */
export const REFERENCE_LISTS = ["object_refs", "where_sighted_refs", "observed_data_refs"] as const;

/** Single references an object cannot stand without: if one is withheld, so is the object. */
export const REQUIRED_REFS = ["source_ref", "target_ref", "sighting_of_ref"] as const;

/** Types whose `object_refs` must keep at least one entry (STIX 2.1 makes it required for them). */
const NEEDS_OBJECT_REFS: ReadonlySet<string> = new Set([
	"report",
	"grouping",
	"note",
	"opinion",
	"observed-data",
]);

/**
 * Whether a referenced object may be named in what the recipient receives. Only objects the recipient
 * receives itself (full or transformed) qualify: naming a match-only or contact-the-originator object
 * would reveal that it exists and its type (the id says both; an SCO id even encodes its value).
 */
export function isReleasedInline(verdict: Verdict): boolean {
	return verdict === "full" || verdict === "transformed";
}

/** What a container keeps after its references are filtered, and which ids were withheld. */
export interface FilteredReferences {
	readonly object: StixObject;
	readonly withheld: readonly string[];
}

/**
 * Filters an object's reference lists (object_refs, where_sighted_refs, observed_data_refs) to the ids
 * `decideRef` releases inline, and checks its required single references (source_ref, target_ref,
 * sighting_of_ref). Returns undefined when the object cannot be released: a required reference is
 * withheld, or a container's object_refs would be left empty. Returns the same object when nothing
 * was withheld; otherwise a shallow copy. `decideRef` is called once per distinct id.
 * @example releasableRefs(report, (id) => decide(subjectOf(id), party, purpose, policy, { now }).verdict)?.object
 */
export function releasableRefs(
	object: StixObject,
	decideRef: (id: string) => Verdict,
): FilteredReferences | undefined {
	const seen = new Map<string, boolean>();
	const allowed = (id: unknown): boolean => {
		if (typeof id !== "string") return false;
		let ok = seen.get(id);
		if (ok === undefined) {
			ok = isReleasedInline(decideRef(id));
			seen.set(id, ok);
		}
		return ok;
	};
	for (const property of REQUIRED_REFS) {
		if (object[property] !== undefined && !allowed(object[property])) return undefined;
	}
	let copy: StixObject | undefined;
	const withheld: string[] = [];
	for (const property of REFERENCE_LISTS) {
		const refs: unknown = object[property];
		if (refs === undefined) continue;
		if (!Array.isArray(refs)) return undefined;
		const kept = refs.filter(allowed);
		if (kept.length === refs.length) continue;
		for (const ref of refs) if (!kept.includes(ref)) withheld.push(String(ref));
		if (
			kept.length === 0 &&
			(property !== "object_refs" || NEEDS_OBJECT_REFS.has(object.type)) &&
			property !== "where_sighted_refs"
		)
			return undefined;
		copy ??= { ...object };
		if (kept.length === 0) delete copy[property];
		else copy[property] = kept;
	}
	return { object: copy ?? object, withheld };
}

/**
 * A relationship is released only when both its ends are released inline.
 * @example relationshipReleasable(rel, verdictOf) // → false when the target is match-only
 */
export function relationshipReleasable(
	relationship: StixObject,
	decideRef: (id: string) => Verdict,
): boolean {
	const { source_ref: source, target_ref: target } = relationship;
	return (
		typeof source === "string" &&
		typeof target === "string" &&
		isReleasedInline(decideRef(source)) &&
		isReleasedInline(decideRef(target))
	);
}
