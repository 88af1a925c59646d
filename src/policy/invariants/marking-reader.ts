// The invariants' own marking reader: TLP 1.0/2.0 and handling code H3, by id, written again from the
// specifications rather than imported, so that a mistake in the catalogue the engine reads is not shared (D37).
import type { StixObject } from "../../stix/core.ts";

/** TLP ranks, least to most restrictive: CLEAR 0, GREEN 1, AMBER 2, AMBER+STRICT 3, RED 4; -1 for none. */
export const TLP_NAMES = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"] as const;
export const TLP_GREEN = 1;
export const TLP_RED = 4;

/**
 * The standard marking-definition ids: TLP 2.0 (FIRST TLP 2.0 STIX extension, its fixed ids) and TLP 1.0
 * (STIX 2.1 §7.2.1.4). Never changes: an id means this level whatever object arrives under it.
 */
const TLP_BY_ID: ReadonlyMap<string, number> = new Map([
	["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", 0], // TLP 2.0 CLEAR
	["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", 1], // TLP 2.0 GREEN
	["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", 2], // TLP 2.0 AMBER
	["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", 3], // TLP 2.0 AMBER+STRICT
	["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", 4], // TLP 2.0 RED
	["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", 0], // TLP 1.0 WHITE
	["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", 1], // TLP 1.0 GREEN
	["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", 2], // TLP 1.0 AMBER
	["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", 4], // TLP 1.0 RED
]);

/** Entente's pinned id of law-enforcement handling code H3 ("other restrictions, stated in text"). */
export const H3_ID = "marking-definition--2534fb03-d285-492f-9eb5-9e482335aecf";

/**
 * What the invariants read of an object's object-level markings (`object_marking_refs`), packed in one number
 * so that paging allocates nothing for it: `tlpOf(marks)` and `hasH3(marks)` unpack it.
 */
export type Marks = number;

const H3_BIT = 8;

/** The strictest standard TLP level in `marks`, -1 when none. */
export function tlpOf(marks: Marks): number {
	return (marks & 7) - 1;
}

/** True when `marks` include handling code H3. */
export function hasH3(marks: Marks): boolean {
	return (marks & H3_BIT) !== 0;
}

/** Both objects' marks together: the stricter TLP, H3 when either has it. */
export function unionMarks(a: Marks, b: Marks): Marks {
	return Math.max(a & 7, b & 7) | ((a | b) & H3_BIT);
}

/**
 * Reads the object's object-level markings in one pass.
 * @example tlpOf(marksOf({ …, object_marking_refs: ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"] })) // → 4
 */
export function marksOf(object: StixObject): Marks {
	const refs: unknown = object.object_marking_refs;
	if (!Array.isArray(refs)) return 0;
	let tlp = 0;
	let h3 = 0;
	for (const ref of refs) {
		if (typeof ref !== "string") continue;
		const level = TLP_BY_ID.get(ref);
		if (level !== undefined) {
			if (level + 1 > tlp) tlp = level + 1;
		} else if (ref === H3_ID) h3 = H3_BIT;
	}
	return tlp | h3;
}

/** The strictest standard TLP level among the object's object-level markings, -1 when none. */
export function tlpRank(object: StixObject): number {
	return tlpOf(marksOf(object));
}

/** True when the object carries handling code H3 at object level. */
export function carriesH3(object: StixObject): boolean {
	return hasH3(marksOf(object));
}

/** The ids this reader knows, with their ranks: its test compares them with the stix/ catalogue. */
export function knownTlpIds(): ReadonlyMap<string, number> {
	return TLP_BY_ID;
}
