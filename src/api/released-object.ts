// One object as GET /objects/{id} answers it: its latest version as released, or the one 404 that a missing
// object and a hidden one share. Every route about one object (its referrers too) asks through here first.
import { AppError } from "../errors/index.ts";
import { ownSetAside } from "../ingest/index.ts";
import type { ApiViewer } from "./gate.ts";
import { type ReleasedEntry, releaseAll } from "./released-scan.ts";
import type { ApiServices } from "./services.ts";

/**
 * The single answer for an object that does not exist and one the requester may not see: same status,
 * code and words, so no response tells them apart.
 */
export function objectNotFound(): AppError {
	return new AppError("E_API_OBJECT_NOT_FOUND", "no such object");
}

/**
 * The latest of the versions of `id` the gate releases to `viewer` (D35: first and last speak only of released
 * versions, so a withheld newer version neither hides the copy the viewer receives nor shows that it exists).
 * An id with no version released under it is then looked up as a derived id (D29), whether or not the store
 * holds versions of it: a hidden object is asked exactly what a missing one is.
 * @throws AppError E_API_OBJECT_NOT_FOUND when there is none, it is withheld, or it is released only
 * transformed under another id (answering under the stored id would confirm the value behind it).
 */
export async function releasedLatest(
	services: ApiServices,
	viewer: ApiViewer,
	id: string,
): Promise<ReleasedEntry> {
	const released = await releasedUnder(services, viewer, id);
	const latest =
		released.at(-1) ??
		(await releasedUnderDerivedId(services, viewer, id, "last")).at(-1) ??
		(await releasedOwnSetAside(services, viewer, id)).at(-1);
	if (latest === undefined) throw objectNotFound();
	return latest;
}

/**
 * The viewer's own versions of `id` that the store set aside because another organisation owns the id (D30),
 * as released to it: asked when nothing else of `id` is released to the viewer, so a party's own
 * contribution reads back to it exactly as under a fresh id (D35). Asked for a missing id as for a hidden one.
 */
export async function releasedOwnSetAside(
	services: ApiServices,
	viewer: ApiViewer,
	id: string,
): Promise<ReleasedEntry[]> {
	const own = await ownSetAside(services.store, viewer.partyId, id);
	return (await releaseAll(services, viewer, own)).filter((entry) => entry.object.id === id);
}

/** Every version of the stored object `id` released to `viewer` under that same id, oldest first. */
export async function releasedUnder(
	services: ApiServices,
	viewer: ApiViewer,
	id: string,
): Promise<ReleasedEntry[]> {
	const versions = await services.store.getVersions(id, ["all"]);
	return (await releaseAll(services, viewer, versions)).filter((entry) => entry.object.id === id);
}

/**
 * The copies released to `viewer` under `id` when `id` is not a stored id but one a transformed copy was
 * released under (D29): each original recorded for it, released through the gate for this viewer (its
 * latest version, or every version), kept only where the copy carries exactly `id`. A viewer who receives
 * the original in full, transformed otherwise, or not at all gets nothing: the caller's 404 for a missing
 * object, so another party's derived id never leads to the original.
 */
export async function releasedUnderDerivedId(
	services: ApiServices,
	viewer: ApiViewer,
	id: string,
	which: "last" | "all",
): Promise<ReleasedEntry[]> {
	const out: ReleasedEntry[] = [];
	for (const originalId of await services.store.originalsOf(id)) {
		const versions = await services.store.getVersions(originalId, [which]);
		for (const entry of await releaseAll(services, viewer, versions))
			if (entry.object.id === id) out.push(entry);
	}
	return out;
}
