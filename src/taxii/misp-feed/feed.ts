// A collection as a MISP feed (the format of MISP's own feed generator, as in ../shared/data/misp/feed-cert-fr):
// manifest.json keyed by event uuid, one `{"Event": …}` file per event, hashes.csv of `md5(value),event uuid`.
import { createHash } from "node:crypto";
import { md5HashesOf, stixToMisp } from "../../misp/index.ts";
import type { StixObject } from "../../stix/core.ts";
import { uuidV5 } from "../../stix/ids/index.ts";
import type { CollectionDefinition } from "../server/collections.ts";

/** The namespace of each collection's event for the objects no report names: UUIDv5 of the collection id. */
const FEED_NAMESPACE = "b5d3f1c2-7a8e-4f4b-9c1d-3e2a6f0b8d47";

/** The manifest fields MISP reads to decide what to fetch (feed-cert-fr/manifest.json). */
const MANIFEST_FIELDS = ["Orgc", "Tag", "info", "date", "analysis", "threat_level_id", "timestamp"] as const;

export interface MispFeed {
	/** Event uuid → the event file's JSON text. */
	events: Map<string, string>;
	manifest: string;
	hashes: string;
	/**
	 * A strong validator of the whole feed: a hash of the manifest and every event, so that a change the timestamps
	 * do not show (a policy change withholding an attribute) still changes it.
	 */
	etag: string;
	/** The latest event timestamp, seconds since the epoch (0 when empty). */
	lastModified: number;
}

/**
 * The feed of one collection from the objects released to one user: events by stixToMisp (the orphan event titled
 * and keyed by the collection), the manifest, hashes.csv and its validators.
 */
export function mispFeedOf(objects: readonly StixObject[], collection: CollectionDefinition): MispFeed {
	const { events } = stixToMisp(objects, {
		orphanEventInfo: `${collection.title}: objects outside any report`,
		orphanEventUuid: uuidV5(FEED_NAMESPACE, collection.id),
	});
	const files = new Map<string, string>();
	const manifest: Record<string, Record<string, unknown>> = {};
	const hashes: string[] = [];
	let lastModified = 0;
	for (const wrapper of events) {
		const event = wrapper.Event as Record<string, unknown> & { uuid: string; timestamp: string };
		files.set(event.uuid, JSON.stringify(wrapper));
		manifest[event.uuid] = Object.fromEntries(MANIFEST_FIELDS.map((field) => [field, event[field]]));
		hashes.push(...md5HashesOf(wrapper));
		lastModified = Math.max(lastModified, Number(event.timestamp) || 0);
	}
	const manifestText = JSON.stringify(manifest);
	const digest = createHash("sha256").update(manifestText);
	for (const text of files.values()) digest.update(text);
	return {
		events: files,
		manifest: manifestText,
		hashes: hashes.length === 0 ? "" : `${hashes.join("\n")}\n`,
		etag: `"${digest.digest("base64url")}"`,
		lastModified,
	};
}
