// A real MISP feed (CERT-FR's, ../shared/data/misp/feed-cert-fr) served over loopback: every event converted and
// stored under misp-stix's ids, a re-pull with the manifest unchanged writing nothing, only an event whose manifest
// timestamp moved fetched again, an event that left the manifest expiring its indicators, a broken event skipped
// with its reason while the others are stored, and a manifest that is no manifest refused.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, beforeEach, describe, it } from "node:test";
import { type FeedServer, startFeedServer } from "#test/support/feed-server.ts";
import { sharedData } from "#test/support/shared-data.ts";
import { ingest } from "../ingest/index.ts";
import { mispEventsOf, mispToStix } from "../misp/index.ts";
import { openSqliteStore, type Store } from "../store/index.ts";
import { defineFeed } from "./define-feed.ts";
import { type PullOptions, pullFeed } from "./pull.ts";

const FEED = sharedData("misp", "feed-cert-fr");
const ORG = "identity--11111111-1111-4111-8111-111111111111";

describe("pullFeed: a MISP feed", () => {
	let server: FeedServer;
	let store: Store;
	let manifest: Record<string, { timestamp: number }>;
	before(async () => {
		server = await startFeedServer();
	});
	after(() => server.close());
	beforeEach(async () => {
		await store?.close();
		store = await openSqliteStore({ path: ":memory:" });
		await store.putOrganization({
			id: ORG,
			name: "Us",
			sectors: [],
			jurisdictions: [],
			createdAt: "2026-01-01T00:00:00.000Z",
		});
		server.files.clear();
		server.requests.length = 0;
		for (const file of readdirSync(FEED)) {
			server.files.set(`/feed/${file}`, {
				body: readFileSync(`${FEED}/${file}`, "utf8"),
				contentType: "application/json",
			});
		}
		manifest = JSON.parse(readFileSync(`${FEED}/manifest.json`, "utf8"));
	});
	const setManifest = (value: unknown, etag?: string) =>
		server.files.set("/feed/manifest.json", {
			body: JSON.stringify(value),
			...(etag === undefined ? {} : { etag }),
		});
	const add = async () => {
		const feed = defineFeed(
			{ name: "CERT-FR", url: `${server.url}/feed/`, format: "misp", markings: ["tlp:clear"] },
			{ organizationId: ORG, createdBy: "test", now: new Date("2026-01-01T00:00:00.000Z") },
		);
		await store.putFeed(feed);
		return feed;
	};
	const options = (): PullOptions => ({ store, fetch: (url, init) => fetch(url, init), holder: "test" });
	const eventRequests = () =>
		server.requests.filter((r) => r.path !== "/feed/manifest.json").map((r) => r.path);

	it("stores every event under misp-stix's ids, then writes nothing while the manifest is unchanged", async () => {
		setManifest(manifest, '"m1"');
		const feed = await add();
		const first = await pullFeed(options(), feed.id);
		assert.equal(first.outcome, "updated", first.error);
		assert.equal(first.values, 13);
		assert.equal(first.skipped, 0, first.problems.join("; "));
		assert.ok(first.added > 100);
		assert.equal(eventRequests().length, 13);
		const [uuid] = Object.keys(manifest) as [string];
		const containers = await store.latestVersions([`report--${uuid}`, `grouping--${uuid}`]);
		assert.equal(containers.length, 1, "the event is stored as misp-stix names it");
		const indicators = await store.query({ types: ["indicator"], limit: 1000 });
		assert.ok(indicators.items.length > 0);
		assert.deepEqual(
			indicators.items.filter((v) => v.flags.length > 0).map((v) => v.id),
			[],
			"every marking understood (nothing held back as unknown-marking)",
		);
		const count = await store.count({});
		const again = await pullFeed(options(), feed.id);
		assert.equal(again.outcome, "unchanged");
		assert.equal(server.requests.at(-1)?.ifNoneMatch, '"m1"');
		setManifest(manifest); // no ETag: fetched whole, every timestamp the same
		const third = await pullFeed(options(), feed.id);
		assert.deepEqual([third.added, third.updated, third.revoked], [0, 0, 0]);
		assert.equal(eventRequests().length, 13, "no event fetched again");
		assert.equal(await store.count({}), count);
	});

	it("counts what ingest stored: events imported beforehand are not 'added' again", async () => {
		// As `entente import` stores a MISP file: each event converted whole by mispToStix, then ingested.
		const imported = Object.keys(manifest).flatMap((uuid) =>
			mispEventsOf(JSON.parse(readFileSync(`${FEED}/${uuid}.json`, "utf8"))).flatMap(
				(event) => mispToStix(event).objects,
			),
		);
		const report = await ingest(
			store,
			imported.map((object, index) => ({ index, object })),
			{ provenance: { organizationId: ORG, source: "import" } },
		);
		assert.equal(report.counts.stored + report.counts.duplicate, imported.length);
		setManifest(manifest);
		const feed = await add();
		const status = await pullFeed(options(), feed.id);
		assert.equal(status.added, 0, "nothing the store already held is counted as added");
		assert.equal(status.updated, 0);
		assert.ok((status.unchanged ?? 0) > 100, `unchanged: ${status.unchanged}`);
		// What differs from the import (the feed's default marking, its identity as author where misp-stix names
		// none) cannot be stored over the imported version of the same `modified`: ingest refuses it, and says so.
		assert.equal((status.unchanged ?? 0) + (status.refused ?? 0), imported.length);
		assert.equal(status.outcome, (status.refused ?? 0) > 0 ? "updated" : "unchanged");
	});

	it("fetches only an event whose timestamp moved, and expires the indicators of an event that left", async () => {
		setManifest(manifest);
		const feed = await add();
		await pullFeed(options(), feed.id);
		const [moved, gone] = Object.keys(manifest) as [string, string];
		const rest = Object.fromEntries(Object.entries(manifest).filter(([uuid]) => uuid !== gone));
		setManifest({
			...rest,
			[moved]: { ...manifest[moved], timestamp: (manifest[moved]?.timestamp ?? 0) + 60 },
		});
		server.requests.length = 0;
		const status = await pullFeed(options(), feed.id);
		assert.deepEqual(eventRequests(), [`/feed/${moved}.json`]);
		assert.ok(status.revoked > 0, "the indicators of the event that left expired");
		const container = (await store.latestVersions([`report--${gone}`, `grouping--${gone}`]))[0]?.object;
		const refs = ((container?.object_refs ?? []) as string[]).filter((ref) => ref.startsWith("indicator--"));
		assert.ok(refs.length > 0);
		for (const version of await store.latestVersions(refs)) {
			assert.ok(typeof version.object.valid_until === "string", `${version.id} has valid_until`);
		}
	});

	it("skips a broken event with its reason, stores the others, and retries it next time", async () => {
		const [broken] = Object.keys(manifest) as [string];
		setManifest(manifest);
		server.files.set(`/feed/${broken}.json`, { body: '{"Event": {"info": "x", "Attribute": "nope"' });
		const feed = await add();
		const status = await pullFeed(options(), feed.id);
		assert.equal(status.skipped, 1);
		assert.match(status.problems[0] ?? "", new RegExp(`^event ${broken}: .*\\[E_JSON_`));
		assert.ok(status.added > 0);
		server.files.set(`/feed/${broken}.json`, { body: readFileSync(`${FEED}/${broken}.json`, "utf8") });
		server.requests.length = 0;
		const retried = await pullFeed(options(), feed.id);
		assert.deepEqual(eventRequests(), [`/feed/${broken}.json`]);
		assert.equal(retried.skipped, 0);
	});

	it("retries a skipped event even when the manifest's server answers conditional requests", async () => {
		const [broken] = Object.keys(manifest) as [string];
		setManifest(manifest, '"m1"');
		server.files.set(`/feed/${broken}.json`, { body: '{"Event": {"info": "x", "Attribute": "nope"' });
		const feed = await add();
		const status = await pullFeed(options(), feed.id);
		assert.equal(status.skipped, 1);
		assert.equal(status.etag, undefined, "no validator kept while an event waits to be fetched again");
		server.files.set(`/feed/${broken}.json`, { body: readFileSync(`${FEED}/${broken}.json`, "utf8") });
		server.requests.length = 0;
		const retried = await pullFeed(options(), feed.id);
		assert.deepEqual(eventRequests(), [`/feed/${broken}.json`], "the manifest's 304 hid the skipped event");
		assert.equal(retried.skipped, 0);
		assert.equal(retried.etag, '"m1"', "validators kept once every event is stored");
		assert.equal((await pullFeed(options(), feed.id)).outcome, "unchanged");
	});

	it("refuses a manifest that is not one, storing nothing", async () => {
		server.files.set("/feed/manifest.json", { body: '[{"type": "bundle"}]' });
		const feed = await add();
		const status = await pullFeed(options(), feed.id);
		assert.equal(status.outcome, "failed");
		assert.match(status.error ?? "", /is not a MISP feed manifest.*\[E_FEED_FORMAT\]/);
		assert.equal(await store.count({}), 0);
	});
});
