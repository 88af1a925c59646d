// The STIX a feed's values become: one indicator per value with an id made from the feed and the value (so a
// re-pull names the same object), authored by the feed's own identity and carrying the feed's markings.
import { patternOf } from "../observables/index.ts";
import type { StixObject } from "../stix/core.ts";
import { uuidV5In } from "../stix/ids/index.ts";
import { TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import type { FeedDefinition } from "../store/index.ts";
import type { ListValue } from "./list-value.ts";

/** The namespace of feed ids (D55): fixed forever, or every feed's objects would change id. */
export const FEED_NAMESPACE = "a7c1f0e2-3b5d-4e8f-9a61-2d4c8b7e5f30";

const feedUuid = uuidV5In(FEED_NAMESPACE);

/** The last feed's identity id: a pull names it on each of a million values, and a UUIDv5 costs a SHA-1. */
let lastIdentity = { feedId: "", id: "" };

/** The identity that authors a feed's objects (`created_by_ref`): one per feed, named after it. */
export function feedIdentityId(feed: Pick<FeedDefinition, "id">): string {
	if (lastIdentity.feedId !== feed.id) {
		lastIdentity = { feedId: feed.id, id: `identity--${feedUuid(`identity|${feed.id}`)}` };
	}
	return lastIdentity.id;
}

/** The indicator id of a value (`kind:normal form`) in a feed: the same on every pull. */
export function feedIndicatorId(feed: Pick<FeedDefinition, "id">, key: string): string {
	return `indicator--${feedUuid(`${feed.id}|${key}`)}`;
}

/** The feed's identity object (`identity_class: system`), versioned at the feed's creation. */
export function feedIdentity(feed: FeedDefinition): StixObject {
	return {
		type: "identity",
		spec_version: "2.1",
		id: feedIdentityId(feed),
		created: feed.createdAt,
		modified: feed.createdAt,
		name: feed.name,
		identity_class: "system",
		description: `Feed ${feed.url} (${feed.format}), subscribed by this node`,
		...(feed.markingRefs.length === 0 ? {} : { object_marking_refs: [...feed.markingRefs] }),
	};
}

/** The pinned marking definitions (TLP 1.0 and 2.0) among the feed's markings, to store before what they mark. */
export function pinnedMarkings(feed: FeedDefinition): StixObject[] {
	const pinned = [...Object.values(TLP1_DEFINITIONS), ...Object.values(TLP2_DEFINITIONS)];
	return pinned.filter((d) => feed.markingRefs.includes(d.id)).map((d) => ({ ...d }) as StixObject);
}

/**
 * The indicator of one list value, first stored at `created`; `modified` is this version's time.
 * @example valueIndicator(feed, { observable: { kind: "ipv4", value: "192.0.2.1" } }, now, now)
 */
export function valueIndicator(
	feed: FeedDefinition,
	value: ListValue,
	created: string,
	modified: string,
): StixObject {
	const key = `${value.observable.kind}:${value.observable.value}`;
	const validFrom = value.firstSeen !== undefined && value.firstSeen < modified ? value.firstSeen : modified;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: feedIndicatorId(feed, key),
		created,
		modified,
		name: value.observable.value,
		...(value.comment === undefined ? {} : { description: value.comment }),
		pattern: patternOf(value.observable),
		pattern_type: "stix",
		valid_from: validFrom,
		created_by_ref: feedIdentityId(feed),
		...(feed.confidence === undefined ? {} : { confidence: feed.confidence }),
		...(feed.markingRefs.length === 0 ? {} : { object_marking_refs: [...feed.markingRefs] }),
		external_references: [{ source_name: feed.name, url: feed.url }],
	};
}

/** The fingerprint of a value with no first-seen and no comment (most of a list): one string for all of them. */
const BARE = "|";

/** What of a value is stored beyond its key: a new fingerprint means a new version. */
export function valueFingerprint(value: ListValue): string {
	if (value.firstSeen === undefined && value.comment === undefined) return BARE;
	return `${value.firstSeen ?? ""}|${value.comment ?? ""}`;
}
