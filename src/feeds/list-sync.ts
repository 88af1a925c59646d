// A list feed's pull against what the feed carried last time: new values become indicators, changed ones new
// versions, values that left the list a version with `valid_until` (D55), and unchanged ones nothing at all.
import type { StixObject } from "../stix/core.ts";
import type { FeedDefinition, FeedItem, Store } from "../store/index.ts";
import { feedIndicatorId, valueFingerprint, valueIndicator } from "./feed-objects.ts";
import type { ListValue, ReadList } from "./list-value.ts";
import { nextModified } from "./version-time.ts";

/** The fingerprint of a value that left the list (its indicator expired); it may come back. */
export const GONE = "gone";

/** What a pull writes: objects in order (each with the item it records), and the counts per kind of write. */
export interface SyncPlan {
	writes: PlannedWrite[];
	added: number;
	updated: number;
	revoked: number;
}

/** A write's object: a value (or event) new to the feed, a changed one, or an expiring one (`valid_until`). */
export type WriteKind = "added" | "updated" | "revoked";

/**
 * One object to store and the feed item recorded once it is stored. The object is built when ingest asks for it,
 * so a plan of a million new values holds the values, not a million objects. A write of a `group` (a MISP event's
 * objects) records its item only when every object of the group was stored; a write may carry only an item.
 * `object` is called as a method and `item` may be a getter (see AddedValue), each read once per pull.
 */
export interface PlannedWrite {
	object?: () => StixObject;
	/** What the object is to the feed, counted in the status only when ingest stored it (a duplicate is unchanged). */
	kind?: WriteKind;
	/** The object is valueIndicator's, made from a value read and normalised here: ingest need not validate it. */
	built?: true;
	item?: FeedItem;
	group?: string;
}

/**
 * A value new to the feed, as a plan of a million of them holds it: three references and no closure, its object and
 * its item made when asked (the plan of 1M values held a closure, an item and a fingerprint string per value).
 */
class AddedValue implements PlannedWrite {
	readonly #feed: FeedDefinition;
	readonly #now: string;
	readonly #key: string;
	readonly #value: ListValue;

	constructor(feed: FeedDefinition, now: string, key: string, value: ListValue) {
		this.#feed = feed;
		this.#now = now;
		this.#key = key;
		this.#value = value;
	}

	object(): StixObject {
		return valueIndicator(this.#feed, this.#value, this.#now, this.#now);
	}

	get built(): true {
		return true;
	}

	get kind(): WriteKind {
		return "added";
	}

	get item(): FeedItem {
		return { key: this.#key, fingerprint: valueFingerprint(this.#value) };
	}
}

/** Stored versions read per call. */
const READ_CHUNK = 1000;

/**
 * Compares a list with the items of the last pull and builds the writes. Reads the stored versions only of values
 * that changed or left, so a re-pull of an unchanged list of a million values reads none.
 */
export async function planListSync(
	store: Store,
	feed: FeedDefinition,
	list: ReadList,
	previous: ReadonlyMap<string, string>,
	now: string,
): Promise<SyncPlan> {
	const plan: SyncPlan = { writes: [], added: 0, updated: 0, revoked: 0 };
	const changed: { value: ListValue; key: string; fingerprint: string }[] = [];
	for (const [key, value] of list.values) {
		const fingerprint = valueFingerprint(value);
		const before = previous.get(key);
		if (before === fingerprint) continue;
		if (before === undefined) {
			plan.writes.push(new AddedValue(feed, now, key, value));
			plan.added++;
		} else changed.push({ value, key, fingerprint });
	}
	const leaving = [...previous].filter(([key, fingerprint]) => fingerprint !== GONE && !list.values.has(key));
	const stored = await storedOf(
		store,
		[...changed.map((c) => c.key), ...leaving.map(([key]) => key)].map((key) => feedIndicatorId(feed, key)),
	);
	for (const { value, key, fingerprint } of changed) {
		const old = stored.get(feedIndicatorId(feed, key));
		const returning = previous.get(key) === GONE;
		const modified = old === undefined ? now : nextModified(old, now);
		const object = valueIndicator(
			feed,
			value,
			typeof old?.created === "string" ? old.created : now,
			modified,
		);
		if (old !== undefined && !returning && value.firstSeen === undefined) object.valid_from = old.valid_from;
		plan.writes.push({ object: () => object, kind: "updated", item: { key, fingerprint } });
		plan.updated++;
	}
	for (const [key] of leaving) {
		const old = stored.get(feedIndicatorId(feed, key));
		if (old === undefined) continue; // never stored (refused at its pull): nothing to expire
		const modified = nextModified(old, now);
		const object = expired(old, modified);
		plan.writes.push({ object: () => object, kind: "revoked", item: { key, fingerprint: GONE } });
		plan.revoked++;
	}
	return plan;
}

/** A new version of an indicator that is no longer valid from `modified` on. */
export function expired(old: StixObject, modified: string): StixObject {
	const from = typeof old.valid_from === "string" ? Date.parse(old.valid_from) : 0;
	const until = new Date(Math.max(Date.parse(modified), from + 1)).toISOString();
	return { ...old, modified, valid_until: until };
}

/** The latest stored version of each id held, by id (read in chunks). */
export async function storedOf(store: Store, ids: readonly string[]): Promise<Map<string, StixObject>> {
	const byId = new Map<string, StixObject>();
	for (let start = 0; start < ids.length; start += READ_CHUNK) {
		for (const version of await store.latestVersions(ids.slice(start, start + READ_CHUNK))) {
			byId.set(version.object.id, version.object);
		}
	}
	return byId;
}
