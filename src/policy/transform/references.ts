// Rewriting and withdrawing the references of a released object (`*_ref`, `*_refs`, at any depth).
import type { StixObject } from "../../stix/core.ts";
import { forEachReference, withdrawReferences as withdraw } from "../../stix/references/index.ts";

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
const MARKING_REFERENCES: ReadonlySet<string> = new Set(["object_marking_refs", "marking_ref"]);

export type WithdrawOutcome =
	| { kind: "kept"; object: StixObject; changed: boolean }
	| { kind: "withheld"; reason: string };

/**
 * Removes references to `gone` ids (withheld objects), by the one table of reference properties: entries
 * of a `*_refs` list, or a `*_ref` property. When that leaves the object without a reference its type
 * requires (a relationship's `target_ref`, a report's `object_refs`, network-traffic's only end), or
 * touches a marking reference, the object must be withheld instead. Returns a copy when changed.
 */
export function withdrawReferences(object: StixObject, gone: ReadonlySet<string>): WithdrawOutcome {
	if (gone.size === 0) return { kind: "kept", object, changed: false };
	const outcome = withdraw(object, (id) => !gone.has(id), { locked: MARKING_REFERENCES });
	if (outcome.kind === "withheld") return outcome;
	return { kind: "kept", object: outcome.object, changed: outcome.removed.length > 0 };
}
