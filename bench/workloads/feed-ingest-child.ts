// Child process of the feed benchmark, so that its peak RSS is its own. `feed`: a free-text feed of N values served
// over loopback, pulled by pullFeed (fetch, read, plan, ingest, record the items); `ingest`: ingest() of the same
// indicators (the objects the pull writes), built as ingest asks for them from values read before the clock starts.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineFeed } from "../../src/feeds/define-feed.ts";
import { feedIdentity, valueIndicator } from "../../src/feeds/feed-objects.ts";
import { pullFeed } from "../../src/feeds/pull.ts";
import { readTextFeed } from "../../src/feeds/text-feed.ts";
import { ingest } from "../../src/ingest/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";

const [mode = "feed", countText = "1000000"] = process.argv.slice(2);
const count = Number(countText);
const ORG = "identity--00000000-0000-4000-8000-000000000000";
const dir = mkdtempSync(join(tmpdir(), "entente-bench-feed-"));

/** N distinct public-looking IPv4 addresses, one per line, with a comment line on top. */
function feedText(n: number): string {
	const lines = ["# bench feed"];
	for (let i = 0; i < n; i++) lines.push(`${20 + (i >>> 16)}.${(i >>> 8) & 255}.${i & 255}.1`);
	return `${lines.join("\n")}\n`;
}

const text = feedText(count);
const store = await openSqliteStore({ path: join(dir, "entente.db") });
await store.putOrganization({
	id: ORG,
	name: "bench",
	sectors: [],
	jurisdictions: [],
	createdAt: new Date().toISOString(),
});
const server = createServer((_request, response) =>
	response.writeHead(200, { "content-type": "text/plain" }).end(text),
);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.txt`;
const feed = defineFeed(
	{ name: "bench", url, format: "text" },
	{ organizationId: ORG, createdBy: "bench", now: new Date() },
);
await store.putFeed(feed);

let ms: number;
let stored: number;
if (mode === "feed") {
	const started = performance.now();
	const status = await pullFeed({ store, fetch: (u, init) => fetch(u, init), holder: "bench" }, feed.id);
	ms = performance.now() - started;
	if (status.outcome !== "updated") throw new Error(`the pull failed: ${status.error}`);
	stored = status.added;
} else {
	// The same indicators, built as they are handed to ingest() (as the pull builds them), from the values read
	// before the clock starts.
	const now = new Date().toISOString();
	const values = [...readTextFeed(text).values.values()];
	function* objects() {
		yield { index: 0, object: feedIdentity(feed) };
		for (let i = 0; i < values.length; i++) {
			yield { index: i + 1, object: valueIndicator(feed, values[i] as (typeof values)[number], now, now) };
		}
	}
	const started = performance.now();
	const report = await ingest(store, objects(), { provenance: { organizationId: ORG, source: "bench" } });
	ms = performance.now() - started;
	stored = report.counts.stored - 1;
}
server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
	`${JSON.stringify({ ms, stored, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
