// Every object is released only with references the recipient may receive: one table of reference properties (stix/references).
import type { StixObject } from "../../stix/core.ts";
import { HANDLING_REFERENCES, referencedIds, withdrawReferences } from "../../stix/references/index.ts";
import type { Verdict } from "../model.ts";

/**
 * Reference properties the gate does not filter as references (stix/references' HANDLING_REFERENCES): the
 * markings (a marking the recipient may not know withholds the object in decide(), it is never stripped)
 * and the author (`created_by_ref` names a party, a random identity id the policy itself names;
 * `omit-provider` removes it where the originator asks). Every other `*_ref` / `*_refs`, at any depth
 * and custom ones included, is filtered.
 */
export const NOT_FILTERED: ReadonlySet<string> = HANDLING_REFERENCES;

/**
 * Whether a referenced object may be named in what the recipient receives. Only objects the recipient
 * receives itself (full or transformed) qualify: naming a match-only or contact-the-originator object
 * would reveal that it exists and its type (the id says both; an SCO id even encodes its value).
 */
export function isReleasedInline(verdict: Verdict): boolean {
	return verdict === "full" || verdict === "transformed";
}

/** The ids `object` names through the reference properties the gate filters, at any depth. */
export function filteredReferenceIds(object: StixObject): readonly string[] {
	return referencedIds(object, NOT_FILTERED);
}

/** What an object keeps after its references are filtered, and which ids were withheld. */
export interface FilteredReferences {
	readonly object: StixObject;
	readonly withheld: readonly string[];
}

/**
 * Filters every reference of `object` (SDO, SRO, SCO, meta; extensions, nested parts and custom
 * properties included) to the ids `decideRef` releases inline. A list loses the entries, a single
 * reference goes; the object cannot be released (undefined) when that leaves it without a reference
 * the spec requires (a relationship's ends, `sighting_of_ref`, a report's `object_refs`) or without
 * any of a group it needs one of (`network-traffic` src_ref / dst_ref). Returns the same object when
 * nothing was withheld, otherwise a changed copy. `decideRef` is called once per distinct id.
 * @example releasableRefs(report, (id) => decide(subjectOf(id), party, purpose, policy, { now }).verdict)?.object
 */
export function releasableRefs(
	object: StixObject,
	decideRef: (id: string) => Verdict,
): FilteredReferences | undefined {
	const outcome = withdrawReferences(object, (id) => isReleasedInline(decideRef(id)), { skip: NOT_FILTERED });
	return outcome.kind === "withheld" ? undefined : { object: outcome.object, withheld: outcome.removed };
}
