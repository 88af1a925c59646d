// TAXII 2.1 resources as a client receives them (§3.6.1, §4.1.1, §4.2.1, §4.3.1, §5.1.1, §5.2.1, §5.3.1, §5.8.1), checked on arrival.
import { z } from "zod";
import { AppError } from "../../errors/index.ts";

/** The media type every TAXII 2.1 request accepts and every response carries (§1.6.8.1). */
export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

// Custom properties (§7.1) are allowed everywhere, so every schema is loose.
const text = z.string();
const count = z.number().int().min(0);

export const discoverySchema = z.looseObject({
	title: text,
	description: text.optional(),
	contact: text.optional(),
	default: text.optional(),
	api_roots: z.array(text).optional(),
});
/** §4.1.1 */
export type Discovery = z.infer<typeof discoverySchema>;

export const apiRootSchema = z.looseObject({
	title: text,
	description: text.optional(),
	versions: z.array(text),
	max_content_length: z.number().int().positive(),
});
/** §4.2.1 */
export type ApiRoot = z.infer<typeof apiRootSchema>;

export const collectionSchema = z.looseObject({
	id: text,
	title: text,
	description: text.optional(),
	alias: text.optional(),
	can_read: z.boolean(),
	can_write: z.boolean(),
	media_types: z.array(text).optional(),
});
/** §5.2.1 */
export type Collection = z.infer<typeof collectionSchema>;

export const collectionsSchema = z.looseObject({ collections: z.array(collectionSchema).optional() });

const statusDetailsSchema = z.looseObject({
	id: text,
	// §4.3.1 requires it, yet the spec's own §5.5 example omits it: accept its absence.
	version: text.optional(),
	message: text.optional(),
});
/** One object's fate in a status resource (§4.3.1 status-details). */
export type StatusDetails = z.infer<typeof statusDetailsSchema>;

export const statusSchema = z.looseObject({
	id: text,
	status: z.enum(["complete", "pending"]),
	request_timestamp: text.optional(),
	total_count: count,
	success_count: count,
	successes: z.array(statusDetailsSchema).optional(),
	failure_count: count,
	failures: z.array(statusDetailsSchema).optional(),
	pending_count: count,
	pendings: z.array(statusDetailsSchema).optional(),
});
/** §4.3.1 */
export type Status = z.infer<typeof statusSchema>;

const manifestRecordSchema = z.looseObject({
	id: text,
	date_added: text,
	version: text,
	media_type: text.optional(),
});
/** §5.3.1 manifest-record */
export type ManifestRecord = z.infer<typeof manifestRecordSchema>;

export const manifestSchema = z.looseObject({
	more: z.boolean().optional(),
	next: text.optional(),
	objects: z.array(manifestRecordSchema).optional(),
});

export const versionsSchema = z.looseObject({
	more: z.boolean().optional(),
	next: text.optional(),
	versions: z.array(text).optional(),
});

export const errorBodySchema = z.looseObject({
	title: text,
	description: text.optional(),
	error_id: text.optional(),
	error_code: text.optional(),
	http_status: text.optional(),
	external_details: text.optional(),
	details: z.record(z.string(), z.unknown()).optional(),
});
/** §3.6.1 */
export type TaxiiErrorBody = z.infer<typeof errorBodySchema>;

/**
 * Checks a parsed response against its resource schema.
 * @throws AppError E_TAXII_PROTOCOL naming every property that is missing or of the wrong type.
 */
export function resourceOf<T>(schema: z.ZodType<T>, value: unknown, resource: string, url: string): T {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issues = parsed.error.issues.map((issue) => `${["$", ...issue.path].join(".")}: ${issue.message}`);
	throw new AppError(
		"E_TAXII_PROTOCOL",
		`${url} did not answer a TAXII 2.1 ${resource} resource: ${issues.slice(0, 5).join("; ")}`,
		{ details: { url, resource, issues } },
	);
}
