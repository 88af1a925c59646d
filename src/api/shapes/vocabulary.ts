// The REST API's closed vocabularies as plain constants, without zod: the web UI bundles this file, the schemas
// (shapes/) build their enums from it, and each list is the domain's own (policy/model.ts, store/account-records.ts,
// ingest/report.ts), imported from those pure leaf files rather than their folders' faces, which pull in the engine
// and the database. This is the only file of shapes/ that reaches into another folder.
import { OBJECT_STATUSES } from "../../ingest/report.ts";
import { MAX_SIGHTING_COUNT, SIGHTING_KINDS } from "../../intel/sightings/kind.ts";
import { OBSERVABLE_KINDS } from "../../observables/kinds.ts";
import { USER_ROLES } from "../../store/account-records.ts";
import { AUDIT_ACTIONS as STORE_AUDIT_ACTIONS } from "../../store/audit-records.ts";
import { FEED_FORMATS as STORE_FEED_FORMATS } from "../../store/feed-records.ts";
import {
	QUARANTINE_ACTIONS as STORE_QUARANTINE_ACTIONS,
	QUARANTINE_KINDS as STORE_QUARANTINE_KINDS,
	QUARANTINE_STATES as STORE_QUARANTINE_STATES,
} from "../../store/quarantine-records.ts";
import { WARNINGLIST_TYPES } from "../../store/warninglist-records.ts";

export {
	CUT_OFF_REASONS,
	type CutOffReason,
	DEFAULT_PURPOSE,
	ENGINE_TREATMENTS,
	PAP_LEVELS,
	PARTY_STATUSES,
	type PartyStatus,
	PURPOSES,
	type Purpose,
	SECTORS,
	TLP_LEVELS,
	TRACE_OUTCOMES,
	TREATMENTS,
	type TraceOutcome,
	VERDICTS,
	type Verdict,
} from "../../policy/model.ts";

/** A user's role, least first (store/account-records.ts). */
export const ROLES = USER_ROLES;
export type Role = (typeof ROLES)[number];

/** What the audit trail records (store/audit-records.ts, D66). */
export const AUDIT_ACTIONS = STORE_AUDIT_ACTIONS;

/** What publishing did with one object: ingest's own outcomes (ingest/report.ts). */
export const PUBLISH_STATUSES = OBJECT_STATUSES;
export type PublishStatus = (typeof PUBLISH_STATUSES)[number];

/** What publishing an object would do, as a preview says it: store a new version, nothing, or set it aside. */
export const DRAFT_OUTCOMES = ["new", "duplicate", "quarantined"] as const;
export type DraftOutcome = (typeof DRAFT_OUTCOMES)[number];

/** What the gate would release to one party of a draft: the object as written, a changed copy, or nothing. */
export const COPY_OUTCOMES = ["as-written", "changed", "withheld"] as const;
export type CopyOutcome = (typeof COPY_OUTCOMES)[number];

/** What a sighting reports (intel/sightings/kind.ts, D49): seen, a false positive, or that it expired. */
export { MAX_SIGHTING_COUNT, SIGHTING_KINDS };
export type SightingKind = (typeof SIGHTING_KINDS)[number];
/** What a value is (observables/kinds.ts): the kinds warninglists, matching and search name. */
export const VALUE_KINDS = OBSERVABLE_KINDS;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** How a warninglist's entries match (store/warninglist-records.ts, MISP's types). */
export { WARNINGLIST_TYPES };
export type WarninglistType = (typeof WARNINGLIST_TYPES)[number];

/** How a feed is read (D55): store/feed-records.ts. */
export const FEED_FORMATS = STORE_FEED_FORMATS;
export type FeedFormatName = (typeof FEED_FORMATS)[number];

/** How a feed's last pull ended. */
export const FEED_OUTCOMES = ["updated", "unchanged", "failed"] as const;

/** Why a quarantine item is held, its state, and what an operator may do with it (store/quarantine-records.ts, D65). */
export const QUARANTINE_KINDS = STORE_QUARANTINE_KINDS;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];
export const QUARANTINE_STATES = STORE_QUARANTINE_STATES;
export type QuarantineState = (typeof QUARANTINE_STATES)[number];
export const QUARANTINE_ACTIONS = STORE_QUARANTINE_ACTIONS;
export type QuarantineActionName = (typeof QUARANTINE_ACTIONS)[number];
