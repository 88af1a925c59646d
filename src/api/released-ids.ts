// Ids the observable index found, put through the egress gate: only the copies it releases come back. Every answer
// the index-backed routes give (search, suggestions, a value's page, correlations, matching) reads through here.
import type { StixObject } from "../stix/core.ts";
import type { ApiViewer } from "./gate.ts";
import type { ApiServices } from "./services.ts";

/** Ids per store read and gate page: the gate decides a page at once (references, named values). */
const RELEASE_PAGE = 1000;

/** One released copy and when this node stored the version it was released from. */
export interface ReleasedCopy {
	object: StixObject;
	dateAdded: string;
}

/**
 * The latest version of each of `ids` as released to `viewer`, by stored id. Withheld and missing ids are absent
 * alike; a copy released under another id (a transformed observable, D29) is absent too, since answering it under
 * the stored id would confirm the value behind it.
 */
export async function releaseIds(
	services: Pick<ApiServices, "store" | "gate">,
	viewer: ApiViewer,
	ids: readonly string[],
): Promise<Map<string, ReleasedCopy>> {
	const out = new Map<string, ReleasedCopy>();
	for (let start = 0; start < ids.length; start += RELEASE_PAGE) {
		const versions = await services.store.latestVersions(ids.slice(start, start + RELEASE_PAGE));
		if (versions.length === 0) continue;
		const released = await services.gate.releasePage(viewer, versions);
		versions.forEach((version, index) => {
			const object = released[index];
			if (object === undefined || object.id !== version.id || out.has(version.id)) return;
			out.set(version.id, { object, dateAdded: version.dateAdded });
		});
	}
	return out;
}

/** releaseIds as intel/'s `Release`: the copies only. */
export function releaseFor(
	services: Pick<ApiServices, "store" | "gate">,
	viewer: ApiViewer,
): (ids: readonly string[]) => Promise<Map<string, StixObject>> {
	return async (ids) => {
		const copies = await releaseIds(services, viewer, ids);
		return new Map([...copies].map(([id, copy]) => [id, copy.object]));
	};
}
