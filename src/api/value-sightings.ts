// The sightings on a value's page (D48 with D49): those the gate releases to the viewer, of the released objects
// naming the value exactly, counted together and scored as the value.
import { sightedAt, summariseValueSightings } from "../intel/sightings/index.ts";
import type { Observable } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ApiViewer } from "./gate.ts";
import { MAX_SIGHTINGS_READ, namesFor, releasedSightingsOf } from "./released-sightings.ts";
import type { ApiServices } from "./services.ts";
import { MAX_SIGHTED_OBJECTS, type ValueSightings } from "./shapes/index.ts";

/**
 * The sightings of `o` for `viewer`: `named` are the released copies naming the value exactly, in the page's
 * order; the first MAX_SIGHTED_OBJECTS are read, sharing one budget of MAX_SIGHTINGS_READ sightings judged by
 * the gate, so a value named by many objects costs no more than one busy indicator. Only sightings released to the
 * viewer, still naming a copy it holds, count; `truncated` says only yes or no past the bounds (a count of hidden
 * sightings would be a leak).
 */
export async function valueSightings(
	services: ApiServices,
	viewer: ApiViewer,
	o: Observable,
	named: readonly StixObject[],
	now = new Date(),
): Promise<ValueSightings> {
	const objects = named.slice(0, MAX_SIGHTED_OBJECTS);
	let truncated = named.length > objects.length;
	let budget = MAX_SIGHTINGS_READ;
	const sightings: StixObject[] = [];
	for (const object of objects) {
		const found = await releasedSightingsOf(services, viewer, object.id, budget);
		budget -= found.read;
		truncated ||= found.truncated;
		sightings.push(...found.sightings);
	}
	const names = await namesFor(services, viewer, sightings.flatMap(sightedAt));
	const summary = summariseValueSightings(o, objects, sightings, now, (id) => names.get(id));
	return { ...summary, objects: objects.length, truncated };
}
