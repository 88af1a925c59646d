// One pull of one feed: take its lease, fetch (conditional GET), read the format, plan the writes against the last
// pull, ingest them, then record the items and the status. A pull that fails writes nothing it has not stored:
// the items and validators move only for objects the store acknowledged, so the next pull retries the rest.
import { AppError, isAppError } from "../errors/index.ts";
import { ingest, type ObjectResult } from "../ingest/index.ts";
import { jsonLimits } from "../json/index.ts";
import type { FeedDefinition, FeedItem, FeedRecord, FeedStatus, Store } from "../store/index.ts";
import { feedIdentity, pinnedMarkings } from "./feed-objects.ts";
import {
	DEFAULT_FETCH_LIMITS,
	type FeedFetch,
	type FetchLimits,
	fetchFeed,
	type Validators,
} from "./fetch-feed.ts";
import type { PlannedWrite } from "./list-sync.ts";
import { MAX_PROBLEMS } from "./list-value.ts";
import { planFeed } from "./plan-feed.ts";

/** Where a pull is, for a progress line. */
export type FeedProgress =
	| { phase: "fetching"; url: string }
	| { phase: "planning"; values: number }
	| { phase: "storing"; done: number; total: number; objectsPerSecond: number };

export interface PullOptions {
	store: Store;
	fetch: FeedFetch;
	/** Who pulls (a process), for the lease. */
	holder: string;
	limits?: FetchLimits;
	now?: () => Date;
	/** How long the lease lasts; renewed while the pull runs. */
	leaseMs?: number;
	/** Ignore the validators of the last pull (fetch in full even if unchanged). */
	force?: boolean;
	onProgress?: (progress: FeedProgress) => void;
}

const DEFAULT_LEASE_MS = 120_000;

/**
 * Pulls one feed now and records its status. Answers the status (outcome `failed` with the error when the feed
 * could not be read or stored).
 * @throws AppError E_FEED_NOT_FOUND, or E_FEED_BUSY when another process holds the feed's lease.
 */
export async function pullFeed(options: PullOptions, feedId: string): Promise<FeedStatus> {
	const status = await pullUnder(options, feedId, false);
	if (status === undefined) throw notFound(feedId);
	return status;
}

/**
 * Pulls the feed if it is due (its scheduled time has come) once its lease is held, else does nothing: the
 * scheduler's pull, so a process that saw a feed due just before another pulled it does not pull it again.
 * Answers undefined when nothing was pulled (not due, removed, or another process holds the lease).
 */
export async function pullFeedIfDue(options: PullOptions, feedId: string): Promise<FeedStatus | undefined> {
	try {
		return await pullUnder(options, feedId, true);
	} catch (error) {
		if (isAppError(error) && error.code === "E_FEED_BUSY") return undefined;
		throw error;
	}
}

/** Whether a feed's scheduled pull has come at `now`. */
export function isDue(feed: FeedDefinition & { status?: FeedStatus }, now: Date): boolean {
	if (feed.intervalSeconds <= 0) return false;
	const next = feed.status?.nextPullAt;
	return next === undefined || Date.parse(next) <= now.getTime();
}

async function pullUnder(
	options: PullOptions,
	feedId: string,
	onlyIfDue: boolean,
): Promise<FeedStatus | undefined> {
	const { store, holder } = options;
	if ((await store.getFeed(feedId)) === undefined) return undefined;
	const now = options.now ?? (() => new Date());
	const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
	const until = () => new Date(now().getTime() + leaseMs).toISOString();
	if (!(await store.claimFeedLease(feedId, holder, now().toISOString(), until()))) {
		throw new AppError(
			"E_FEED_BUSY",
			`feed '${feedId}' is being pulled by another process: see 'entente feeds status' when it ends`,
		);
	}
	// Read again under the lease: another process may have pulled it (or removed it) meanwhile.
	const feed = await store.getFeed(feedId);
	if (feed === undefined || (onlyIfDue && !isDue(feed, now()))) {
		await store.releaseFeedLease(feedId, holder);
		return undefined;
	}
	const renew = setInterval(() => {
		store.claimFeedLease(feed.id, holder, now().toISOString(), until()).catch(() => {});
	}, leaseMs / 3);
	try {
		const status = await attempt(options, feed, now());
		await store.recordFeedStatus(feed.id, status);
		return status;
	} finally {
		clearInterval(renew);
		await store.releaseFeedLease(feed.id, holder);
	}
}

/** The feed's error as a status: the validators of the last good pull stay, so nothing is skipped next time. */
async function attempt(options: PullOptions, feed: FeedRecord, started: Date): Promise<FeedStatus> {
	const at = started.toISOString();
	const next = nextPullAt(feed, started);
	try {
		return { ...(await run(options, feed, at)), ...next };
	} catch (error) {
		if (!isAppError(error)) throw error;
		const kept = validatorsOf(feed);
		return {
			lastPullAt: at,
			outcome: "failed",
			error: `${error.message} [${error.code}]`,
			...zero(),
			...kept,
			...next,
		};
	}
}

async function run(
	options: PullOptions,
	feed: FeedDefinition,
	at: string,
): Promise<Omit<FeedStatus, "nextPullAt">> {
	const { store } = options;
	const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
	const context = {
		fetch: (url: string, validators: Validators) => {
			options.onProgress?.({ phase: "fetching", url });
			return fetchFeed(options.fetch, url, validators, limits);
		},
		validators: options.force === true ? {} : validatorsOf(feed),
		json: jsonLimits({ maxBytes: limits.maxBytes, maxObjectBytes: limits.maxBytes }),
	};
	const previous = new Map((await store.feedItems(feed.id)).map((item) => [item.key, item.fingerprint]));
	const plan = await planFeed(store, feed, previous, at, context);
	if (plan === "not-modified") {
		return { lastPullAt: at, outcome: "unchanged", ...zero(), ...validatorsOf(feed) };
	}
	options.onProgress?.({ phase: "planning", values: plan.values });
	const stored = await storeWrites(store, feed, plan.writes, options);
	await store.updateFeedItems(feed.id, recordedItems(plan.writes, stored.outcomes), []);
	const problems = [...plan.problems, ...stored.problems].slice(0, MAX_PROBLEMS);
	const counts = countWrites(plan.writes, stored.outcomes);
	const wrote = counts.added + counts.updated + counts.revoked;
	return {
		lastPullAt: at,
		outcome: wrote === 0 && counts.refused === 0 ? "unchanged" : "updated",
		...(counts.refused > 0
			? { error: `${counts.refused} object(s) were refused by ingest: see problems` }
			: {}),
		...counts,
		values: plan.values,
		skipped: plan.skipped,
		problems,
		// An item not recorded (an event skipped, an object refused) is fetched again only if the next pull reads
		// the feed: keeping the validators would let a 304 hide it until the feed itself changes.
		...(plan.retry === true || counts.refused > 0 ? {} : plan.validators),
	};
}

/** What ingest said of one write's object (0: the write has none, or ingest never reached it). */
const Outcome = { Stored: 1, Duplicate: 2, Refused: 3 } as const;

/**
 * The status's counts from what ingest reported, not from the plan: a planned object the store already held (an
 * event imported by hand, a value another pull wrote) is unchanged, one ingest refused is refused.
 */
function countWrites(
	writes: readonly PlannedWrite[],
	outcomes: Uint8Array,
): { added: number; updated: number; revoked: number; unchanged: number; refused: number } {
	const counts = { added: 0, updated: 0, revoked: 0, unchanged: 0, refused: 0 };
	for (let index = 0; index < writes.length; index++) {
		const write = writes[index] as PlannedWrite;
		if (write.object === undefined) continue;
		const outcome = outcomes[index];
		if (outcome === Outcome.Stored) counts[write.kind ?? "updated"]++;
		else if (outcome === Outcome.Duplicate) counts.unchanged++;
		else counts.refused++;
	}
	return counts;
}

interface StoredWrites {
	/** Per write, what ingest said of its object (an `Outcome`; 0 for a write without one). */
	outcomes: Uint8Array;
	problems: string[];
}

/** Ingests the feed's identity, pinned markings and writes, in that order, as the feed's organisation. */
async function storeWrites(
	store: Store,
	feed: FeedDefinition,
	writes: readonly PlannedWrite[],
	options: PullOptions,
): Promise<StoredWrites> {
	const outcomes = new Uint8Array(writes.length);
	if (!writes.some((write) => write.object !== undefined)) return { outcomes, problems: [] };
	const head = [...pinnedMarkings(feed), feedIdentity(feed)];
	function* items() {
		for (const [index, object] of head.entries()) yield { index: index - head.length, object };
		for (let index = 0; index < writes.length; index++) {
			const write = writes[index] as PlannedWrite;
			if (write.object === undefined) continue;
			if (write.built === true) yield { index, object: write.object(), built: true as const };
			else yield { index, object: write.object() };
		}
	}
	const problems: string[] = [];
	const note = (result: ObjectResult): void => {
		if (result.index < 0) return;
		outcomes[result.index] =
			result.status === "stored"
				? Outcome.Stored
				: result.status === "duplicate"
					? Outcome.Duplicate
					: Outcome.Refused;
	};
	const report = await ingest(store, items(), {
		provenance: { organizationId: feed.organizationId, source: `feed:${feed.id}` },
		onCommitted: (results) => {
			for (const result of results) note(result);
		},
		onProgress: (progress) =>
			options.onProgress?.({
				phase: "storing",
				done: Math.max(0, progress.objects - head.length),
				total: writes.length,
				objectsPerSecond: progress.objectsPerSecond,
			}),
	});
	for (const problem of report.problems) {
		if (problem.index < 0 && problem.status !== "duplicate") {
			throw new AppError(
				"E_FEED_INVALID",
				`the feed's own ${problem.type} was refused: ${problem.reason ?? ""}`,
			);
		}
		if (problems.length < MAX_PROBLEMS)
			problems.push(`${problem.id ?? `object ${problem.index}`}: ${problem.reason}`);
	}
	return { outcomes, problems };
}

/**
 * The items of the writes the store acknowledged: a write's own object stored (or it had none), and every object of
 * its group stored, so an event half stored is fetched again next time.
 */
function recordedItems(writes: readonly PlannedWrite[], outcomes: Uint8Array): FeedItem[] {
	const ok = (index: number) => outcomes[index] === Outcome.Stored || outcomes[index] === Outcome.Duplicate;
	const failedGroups = new Set<string>();
	writes.forEach((write, index) => {
		if (write.group !== undefined && write.object !== undefined && !ok(index)) failedGroups.add(write.group);
	});
	const items: FeedItem[] = [];
	writes.forEach((write, index) => {
		if (write.object !== undefined && !ok(index)) return;
		if (write.group !== undefined && failedGroups.has(write.group)) return;
		const item = write.item;
		if (item !== undefined) items.push(item);
	});
	return items;
}

function validatorsOf(feed: FeedRecord): Validators {
	const kept: Validators = {};
	if (feed.status?.etag !== undefined) kept.etag = feed.status.etag;
	if (feed.status?.lastModified !== undefined) kept.lastModified = feed.status.lastModified;
	return kept;
}

function nextPullAt(feed: FeedDefinition, started: Date): { nextPullAt?: string } {
	if (feed.intervalSeconds <= 0) return {};
	return { nextPullAt: new Date(started.getTime() + feed.intervalSeconds * 1000).toISOString() };
}

function zero(): Pick<
	FeedStatus,
	"added" | "updated" | "revoked" | "unchanged" | "refused" | "values" | "skipped" | "problems"
> {
	return { added: 0, updated: 0, revoked: 0, unchanged: 0, refused: 0, values: 0, skipped: 0, problems: [] };
}

/** The error for a feed id nobody defined. */
export function notFound(id: string): AppError {
	return new AppError("E_FEED_NOT_FOUND", `no feed '${id}': see 'entente feeds list'`);
}

export type { FeedItem };
