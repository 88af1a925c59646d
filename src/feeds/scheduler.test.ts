// Scheduled pulls: two schedulers (two serve processes) over one store pull a due feed once, and leave a feed
// that is not due, or pulled on demand only, alone.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type FeedServer, startFeedServer } from "#test/support/feed-server.ts";
import { createLogger } from "../log/index.ts";
import { openSqliteStore } from "../store/index.ts";
import { defineFeed } from "./define-feed.ts";
import { FeedScheduler } from "./scheduler.ts";

const ORG = "identity--11111111-1111-4111-8111-111111111111";

describe("FeedScheduler", () => {
	let server: FeedServer;
	const dir = mkdtempSync(join(tmpdir(), "entente-feeds-"));
	before(async () => {
		server = await startFeedServer();
	});
	after(async () => {
		await server.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it("pulls a due feed once however many processes schedule it", async () => {
		const path = join(dir, "node.db");
		const first = await openSqliteStore({ path });
		const second = await openSqliteStore({ path });
		await first.putOrganization({
			id: ORG,
			name: "Us",
			sectors: [],
			jurisdictions: [],
			createdAt: "2026-01-01T00:00:00.000Z",
		});
		server.files.set("/due.txt", { body: "192.0.2.1\n192.0.2.2\n", delayMs: 100 });
		server.files.set("/manual.txt", { body: "192.0.2.3\n" });
		const owner = { organizationId: ORG, createdBy: "test", now: new Date() };
		const due = defineFeed(
			{ name: "due", url: `${server.url}/due.txt`, format: "text", intervalSeconds: 3600 },
			owner,
		);
		const manual = defineFeed(
			{ name: "manual", url: `${server.url}/manual.txt`, format: "text", intervalSeconds: 0 },
			owner,
		);
		await first.putFeed(due);
		await first.putFeed(manual);
		const logger = createLogger("silent");
		const schedulers = [first, second].map(
			(store, n) =>
				new FeedScheduler({
					store,
					fetch: (url, init) => fetch(url, init),
					logger,
					holder: `serve-${n}`,
					pollMs: 20,
				}),
		);
		for (const scheduler of schedulers) scheduler.start();
		const deadline = Date.now() + 10_000;
		while ((await first.getFeed(due.id))?.status === undefined && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await new Promise((resolve) => setTimeout(resolve, 300)); // rounds of both schedulers after the pull
		await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
		const status = (await first.getFeed(due.id))?.status;
		assert.equal(status?.added, 2);
		assert.ok(status?.nextPullAt !== undefined && Date.parse(status.nextPullAt) > Date.now() + 3500_000);
		assert.deepEqual(
			server.requests.map((request) => request.path),
			["/due.txt"],
			"one pull of the due feed; none of the feed pulled on demand",
		);
		await first.close();
		await second.close();
	});
});
