// An alert's id, made from what it is about, so a repeated round cannot record it twice and a webhook receiver
// can deduplicate deliveries by it (D51).
import { createHash } from "node:crypto";

/**
 * `alert--` and a UUID-shaped digest of (organisation, object, version, entry, value).
 * @example alertIdOf({ organizationId, objectId, objectVersion, entryId, value }) // "alert--3f2a…"
 */
export function alertIdOf(fields: {
	organizationId: string;
	objectId: string;
	objectVersion: string;
	entryId: string;
	kind: string;
	value: string;
}): string {
	const digest = createHash("sha256")
		.update(
			[
				fields.organizationId,
				fields.objectId,
				fields.objectVersion,
				fields.entryId,
				fields.kind,
				fields.value,
			].join("\u0000"),
		)
		.digest("hex");
	return `alert--${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}
