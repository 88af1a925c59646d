// What every REST route works with, built once per app by createApiApp.
import type { BodyBudget } from "../body/index.ts";
import type { ObservableIndex, Warninglists } from "../intel/index.ts";
import type { FeedDefinition, FeedStatus, Store, User } from "../store/index.ts";
import type { CursorSeal } from "./cursor.ts";
import type { ApiGate, ApiViewer, Purpose } from "./gate.ts";
import type { PolicyImpactService } from "./impact-jobs.ts";
import type { FeedBody, RequestRate } from "./shapes/index.ts";

/**
 * What intel/ offers the routes (main.ts and buildTestNode build it): the observable index, which knows nothing
 * of the gate — every id it finds goes through `gate.releasePage` before an answer names it.
 */
export interface IntelServices {
	index: ObservableIndex;
	/**
	 * Resolves once everything committed before the call is indexed (read-your-writes for an answer); rejects with
	 * the store's error when the commit log cannot be read.
	 */
	settled(): Promise<void>;
	/**
	 * The node's warninglists (D50), built once per process: `await warninglists.refresh()` once per request (one
	 * read of the store's revision), then `warninglists.hits(o)` per value in normal form — a hit flags, never hides.
	 */
	warninglists: Warninglists;
	/**
	 * Why the index cannot answer yet, when it cannot: a node listens while its index is still being built at
	 * start-up, and the index-backed routes then answer 503 E_API_INDEX_UNAVAILABLE (with Retry-After when a retry
	 * will help). Absent, or undefined answered: the index is ready.
	 */
	unavailable?: () => IndexUnavailable | undefined;
}

/** Why the observable index cannot answer now, and when to ask again (absent: a retry will not help). */
export interface IndexUnavailable {
	message: string;
	retryAfterSeconds?: number;
}

export interface ApiServices {
	store: Store;
	gate: ApiGate;
	/** The same gate over another view of the store (a preview's pending store, D26). */
	previewGate: (view: Store) => Promise<ApiGate>;
	/** This node's name: a policy file put through the API must name it. */
	nodeName: string;
	cursors: CursorSeal;
	/** Largest request body read (a policy file, objects to preview or publish), in bytes. */
	maxBodyBytes: number;
	/** Store reads GET /facets makes without `q` before it answers partial counts (D68). */
	facetReads: number;
	/** The node-wide budget every body read is charged to (src/body); absent in tests of the API alone. */
	bodies?: BodyBudget | undefined;
	/** The observable index and what reads it; absent in tests of the API alone (routes needing it then say so). */
	intel?: IntelServices | undefined;
	/** Where webhooks may point and how long a test waits (D51); default: public receivers only, 10 s. */
	webhooks?: WebhookSettings | undefined;
	/** Feed subscriptions (D55; main.ts builds them from feeds/); absent, the feed routes answer 503. */
	feeds?: FeedServices | undefined;
	/** A policy change's impact (D62; main.ts wires release/'s policyImpact); absent, POST /policy/impact answers 503. */
	policyImpact?: PolicyImpactService | undefined;
	/** Requests per minute by family, oldest first, for the dashboard (D67); absent: none shown. */
	requestRates?: (() => readonly RequestRate[]) | undefined;
}

/** What feeds/ offers the routes: checking a definition and pulling a feed now (main.ts wires feeds/ in). */
export interface FeedServices {
	/** The definition to store, with a new id; throws E_FEED_INVALID / E_FEED_URL naming the field. */
	define(body: FeedBody, owner: { organizationId: string; createdBy: string; now: Date }): FeedDefinition;
	/** Pulls the feed now and answers its status; throws E_FEED_NOT_FOUND, or E_FEED_BUSY while another pulls it. */
	pull(id: string): Promise<FeedStatus>;
}

/** The webhook rules the API applies when one is set or tested (config `webhooks.*`). */
export interface WebhookSettings {
	allowPrivate: boolean;
	timeoutMs: number;
}

/** The viewer a request acts as: the user's organisation is the party that receives. */
export function viewerOf(user: User, purpose: Purpose): ApiViewer {
	return { partyId: user.organizationId, userId: user.id, purpose };
}
