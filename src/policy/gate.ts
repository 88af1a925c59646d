// The one egress gate: every object, manifest entry or version that leaves the node for a party passes here.
import type { StixObject } from "../stix/core.ts";

/** Who is about to receive something, and whether the channel they ask through lets them read at all. */
export interface Viewer {
	/** STIX identity id of the organisation the request acts for. */
	organizationId: string;
	/** The authenticated user (or peer) making the request. */
	userId: string;
	/** Whether the channel (e.g. a TAXII collection's can_read) grants this viewer reading. */
	mayRead: boolean;
}

/**
 * What the gate needs to know about a stored version. The store's `StoredVersion` satisfies it; the
 * gate names only these fields so that policy/ stays independent of store/.
 */
export interface ReleasableVersion {
	object: StixObject;
	provenance: { organizationId: string; source: string };
	flags: readonly string[];
}

/** Set by ingest on objects whose markings this node does not understand: stored, never released. */
const UNKNOWN_MARKING = "unknown-marking";

/**
 * The object as `viewer` may receive it, or undefined when it must be withheld (silently, TAXII 2.1
 * §1.6.9: a server may omit what a client may not see). Callers emit exactly what this returns.
 *
 * For now an identity pass-through for viewers the channel lets read, except objects carrying a
 * marking the node does not understand (ingest promises those are never released).
 * TODO(#4): decide by parties, communities, agreements, jurisdictions and markings, with transforms.
 * @example const released = releaseTo({ organizationId, userId, mayRead: true }, version);
 */
export function releaseTo(viewer: Viewer, version: ReleasableVersion): StixObject | undefined {
	if (!viewer.mayRead) return undefined;
	if (version.flags.includes(UNKNOWN_MARKING)) return undefined;
	return version.object;
}
