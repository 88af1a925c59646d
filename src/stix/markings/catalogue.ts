// The allowlist of marking-definition ids the node understands, with a Map for constant-time lookups.
import { HANDLING_MARKINGS } from "./handling.ts";
import type { KnownMarking } from "./known-marking.ts";
import { PAP_MARKINGS } from "./pap.ts";
import { TLP1_MARKINGS } from "./tlp1.ts";
import { TLP2_MARKINGS } from "./tlp2.ts";

/** Every pinned marking, keyed by id. IEP and statement markings have no fixed ids and are not here. */
const BY_ID: ReadonlyMap<string, KnownMarking> = new Map(
	[...TLP1_MARKINGS, ...TLP2_MARKINGS, ...PAP_MARKINGS, ...HANDLING_MARKINGS].map((marking) => [
		marking.id,
		Object.freeze(marking),
	]),
);

/**
 * The marking a `object_marking_refs` / `marking_ref` value names, when its id is pinned in code.
 * @example classifyMarking("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003") // → { kind: "tlp2", level: "amber+strict", … }
 */
export function classifyMarking(ref: string): KnownMarking | undefined {
	return BY_ID.get(ref);
}

/** True when `ref` is one of the pinned marking ids (TLP 1.0, TLP 2.0, PAP, handling codes). */
export function isKnownMarkingRef(ref: string): boolean {
	return BY_ID.has(ref);
}

/** All pinned markings, in family order. */
export function knownMarkings(): readonly KnownMarking[] {
	return [...BY_ID.values()];
}
