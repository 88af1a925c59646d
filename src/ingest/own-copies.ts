// A poster's own contribution reads back to it (D35) even when the store set it aside (D30): the versions of
// an id that a non-owner posted are quarantined, and are the answer to that poster when nothing else is.
import type { Store, StoredVersion } from "../store/index.ts";

/**
 * The versions of `id` that `organizationId` posted and the store set aside (another organisation owns the
 * id), as stored versions for the egress gate to release to that organisation: each judged as its own latest
 * (it is no version of the owner's object, whose markings it must not take or reveal), dated when received.
 * Read routes ask this only when nothing of `id` is released to the asker, so it never hides the owner's copy.
 * @example const own = await ownSetAside(store, user.organizationId, id); // then gate.releasePage(viewer, own)
 */
export async function ownSetAside(
	store: Store,
	organizationId: string,
	id: string,
): Promise<StoredVersion[]> {
	return (await store.quarantinedOf(id, organizationId)).map((held) => ({
		object: held.object,
		id: held.id,
		type: typeof held.object.type === "string" ? held.object.type : "",
		version: held.version,
		specVersion: typeof held.object.spec_version === "string" ? held.object.spec_version : "2.1",
		dateAdded: held.receivedAt,
		provenance: held.provenance,
		flags: [],
		latest: true,
	}));
}
