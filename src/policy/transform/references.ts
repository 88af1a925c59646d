// Rewriting and withdrawing the references of a released object (`*_ref`, `*_refs`, at any depth).
import type { StixObject } from "../../stix/core.ts";
import { isRequired } from "./defaults.ts";
import { forEachReference } from "./paths.ts";

/** Replaces every reference found in `idMap` (old id → new id); returns whether any changed. */
export function rewriteReferences(object: StixObject, idMap: ReadonlyMap<string, string>): boolean {
	if (idMap.size === 0) return false;
	let changed = false;
	const swap = (ref: unknown) => {
		if (typeof ref !== "string") return ref;
		const next = idMap.get(ref);
		if (next === undefined) return ref;
		changed = true;
		return next;
	};
	forEachReference(object, (holder, name) => {
		const value = holder[name];
		holder[name] = Array.isArray(value) ? value.map(swap) : swap(value);
	});
	return changed;
}

/** Markings may not be loosened: an object whose marking is withheld is withheld, not stripped of it. */
const MARKING_REFERENCES = new Set(["object_marking_refs", "marking_ref"]);

export type WithdrawOutcome = { kind: "kept"; changed: boolean } | { kind: "withheld"; reason: string };

/**
 * Removes references to `gone` ids (withheld objects): entries of a `*_refs` list, or a `*_ref`
 * property. When that empties a property the type requires (a relationship's `target_ref`, a
 * report's `object_refs`), or touches a marking reference, the object must be withheld instead.
 */
export function withdrawReferences(object: StixObject, gone: ReadonlySet<string>): WithdrawOutcome {
	if (gone.size === 0) return { kind: "kept", changed: false };
	let changed = false;
	let reason: string | undefined;
	forEachReference(object, (holder, name, depth) => {
		const value = holder[name];
		const refs = Array.isArray(value) ? value : [value];
		if (!refs.some((ref) => typeof ref === "string" && gone.has(ref))) return;
		if (MARKING_REFERENCES.has(name)) {
			reason = "one of its markings is withheld";
			return;
		}
		changed = true;
		const kept = refs.filter((ref) => !(typeof ref === "string" && gone.has(ref)));
		if (Array.isArray(value) && kept.length > 0) holder[name] = kept;
		else delete holder[name];
		if (depth === 0 && holder[name] === undefined && isRequired(object.type, name)) {
			reason ??= `its ${name} points only at withheld objects`;
		}
	});
	return reason === undefined ? { kind: "kept", changed } : { kind: "withheld", reason };
}
