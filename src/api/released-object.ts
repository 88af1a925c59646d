// One object as GET /objects/{id} answers it: its latest version as released, or the one 404 that a missing
// object and a hidden one share. Every route about one object (its referrers too) asks through here first.
import { AppError } from "../errors/index.ts";
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
 * The latest version of `id` as the gate releases it to `viewer`.
 * @throws AppError E_API_OBJECT_NOT_FOUND when there is none, it is withheld, or it is released only
 * transformed under another id (answering under the stored id would confirm the value behind it).
 */
export async function releasedLatest(
	services: ApiServices,
	viewer: ApiViewer,
	id: string,
): Promise<ReleasedEntry> {
	const [latest] = await services.store.getVersions(id, ["last"]);
	if (latest === undefined) {
		const [derived] = await releasedUnderDerivedId(services, viewer, id, "last");
		if (derived === undefined) throw objectNotFound();
		return derived;
	}
	const [entry] = await releaseAll(services, viewer, [latest]);
	if (entry === undefined || entry.object.id !== id) throw objectNotFound();
	return entry;
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
