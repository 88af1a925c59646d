// The objects an object references (object_refs, source/target, sighting_of_ref, …), fetched through
// the API so that only those released to you appear; the others are counted, never named beyond their ref.
import { ApiError } from "../api/client.ts";
import type { StixObject } from "../api/types.ts";

/** References shown in the header instead: markings as chips, the creator by name. */
const NOT_NEIGHBOURS = new Set(["object_marking_refs", "created_by_ref"]);
/** At most this many neighbours are fetched and drawn (a report may list thousands). */
export const MAX_NEIGHBOURS = 60;
const CONCURRENCY = 6;

export interface Reference {
	id: string;
	/** The property that holds it: `object_refs`, `source_ref`… */
	via: string;
}

export interface Neighbourhood {
	/** Referenced objects released to you, in the order the object lists them. */
	visible: { reference: Reference; object: StixObject }[];
	/** References the API answers 404 for: missing here, or not released to you. */
	hidden: number;
	/** References beyond MAX_NEIGHBOURS, not fetched. */
	skipped: number;
}

/** Every STIX id the object's `*_ref` and `*_refs` properties name (markings excepted), each once. */
export function referencesOf(object: StixObject): Reference[] {
	const seen = new Set<string>();
	const references: Reference[] = [];
	const add = (id: unknown, via: string) => {
		if (typeof id !== "string" || !id.includes("--") || id === object.id || seen.has(id)) return;
		seen.add(id);
		references.push({ id, via });
	};
	for (const [key, value] of Object.entries(object)) {
		if (NOT_NEIGHBOURS.has(key)) continue;
		if (key.endsWith("_ref")) add(value, key);
		else if (key.endsWith("_refs") && Array.isArray(value)) for (const id of value) add(id, key);
	}
	return references;
}

/**
 * Fetches the referenced objects with `fetchObject` (GET /objects/{id}); a 404 counts as hidden, other
 * errors are thrown.
 */
export async function loadNeighbourhood(
	object: StixObject,
	fetchObject: (id: string) => Promise<StixObject>,
): Promise<Neighbourhood> {
	const references = referencesOf(object);
	const wanted = references.slice(0, MAX_NEIGHBOURS);
	const found: (StixObject | undefined)[] = new Array(wanted.length).fill(undefined);
	let nextIndex = 0;
	async function worker(): Promise<void> {
		while (nextIndex < wanted.length) {
			const index = nextIndex++;
			const reference = wanted[index];
			if (reference === undefined) continue;
			try {
				found[index] = await fetchObject(reference.id);
			} catch (error) {
				if (!(error instanceof ApiError && error.status === 404)) throw error;
			}
		}
	}
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
	const visible = wanted.flatMap((reference, index) => {
		const neighbour = found[index];
		return neighbour === undefined ? [] : [{ reference, object: neighbour }];
	});
	return { visible, hidden: wanted.length - visible.length, skipped: references.length - wanted.length };
}
