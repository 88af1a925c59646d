// A MISP feed: manifest.json (event uuid → timestamp) fetched with the last validators, then only the events whose
// timestamp changed, each `<uuid>.json` converted by misp/ (misp-stix's STIX and ids, D53). An event that left the
// manifest has its indicators expired (`valid_until`), as a list feed's values are (D55).
import { AppError, isAppError } from "../errors/index.ts";
import { type JsonLimits, parseJson } from "../json/index.ts";
import { isMispFeedManifest, mispEventsOf, mispToStix } from "../misp/index.ts";
import type { StixObject } from "../stix/core.ts";
import type { FeedDefinition, Store } from "../store/index.ts";
import { feedIdentityId } from "./feed-objects.ts";
import { feedFileUrl } from "./feed-url.ts";
import type { FetchedFeed, Validators } from "./fetch-feed.ts";
import { expired, GONE, type PlannedWrite, type SyncPlan, storedOf } from "./list-sync.ts";
import { MAX_PROBLEMS } from "./list-value.ts";
import { nextModified } from "./version-time.ts";

/** What reading a MISP feed gives the pull: the writes, and what was read and skipped. */
export interface MispPlan extends SyncPlan {
	values: number;
	skipped: number;
	problems: string[];
	validators: Validators;
	/** An event listed in the manifest was skipped: keep no validators, so the next pull reads the manifest again. */
	retry?: boolean;
}

export interface MispContext {
	fetch(url: string, validators: Validators): Promise<FetchedFeed>;
	validators: Validators;
	json: JsonLimits;
}

/**
 * The plan of one pull of a MISP feed, or `not-modified` when manifest.json answered 304.
 * @throws AppError E_FEED_FORMAT when manifest.json is not a MISP feed manifest; an event that cannot be read is
 *   skipped with a message instead (retried on the next pull).
 */
export async function planMispFeed(
	store: Store,
	feed: FeedDefinition,
	previous: ReadonlyMap<string, string>,
	at: string,
	context: MispContext,
): Promise<MispPlan | "not-modified"> {
	const manifestUrl = feedFileUrl(feed.url, "manifest.json");
	const fetched = await context.fetch(manifestUrl, context.validators);
	if (fetched.notModified) return "not-modified";
	const manifest = manifestOf(fetched.text, manifestUrl, context.json);
	const plan: MispPlan = {
		writes: [],
		added: 0,
		updated: 0,
		revoked: 0,
		values: 0,
		skipped: 0,
		problems: [],
		validators: fetched.validators,
	};
	for (const [uuid, entry] of Object.entries(manifest)) {
		plan.values++;
		const key = `event:${uuid.toLowerCase()}`;
		const fingerprint = String(entry.timestamp);
		const before = previous.get(key);
		if (before === fingerprint) continue;
		try {
			const objects = await eventObjects(feed, uuid, context);
			const kind = before === undefined || before === GONE ? "added" : "updated";
			for (const object of objects) plan.writes.push({ object: () => object, kind, group: key });
			// The event's item is recorded only when every object of it was stored (the pull checks the group).
			plan.writes.push({ item: { key, fingerprint }, group: key });
			plan[kind] += objects.length;
		} catch (error) {
			if (!isAppError(error)) throw error;
			plan.skipped++;
			plan.retry = true;
			if (plan.problems.length < MAX_PROBLEMS)
				plan.problems.push(`event ${uuid}: ${error.message} [${error.code}]`);
		}
	}
	const listed = new Set(Object.keys(manifest).map((uuid) => `event:${uuid.toLowerCase()}`));
	const leaving = [...previous].filter(
		([key, fingerprint]) => key.startsWith("event:") && fingerprint !== GONE && !listed.has(key),
	);
	await expireEvents(
		store,
		leaving.map(([key]) => key),
		at,
		plan,
	);
	return plan;
}

type Manifest = Record<string, { timestamp: unknown }>;

function manifestOf(text: string, url: string, limits: JsonLimits): Manifest {
	let value: unknown;
	try {
		value = parseJson(text, limits);
	} catch (cause) {
		throw new AppError("E_FEED_FORMAT", `${url} is not JSON: the feed changed format? Check the URL`, {
			cause,
		});
	}
	if (!isMispFeedManifest(value)) {
		throw new AppError(
			"E_FEED_FORMAT",
			`${url} is not a MISP feed manifest (event uuid → { info, timestamp, … }): give the URL of the folder holding manifest.json`,
		);
	}
	return value as Manifest;
}

/** One event's STIX, authored by the feed's identity where MISP names no creator. */
async function eventObjects(feed: FeedDefinition, uuid: string, context: MispContext): Promise<StixObject[]> {
	if (!/^[0-9a-f-]{36}$/i.test(uuid))
		throw new AppError("E_FEED_FORMAT", "not a uuid: the manifest is malformed");
	const fetched = await context.fetch(feedFileUrl(feed.url, `${uuid}.json`), {});
	if (fetched.notModified) throw new AppError("E_FEED_FETCH", "answered 304 to a request without validators");
	const events = mispEventsOf(parseJson(fetched.text, context.json));
	const objects: StixObject[] = [];
	for (const event of events) {
		const conversion = mispToStix(event, { defaultMarkingRefs: feed.markingRefs });
		for (const object of conversion.objects) objects.push(authored(feed, object));
	}
	if (objects.length === 0) throw new AppError("E_FEED_FORMAT", "the event converted to no object");
	return objects;
}

const UNAUTHORED = new Set(["marking-definition", "identity", "extension-definition", "language-content"]);

function authored(feed: FeedDefinition, object: StixObject): StixObject {
	if (object.created_by_ref !== undefined || UNAUTHORED.has(object.type)) return object;
	if (!("created" in object)) return object; // an observable (SCO) has no author
	return { ...object, created_by_ref: feedIdentityId(feed) };
}

/** The indicators of events that left the manifest get `valid_until`; their items become `gone`. */
async function expireEvents(
	store: Store,
	keys: readonly string[],
	at: string,
	plan: MispPlan,
): Promise<void> {
	if (keys.length === 0) return;
	const containerIds = keys.flatMap((key) => [`report--${key.slice(6)}`, `grouping--${key.slice(6)}`]);
	const containers = await storedOf(store, containerIds);
	for (const key of keys) {
		const uuid = key.slice(6);
		const container = containers.get(`report--${uuid}`) ?? containers.get(`grouping--${uuid}`);
		const refs = Array.isArray(container?.object_refs) ? (container.object_refs as string[]) : [];
		const indicators = await storedOf(
			store,
			refs.filter((ref) => ref.startsWith("indicator--")),
		);
		for (const indicator of indicators.values()) {
			if (indicator.valid_until !== undefined && String(indicator.valid_until) <= at) continue;
			const object = expired(indicator, nextModified(indicator, at));
			plan.writes.push({ object: () => object, kind: "revoked", group: key });
			plan.revoked++;
		}
		plan.writes.push({ item: { key, fingerprint: GONE }, group: key });
	}
}

export type { PlannedWrite };
