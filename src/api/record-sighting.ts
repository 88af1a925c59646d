// Recording a sighting: what the user saw, as a STIX `sighting` by their organisation, through the same ingest as publishing.
import { isLocalOrganization } from "../accounts/index.ts";
import { AppError } from "../errors/index.ts";
import { draftSighting } from "../intel/sightings/index.ts";
import type { User } from "../store/index.ts";
import type { ApiViewer } from "./gate.ts";
import { publishObjects } from "./publish.ts";
import { releasedLatest } from "./released-object.ts";
import type { ReleasedEntry } from "./released-scan.ts";
import type { ApiServices } from "./services.ts";
import type { Presented, RecordedSighting, SightingBody } from "./shapes/index.ts";

/**
 * Records `body` as a sighting by the user's organisation (`created_by_ref` and `where_sighted_refs`), stored
 * through ingest() like any publish, so the gate and the federation treat it as any object (D49). What it sights,
 * and any observed-data it cites, must be released to the user: otherwise the one 404 of a missing object.
 * With `audience: "originator"` it names the originator of what was seen as its only audience.
 * @throws AppError E_API_OBJECT_NOT_FOUND (hidden ≡ missing), E_SIGHTING_INVALID (count, times; or ingest refused it).
 */
export async function recordSighting(
	services: ApiServices,
	user: User,
	viewer: ApiViewer,
	body: SightingBody,
	now = new Date(),
): Promise<Presented<RecordedSighting>> {
	const target = await releasedLatest(services, viewer, body.sighting_of_ref);
	for (const ref of body.observed_data_refs ?? []) await releasedLatest(services, viewer, ref);
	const sighting = draftSighting(
		{
			sightingOf: body.sighting_of_ref,
			kind: body.kind,
			organizationId: user.organizationId,
			objectMarkingRefs: body.object_marking_refs,
			...(body.count === undefined ? {} : { count: body.count }),
			...(body.first_seen === undefined ? {} : { firstSeen: body.first_seen }),
			...(body.last_seen === undefined ? {} : { lastSeen: body.last_seen }),
			...(body.observed_data_refs === undefined ? {} : { observedDataRefs: body.observed_data_refs }),
			...(body.description === undefined ? {} : { description: body.description }),
			...(body.audience !== "markings"
				? { audienceParties: [await originatorOf(services, body.sighting_of_ref, target, viewer)] }
				: {}),
		},
		now,
	);
	const { results } = await publishObjects(services, user, [sighting], viewer);
	const result = results[0];
	if (result === undefined || result.status === "rejected")
		throw new AppError("E_SIGHTING_INVALID", `the sighting was refused: ${result?.reason ?? "no result"}`, {
			details: { issues: result?.issues ?? [] },
		});
	const stored = await releasedLatest(services, viewer, sighting.id).catch(() => undefined);
	return {
		status: result.status,
		...(result.reason === undefined ? {} : { reason: result.reason }),
		sighting: stored?.object ?? sighting,
	};
}

/**
 * The party a sighting goes back to: the organisation that recorded what was seen here (for a pushed object, the
 * push's origin), or its `created_by_ref` when the recorder is the house importing another's object (as the gate's
 * `originatorOf` reads it). For an observable, the contributor of the statement the user was released (D31); for
 * a derived id (D29), its original's.
 */
async function originatorOf(
	services: ApiServices,
	id: string,
	released: ReleasedEntry,
	viewer: ApiViewer,
): Promise<string> {
	const ids = [id, ...(await services.store.originalsOf(id))];
	for (const candidate of ids) {
		const versions = await services.store.getVersions(candidate, ["all"]);
		const version = versions.find((v) => v.dateAdded === released.dateAdded) ?? versions.at(-1);
		if (version === undefined) continue;
		const recorder = version.provenance.organizationId;
		const author = version.object.created_by_ref;
		if (typeof author !== "string" || author === recorder) return recorder;
		const organizations = new Map((await services.store.listOrganizations()).map((o) => [o.id, o]));
		return organizations.has(author) && isLocalOrganization(organizations.get(recorder)) ? author : recorder;
	}
	// Released, yet no stored version under it or an original (deleted meanwhile): it stays in the house.
	return viewer.partyId;
}
