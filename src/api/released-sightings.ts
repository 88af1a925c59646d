// The sightings of one object as the gate releases them to a viewer: found through the store's backward index
// (`sighting_of_ref`), judged by the gate, kept only when the released copy still names the object; and the names
// of the organisations they name, as the reader may know them.
import { setImmediate as nextTurn } from "node:timers/promises";
import { isLocalOrganization } from "../accounts/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { ApiViewer } from "./gate.ts";
import { STORE_PAGE } from "./released-scan.ts";
import type { ApiServices } from "./services.ts";

/** Sightings one answer reads at most (the rest are not counted, and the answer says `truncated`). */
export const MAX_SIGHTINGS_READ = 10_000;

export interface ReleasedSightings {
	/** The released copies, oldest stored first. */
	sightings: StixObject[];
	/**
	 * More sightings of the object are stored than one answer reads. Only a yes/no above MAX_SIGHTINGS_READ:
	 * the number is never shown, as a count of what the viewer may not see would be a leak.
	 */
	truncated: boolean;
	/** Sightings read and judged (released or not): what a caller sharing one budget over many objects spends. */
	read: number;
}

/**
 * Every sighting of `id` the gate releases to `viewer`, as released: a sighting withheld, or released without
 * its `sighting_of_ref` to `id`, does not exist for this viewer. `id` may be a derived id the viewer was released a
 * transformed observable under (D29): the sightings of its original count when their copies name `id`. The caller has checked that `id` is released
 * to the viewer. Reads at most MAX_SIGHTINGS_READ sightings, in pages of STORE_PAGE, giving the event loop a turn
 * between pages (the SQLite store answers synchronously: without it a long read would hold every other request).
 */
export async function releasedSightingsOf(
	services: Pick<ApiServices, "store" | "gate">,
	viewer: ApiViewer,
	id: string,
	maxRead = MAX_SIGHTINGS_READ,
): Promise<ReleasedSightings> {
	// A copy released under a derived id (D29): the stored sightings name its original, and the gate rewrites their
	// reference to the id this viewer holds, which the filter below keeps.
	const stored = [id, ...(await services.store.originalsOf(id))];
	const references = await services.store.referencesTo(stored, ["sighting_of_ref"]);
	const ids = [...new Set(references.map((reference) => reference.fromId))];
	const read = ids.slice(0, maxRead);
	const found: { object: StixObject; dateAdded: string }[] = [];
	for (let start = 0; start < read.length; start += STORE_PAGE) {
		if (start > 0) await nextTurn();
		const versions = await services.store.latestVersions(read.slice(start, start + STORE_PAGE));
		if (versions.length === 0) continue;
		const released = await services.gate.releasePage(viewer, versions);
		for (const [index, version] of versions.entries()) {
			const object = released[index];
			if (object?.type === "sighting" && object.sighting_of_ref === id)
				found.push({ object, dateAdded: version.dateAdded });
		}
	}
	found.sort((a, b) => a.dateAdded.localeCompare(b.dateAdded));
	return {
		sightings: found.map((entry) => entry.object),
		truncated: ids.length > read.length,
		read: read.length,
	};
}

/**
 * The names of `ids` the reader may know: from identity objects the gate releases to it, and, for a user of the
 * node's own organisations, from the organisations this node records (the operator's own records; a partner's
 * user learns a name only from an identity it receives, as the web UI's names do).
 */
export async function namesFor(
	services: ApiServices,
	viewer: ApiViewer,
	ids: readonly string[],
): Promise<Map<string, string>> {
	const wanted = [...new Set(ids)].filter((id) => id.startsWith("identity--")).slice(0, 1000);
	const names = new Map<string, string>();
	const versions = wanted.length === 0 ? [] : await services.store.latestVersions(wanted);
	const released = versions.length === 0 ? [] : await services.gate.releasePage(viewer, versions);
	for (const identity of released)
		if (typeof identity?.name === "string" && wanted.includes(identity.id))
			names.set(identity.id, identity.name);
	if (!isLocalOrganization(await services.store.getOrganization(viewer.partyId))) return names;
	for (const organization of await services.store.listOrganizations())
		if (wanted.includes(organization.id) && !names.has(organization.id))
			names.set(organization.id, organization.name);
	return names;
}
