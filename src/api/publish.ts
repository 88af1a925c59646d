// Publishing: the request's objects ingested as the user's organisation, through the same ingest() as TAXII and import.
import { ingest, maskHidden, type ObjectResult } from "../ingest/index.ts";
import { auditActorOf, type Provenance, publishedEntry, type User } from "../store/index.ts";
import type { ApiViewer } from "./gate.ts";
import type { ApiServices } from "./services.ts";
import type { Presented, PublishResult, PublishStatus } from "./shapes/index.ts";

/** Objects published through the API are recorded under the user's organisation, by this channel. */
export function provenanceOf(user: User): Provenance {
	return { organizationId: user.organizationId, source: "api:publish" };
}

/**
 * Whether `viewer`'s organisation receives no version of the stored object `id`. Results about such an
 * object must not say it exists (hidden ≡ missing): see maskHidden and the pending store's `isHidden`.
 */
export function hiddenFrom(services: ApiServices, viewer: ApiViewer): (id: string) => Promise<boolean> {
	return async (id) => {
		const versions = await services.store.getVersions(id, ["all"]);
		// No version (a deleted id whose owner refused the post, D30): nothing of it is released, as on TAXII.
		if (versions.length === 0) return true;
		const released = await services.gate.releasePage(viewer, versions);
		return !released.some((object) => object !== undefined);
	};
}

/**
 * Stores `objects` as `user`'s organisation: each valid object is stored (or found a duplicate, or
 * quarantined), each invalid one rejected whole with every issue, as ingest does for any input; the
 * federation outbox then sends what the gate releases to each peer. Results in request order.
 */
export async function publishObjects(
	services: ApiServices,
	user: User,
	objects: readonly unknown[],
	viewer: ApiViewer,
): Promise<Presented<PublishResult>> {
	const results: ObjectResult[] = [];
	await ingest(
		services.store,
		objects.map((object, index) => ({ index, object })),
		{ provenance: provenanceOf(user), onCommitted: (committed) => results.push(...committed) },
	);
	await services.store.appendAudit(publishedEntry(auditActorOf(user, "api"), results, "api"));
	const shown = await maskHidden(results, hiddenFrom(services, viewer));
	shown.sort((a, b) => a.index - b.index);
	// Counted from what the user is shown: a masked duplicate counts as stored, as it reads.
	const counts: Record<PublishStatus, number> = { stored: 0, duplicate: 0, quarantined: 0, rejected: 0 };
	for (const result of shown) counts[result.status]++;
	return { counts, results: shown };
}
