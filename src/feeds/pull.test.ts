// Pulls of real list feeds (../shared/data/feeds) served over loopback: values stored once as indicators of the
// feed's identity, 304 and unchanged lists writing nothing, values that leave expired and come back, bad rows
// reported one by one, and broken answers (HTML, timeouts, gzip bombs, a changed format) storing nothing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, beforeEach, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type FeedServer, startFeedServer } from "#test/support/feed-server.ts";
import { ingest } from "../ingest/index.ts";
import type { StixObject } from "../stix/core.ts";
import { openSqliteStore, type Store } from "../store/index.ts";
import { defineFeed, type FeedInput } from "./define-feed.ts";
import { feedIdentityId, feedIndicatorId } from "./feed-objects.ts";
import { type PullOptions, pullFeed } from "./pull.ts";

const FEEDS = fileURLToPath(new URL("../../../shared/data/feeds/", import.meta.url));
const ORG = "identity--11111111-1111-4111-8111-111111111111";
const TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

const OTHER_ORG = { name: "Them", sectors: [], jurisdictions: [], createdAt: "2026-01-01T00:00:00.000Z" };

describe("pullFeed", () => {
	let server: FeedServer;
	let store: Store;
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
	});

	const add = async (input: Omit<FeedInput, "url"> & { path: string }) => {
		const { path, ...rest } = input;
		const feed = defineFeed(
			{ ...rest, url: `${server.url}${path}` },
			{ organizationId: ORG, createdBy: "test", now: new Date("2026-01-01T00:00:00.000Z") },
		);
		await store.putFeed(feed);
		return feed;
	};
	const options = (extra: Partial<PullOptions> = {}): PullOptions => ({
		store,
		fetch: (url, init) => fetch(url, init),
		holder: "test",
		...extra,
	});
	const latest = async (id: string): Promise<StixObject | undefined> =>
		(await store.latestVersions([id]))[0]?.object;

	it("counts what ingest reported: values the store already held are unchanged, a refused one refused", async () => {
		server.files.set("/list.txt", { body: "192.0.2.1\n192.0.2.2\n192.0.2.3\n" });
		const feed = await add({ name: "list", path: "/list.txt", format: "text", markings: ["tlp:clear"] });
		const at = () => new Date("2026-02-01T00:00:00.000Z");
		const first = await pullFeed(options({ now: at }), feed.id);
		assert.deepEqual([first.added, first.unchanged, first.refused], [3, 0, 0]);
		// The items forgotten (as after a pull that stored the objects but not its items): the same indicators again.
		await store.updateFeedItems(feed.id, [], ["ipv4:192.0.2.1", "ipv4:192.0.2.2", "ipv4:192.0.2.3"]);
		// Another organisation stored other content under the id and version the feed's new value will have: ingest
		// refuses the feed's (a conflict of content under one version).
		const other = "identity--22222222-2222-4222-8222-222222222222";
		await store.putOrganization({ ...OTHER_ORG, id: other });
		const taken = feedIndicatorId(feed, "ipv4:192.0.2.4");
		const stolen = await ingest(
			store,
			[
				{
					index: 0,
					object: {
						type: "indicator",
						spec_version: "2.1",
						id: taken,
						created: "2026-02-01T00:00:00.000Z",
						modified: "2026-02-01T00:00:00.000Z",
						pattern: "[ipv4-addr:value = '192.0.2.4']",
						pattern_type: "stix",
						valid_from: "2026-02-01T00:00:00.000Z",
					},
				},
			],
			{ provenance: { organizationId: other, source: "test" } },
		);
		assert.equal(stolen.counts.stored, 1);
		server.files.set("/list.txt", { body: "192.0.2.1\n192.0.2.2\n192.0.2.3\n192.0.2.4\n" });
		const again = await pullFeed(options({ now: at }), feed.id);
		assert.deepEqual(
			[again.added, again.updated, again.revoked, again.unchanged, again.refused],
			[0, 0, 0, 3, 1],
			again.problems.join("; "),
		);
		assert.equal(again.outcome, "updated");
		assert.match(again.error ?? "", /1 object\(s\) were refused/);
	});

	it("stores blocklist.de's values once each, then answers 304 with nothing written", async () => {
		const text = readFileSync(`${FEEDS}blocklist.de-all.txt`, "utf8");
		server.files.set("/all.txt", { body: text, etag: '"v1"' });
		const feed = await add({
			name: "blocklist.de",
			path: "/all.txt",
			format: "text",
			markings: ["tlp:green"],
			confidence: 60,
		});
		const first = await pullFeed(options(), feed.id);
		const lines = text.split("\n").filter((line) => line.trim() !== "").length;
		assert.equal(first.outcome, "updated");
		assert.equal(first.values + first.skipped, lines, "every line is a value or a skipped line");
		assert.ok(first.values > 19_000);
		assert.equal(first.added, first.values);
		assert.equal(first.etag, '"v1"');
		const indicator = await latest(feedIndicatorId(feed, "ipv4:1.0.154.126"));
		assert.equal(indicator?.pattern, "[ipv4-addr:value = '1.0.154.126']");
		assert.equal(indicator?.created_by_ref, feedIdentityId(feed));
		assert.deepEqual(indicator?.object_marking_refs, [TLP_GREEN]);
		assert.equal(indicator?.confidence, 60);
		assert.equal((await latest(feedIdentityId(feed)))?.name, "blocklist.de");

		const count = await store.count({});
		const again = await pullFeed(options(), feed.id);
		assert.equal(again.outcome, "unchanged");
		assert.equal(server.requests.at(-1)?.ifNoneMatch, '"v1"', "conditional GET");
		assert.equal(await store.count({}), count);
	});

	it("writes only what changed: a new value, a value that left (valid_until) and came back", async () => {
		server.files.set("/list.txt", { body: "# test list\n192.0.2.1\n192.0.2.2\nevil[.]example.com\n" });
		const feed = await add({ name: "t", path: "/list.txt", format: "text" });
		let now = new Date("2026-02-01T00:00:00.000Z");
		const at = () => now;
		assert.equal((await pullFeed(options({ now: at }), feed.id)).added, 3);
		const domainId = feedIndicatorId(feed, "domain:evil.example.com");
		assert.equal((await latest(domainId))?.name, "evil.example.com");

		server.files.set("/list.txt", { body: "192.0.2.1\n192.0.2.3\nevil.example.com\n" });
		now = new Date("2026-02-02T00:00:00.000Z");
		const second = await pullFeed(options({ now: at }), feed.id);
		assert.deepEqual([second.added, second.updated, second.revoked], [1, 0, 1]);
		const gone = await latest(feedIndicatorId(feed, "ipv4:192.0.2.2"));
		assert.equal(gone?.valid_until, "2026-02-02T00:00:00.000Z");
		assert.equal((await store.getVersions(domainId)).length, 1, "an unchanged value is not versioned again");

		server.files.set("/list.txt", { body: "192.0.2.1\n192.0.2.2\n192.0.2.3\nevil.example.com\n" });
		now = new Date("2026-02-03T00:00:00.000Z");
		const third = await pullFeed(options({ now: at }), feed.id);
		assert.deepEqual([third.added, third.updated, third.revoked], [0, 1, 0]);
		const back = await latest(feedIndicatorId(feed, "ipv4:192.0.2.2"));
		assert.equal(back?.valid_until, undefined, "a value that comes back is valid again");
		assert.equal(back?.valid_from, "2026-02-03T00:00:00.000Z");
		assert.equal(back?.created, "2026-02-01T00:00:00.000Z", "the same object, versioned");
	});

	it("reads Sentinel's CSV by header name with first-seen, listing the kinds it cannot read", async () => {
		const csv = readFileSync(
			`${FEEDS}azure-sentinel/MSTICIoCs-ExchangeServerVulnerabilitiesDisclosedMarch2021.csv`,
			"utf8",
		);
		server.files.set("/iocs.csv", { body: csv, contentType: "text/csv" });
		const feed = await add({
			name: "sentinel",
			path: "/iocs.csv",
			format: "csv",
			csv: { value: "Indicator", firstSeen: "FirstSeen", comment: "IndicatorType" },
		});
		const status = await pullFeed(options(), feed.id);
		assert.equal(status.outcome, "updated");
		assert.equal(status.values + status.skipped, csv.trim().split("\n").length - 1);
		assert.match(status.problems[0] ?? "", /^line \d+: 'C:\\Program Files.*' is not a value of a known kind/);
		const id = feedIndicatorId(
			feed,
			"sha256:8e90ed33c7ee82c0b64078ea36ec95f7420ba435c693b3b3dd728b494abf7dfc",
		);
		const indicator = await latest(id);
		assert.equal(indicator?.valid_from, "2021-03-05T10:07:29.042Z");
		assert.equal(indicator?.description, "sha256");
	});

	it("skips rows with wrong columns or values, one message each, and imports the rest", async () => {
		const csv = readFileSync(`${FEEDS}azure-sentinel/TestIOCs.csv`, "utf8");
		const broken = `${csv.trimEnd()}\r\n9/29/2022\r\n9/29/2022,not a value,ip\r\n`;
		server.files.set("/t.csv", { body: broken });
		const feed = await add({ name: "t", path: "/t.csv", format: "csv", csv: { value: "IoC", firstSeen: 0 } });
		const status = await pullFeed(options(), feed.id);
		const lines = csv.trim().split("\n").length;
		assert.equal(status.values + status.skipped, lines - 1 + 2);
		assert.match(status.problems.at(-2) ?? "", new RegExp(`^line ${lines + 1}: 1 column\\(s\\), 2 expected`));
		assert.match(
			status.problems.at(-1) ?? "",
			new RegExp(`^line ${lines + 2}: 'not a value' is not a value of a known kind`),
		);
		assert.equal(
			(await latest(feedIndicatorId(feed, "ipv4:172.93.201.253")))?.valid_from,
			new Date("9/29/2022").toISOString(),
		);
	});

	it("reads a header-less CSV by column number, and detects an unnamed header", async () => {
		const csv = readFileSync(`${FEEDS}azure-sentinel/SEABORGIUMIOC.csv`, "utf8");
		server.files.set("/s.csv", { body: csv });
		const feed = await add({ name: "s", path: "/s.csv", format: "csv", csv: { value: 1, kind: "domain" } });
		const status = await pullFeed(options(), feed.id);
		assert.equal(status.skipped, 0, status.problems.join("; "));
		assert.equal(status.values, csv.trim().split("\n").length - 1);
	});

	it("refuses HTML, a changed format, an empty list and a CSV missing its column, expiring nothing", async () => {
		server.files.set("/l.txt", { body: "192.0.2.1\n192.0.2.2\n" });
		const feed = await add({ name: "l", path: "/l.txt", format: "text" });
		await pullFeed(options(), feed.id);
		const count = await store.count({});
		const failures: [string, RegExp][] = [
			["<!DOCTYPE html><html><body>Please sign in</body></html>", /answered an HTML page/],
			[
				`${Array.from({ length: 50 }, (_, i) => `{"ip": "192.0.2.${i}", "port": 80},`).join("\n")}`,
				/answered no values where it had 2/,
			],
			[
				`192.0.2.1\n${Array.from({ length: 50 }, (_, i) => `<item>${i}</item>`).join("\n")}`,
				/the feed changed format\?/,
			],
			["", /answered no values where it had 2/],
		];
		for (const [body, message] of failures) {
			server.files.set("/l.txt", { body });
			const status = await pullFeed(options(), feed.id);
			assert.equal(status.outcome, "failed");
			assert.match(status.error ?? "", message);
			assert.equal(await store.count({}), count, "nothing written, nothing expired");
		}
		server.files.set("/c.csv", { body: "when,what\n2026-01-01,192.0.2.9\n" });
		const csv = await add({ name: "c", path: "/c.csv", format: "csv", csv: { value: "IoC" } });
		const status = await pullFeed(options(), csv.id);
		assert.match(status.error ?? "", /has no column 'IoC' \(it has 'when', 'what'\).*\[E_FEED_FORMAT\]/);
	});

	it("bounds the time and the decompressed size, and decodes gzip within the bound", async () => {
		server.files.set("/slow.txt", { body: "192.0.2.1\n", delayMs: 2000 });
		const slow = await add({ name: "slow", path: "/slow.txt", format: "text" });
		const timedOut = await pullFeed(options({ limits: { timeoutMs: 200, maxBytes: 1 << 20 } }), slow.id);
		assert.match(timedOut.error ?? "", /did not answer within 0.2 s.*\[E_FEED_TIMEOUT\]/);

		const bomb = Buffer.alloc(50 << 20, "1");
		server.files.set("/bomb.txt", { body: bomb, gzip: true });
		server.files.set("/bomb.txt.gz", { body: gzipSync(bomb), contentType: "application/gzip" });
		for (const path of ["/bomb.txt", "/bomb.txt.gz"]) {
			const feed = await add({ name: path, path, format: "text" });
			const status = await pullFeed(options({ limits: { timeoutMs: 10_000, maxBytes: 1 << 20 } }), feed.id);
			assert.match(status.error ?? "", /is over 1048576 bytes \(decompressed\).*\[E_FEED_TOO_LARGE\]/, path);
		}
		server.files.set("/ok.txt.gz", { body: gzipSync("192.0.2.7\n") });
		const ok = await add({ name: "ok", path: "/ok.txt.gz", format: "text" });
		assert.equal((await pullFeed(options(), ok.id)).added, 1);
	});

	it("lets one holder pull a feed at a time", async () => {
		server.files.set("/l.txt", { body: "192.0.2.1\n" });
		const feed = await add({ name: "l", path: "/l.txt", format: "text" });
		assert.equal(
			await store.claimFeedLease(
				feed.id,
				"other",
				new Date().toISOString(),
				new Date(Date.now() + 60_000).toISOString(),
			),
			true,
		);
		await assert.rejects(pullFeed(options(), feed.id), /being pulled by another process.*/);
		assert.equal(server.requests.length, 0);
	});
});
