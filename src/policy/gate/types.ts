// The egress gate's contract: who receives (Viewer), what it reads from the node (GateSources), what it answers (EgressGate).
import type { StixObject } from "../../stix/core.ts";
import type { CompiledPolicy, MarkingDefinitions } from "../engine/index.ts";
import type { AppliedTreatment, Decision, Purpose, Verdict } from "../model.ts";

/** Who is about to receive something: a party (an organisation's STIX identity id), a user, a purpose. */
export interface Viewer {
	/** STIX identity id of the party the request acts for (the user's organisation). */
	partyId: string;
	/** The authenticated user (or peer) making the request; for audit, never for the decision. */
	userId: string;
	/** Why the party wants it; agreements and transfer routes are purpose-bound. */
	purpose: Purpose;
}

/**
 * What the gate needs to know about a stored version. The store's `StoredVersion` satisfies it; the
 * gate names only these fields so that policy/ stays independent of store/.
 */
export interface ReleasableVersion {
	object: StixObject;
	provenance: { organizationId: string; source: string };
	flags: readonly string[];
	/**
	 * True when this is the object's latest version (the store says so for free on `last` reads).
	 * Anything else makes the gate look the latest up: an older version is judged under the latest's
	 * markings too (D18).
	 */
	latest?: boolean;
	/**
	 * The stored version. For an observable's statement (D31) its commit position: the newest of several
	 * statements a viewer may receive is the one with the greatest.
	 */
	version?: string;
}

/** What an object inherits from the objects it derives from and the containers that reference it. */
export interface Inherited {
	/** Marking-definition ids of those objects (deny-overrides: they count as the object's own). */
	markingRefs: string[];
	/** Party ids of their originators: their restrictions apply too (the strictest verdict wins). */
	originators: string[];
}

/** A copy released under a new id (a transformed observable) and the stored id it was derived from (D29). */
export interface DerivedId {
	derivedId: string;
	originalId: string;
}

/**
 * Everything the gate reads from the node, built by the composition root (src/main.ts) from the store:
 * policy/ never imports store/. Every member is read afresh on each gate call.
 */
export interface GateSources {
	/**
	 * The latest applied policy, compiled; undefined when none was applied. Must reflect a newly applied
	 * version at once (the gate calls `refresh` first when given): no stale cache serving revoked access.
	 */
	compiled(): CompiledPolicy | undefined;
	/** Marking definitions the node holds beyond the pinned catalogue (statements, IEP policies). */
	markingDefinitions(): MarkingDefinitions;
	/** Markings and originators inherited through `derived-from` relationships and containers, per id. */
	inherited(ids: readonly string[]): Promise<Map<string, Inherited>>;
	/**
	 * The latest version of each id the node holds: references the page names but does not carry, and
	 * the latest of each older version on a page (whose markings bind it).
	 */
	versionsOf(ids: readonly string[]): Promise<Map<string, ReleasableVersion>>;
	/**
	 * Every contributor's current statement of each observable among `ids` (D31), by id: an unversioned
	 * object (an SCO) has one per contributor. Without it, the gate judges one statement per id.
	 */
	statementsOf?(ids: readonly string[]): Promise<Map<string, ReleasableVersion[]>>;
	/** Which of `ids` the node holds: asked for every observable an indicator's pattern names (D21). */
	heldIds(ids: readonly string[]): Promise<ReadonlySet<string>>;
	/** Which of `types` the node holds any object of: values of other types are never looked up (D21). */
	heldTypes(types: readonly string[]): Promise<ReadonlySet<string>>;
	/** The node's own organisations: without a policy, only they receive anything (in full). */
	localParties(): Promise<ReadonlySet<string>>;
	/**
	 * Remembers the new ids copies were released under, so a recipient can later fetch a copy by the id it
	 * received (D29). Called only for pages that released a copy under a new id, before the page is returned.
	 */
	recordDerived?(pairs: readonly DerivedId[]): Promise<void>;
	/** Brings `compiled()` and `markingDefinitions()` up to date; called once at the start of each gate call. */
	refresh?(): Promise<void>;
	/** HMAC key for pseudonyms and minted SCO ids; never leaves this node. At least 16 bytes. */
	transformKey: Uint8Array;
	/** Identity id recorded as `derived_by` on transformed copies. */
	nodeIdentity: string;
	now(): Date;
}

/** One party's line in a preview: what it would receive of an object, and the rule that decided it. */
export interface PartyPreview {
	partyId: string;
	name: string;
	node: string;
	local: boolean;
	verdict: Verdict;
	treatments: readonly AppliedTreatment[];
	/** The rule whose outcome set the verdict (e.g. `scope.tlp`), or `form` when nothing restricted it. */
	decidingRule: string;
	reason: string;
}

/** The one egress gate: every byte about stored objects that leaves the node for a party asks it first. */
export interface EgressGate {
	/**
	 * The page as `viewer` may receive it, position for position: the released object (possibly a
	 * transformed copy with rewritten references, or a container with fewer refs), or undefined when it
	 * must be withheld silently. Callers emit exactly what this returns, and nothing about the rest.
	 */
	releasePage(viewer: Viewer, versions: readonly ReleasableVersion[]): Promise<(StixObject | undefined)[]>;
	/** A page of one. */
	release(viewer: Viewer, version: ReleasableVersion): Promise<StixObject | undefined>;
	/** The decision for one party with its trace, in words (for operators, never for the party itself). */
	explain(version: ReleasableVersion, partyId: string, purpose: Purpose): Promise<Decision>;
	/** Every party in the policy with what it would receive (empty when no policy is applied). */
	preview(version: ReleasableVersion, purpose: Purpose): Promise<PartyPreview[]>;
}
