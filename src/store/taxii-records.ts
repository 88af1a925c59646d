// Records the TAXII server keeps in the store: operator-defined collections and Add Objects status resources.
import type { UserRole } from "./account-records.ts";

/**
 * Who an access right covers: organisations (`"local"` = every organisation this node hosts, which is
 * every authenticated user's) and, optionally, only some roles within them. `[]` covers nobody.
 */
export interface AccessRule {
	organizations: "local" | readonly string[];
	roles?: readonly UserRole[];
}

/** What a collection shows of the store; each field narrows it, absent fields do not. */
export interface CollectionFilter {
	/** STIX types the collection holds (and accepts on POST). */
	types?: readonly string[];
	/** Only versions recorded under these local organisations (their source). */
	sourceOrganizations?: readonly string[];
}

/**
 * An operator-defined collection (TAXII 2.1 §5.2.1): a view over the store with its own rights.
 * `id` is a UUID; `alias`, when present, is unique among collections.
 */
export interface CollectionDefinition {
	id: string;
	title: string;
	description?: string;
	alias?: string;
	read: AccessRule;
	write: AccessRule;
	filter: CollectionFilter;
}

/** One object's outcome in a status resource (TAXII 2.1 §4.3.1 status-details). */
export interface StatusDetail {
	id: string;
	version: string;
	message?: string;
}

/** The status resource exactly as §4.3.1 names its properties; empty lists are omitted (§2). */
export interface StatusResource {
	id: string;
	status: "pending" | "complete";
	request_timestamp: string;
	total_count: number;
	success_count: number;
	successes?: StatusDetail[];
	failure_count: number;
	failures?: StatusDetail[];
	pending_count: number;
	pendings?: StatusDetail[];
}

/** A status resource with who may read it back and until when it must be kept. */
export interface StatusRecord {
	resource: StatusResource;
	/** The API root it was created under. */
	apiRoot: string;
	/** Only this organisation (the one that posted) may read it back. */
	organizationId: string;
	/** RFC 3339 with microseconds; after this instant the record may be removed (§4.3: ≥ 24 h). */
	expiresAt: string;
}
