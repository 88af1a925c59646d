// Public face of taxii/client: a TAXII 2.1 client, and pull/push between a remote collection and the store.
export type { AddObjectsOptions, AddObjectsResult } from "./add-objects.ts";
export { type ManifestPage, TaxiiClient, type TaxiiClientOptions } from "./client.ts";
export type { EnvelopePage } from "./envelope.ts";
export type { MatchFilter, ObjectFilter } from "./filter.ts";
export {
	type PullOptions,
	type PullProgress,
	type PullResult,
	pullCollection,
	pullCursorKey,
} from "./pull.ts";
export { type PushOptions, type PushResult, pushObjects } from "./push.ts";
export type {
	ApiRoot,
	Collection,
	Discovery,
	ManifestRecord,
	Status,
	StatusDetails,
	TaxiiErrorBody,
} from "./resources.ts";
export { TAXII_MEDIA_TYPE } from "./resources.ts";
export { backoffDelay, DEFAULT_RETRY, type RetryPolicy, type Sleep } from "./retry.ts";
export type { Credentials, RetryNotice } from "./transport.ts";
