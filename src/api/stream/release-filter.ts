// Which new releases a reader asked for (D59), the same for a stream and a release webhook: STIX types, labels, a
// collection. Types and the collection narrow the stored versions before the gate is asked (cheap, as TAXII reads
// a collection); labels are judged on the copy the reader receives (a label the policy strips does not match).
import type { StixObject } from "../../stix/core.ts";
import type { CollectionFilter, StoredVersion } from "../../store/index.ts";

/** What a reader asked for; absent fields do not narrow. Lists are OR-ed, fields AND-ed. */
export interface ReleaseFilter {
	types?: readonly string[];
	labels?: readonly string[];
	/** The collection's id, and what it shows of the store (TAXII collections, §5.2.1). */
	collection?: { id: string; filter: CollectionFilter };
}

/** Whether a stored version may interest the reader, before the gate: its type and the collection's view. */
export function wantsVersion(filter: ReleaseFilter, version: StoredVersion): boolean {
	if (filter.types !== undefined && !filter.types.includes(version.type)) return false;
	const view = filter.collection?.filter;
	if (view?.types !== undefined && !view.types.includes(version.type)) return false;
	if (
		view?.sourceOrganizations !== undefined &&
		!view.sourceOrganizations.includes(version.provenance.organizationId)
	) {
		return false;
	}
	return true;
}

/** Whether the copy released to the reader carries one of the labels asked for (true when none was asked). */
export function wantsCopy(filter: ReleaseFilter, copy: StixObject): boolean {
	if (filter.labels === undefined) return true;
	const labels = Array.isArray(copy.labels) ? copy.labels : [];
	return filter.labels.some((label) => labels.includes(label));
}
