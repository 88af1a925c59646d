// End to end in a real browser: the Feeds screen (D55). An admin subscribes to a free-text feed served over
// loopback, pulls it now and reads the outcome (values added, the line skipped and why), then sees a pull of a feed
// that answers HTML fail with the reason, nothing expired.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible } from "./support/accessibility.ts";
import {
	BROWSER_MISSING,
	type BrowserNode,
	browserMissing,
	browserRequired,
	startBrowserNode,
} from "./support/browser-node.ts";
import { type FeedServer, startFeedServer } from "./support/feed-server.ts";

if (browserMissing && browserRequired) {
	describe("web UI: feeds", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

describe("web UI: feeds", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;
	let feeds: FeedServer;

	before(
		async () => {
			feeds = await startFeedServer();
			feeds.files.set("/list.txt", { body: "# test list\n192.0.2.10\nevil[.]example.com\nnot a value\n" });
			node = await startBrowserNode("web-feeds", () => []);
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("nav-feeds").click();
			await page.waitForURL(`${node.url}/feeds`);
		},
		{ timeout: 60_000 },
	);

	after(async () => {
		await node?.stop();
		await feeds?.close();
	});

	it("refuses a non-http URL with the reason, then subscribes to a feed", async () => {
		await page.getByTestId("feeds-empty").waitFor();
		await page.getByTestId("feed-name").fill("test list");
		await page.getByTestId("feed-url").fill("ftp://example.org/list.txt");
		await page.getByTestId("feed-add").click();
		await page.getByText(/a feed is read over http or https, not 'ftp'/).waitFor();
		await page.getByTestId("feed-url").fill(`${feeds.url}/list.txt`);
		// On demand only, so that serve's schedule does not pull it before the test does.
		await page.getByLabel("Pull every (seconds)").fill("0");
		await page.getByTestId("feed-add").click();
		const row = page.getByTestId("feed-row");
		await row.getByText("never pulled").waitFor();
		assert.match((await row.textContent()) ?? "", /test list.*text · on demand/);
	});

	it("pulls it now and shows what was added and what was skipped", async () => {
		const row = page.getByTestId("feed-row");
		await row.getByTestId("feed-pull").click();
		await row.getByTestId("feed-outcome").getByText("updated").waitFor();
		assert.match(
			(await row.getByTestId("feed-counts").textContent()) ?? "",
			/2 added, 0 updated, 0 expired.*1 skipped/,
		);
		assert.match((await row.getByTestId("feed-problems").textContent()) ?? "", /line 4: 'not a value'/);
		await node.shot("f1-pulled");
		await assertAccessible(node.page, "f1-pulled");
	});

	it("shows a failed pull with its reason when the feed answers HTML", async () => {
		feeds.files.set("/list.txt", {
			body: "<!DOCTYPE html><html><body>Sign in</body></html>",
			contentType: "text/html",
		});
		const row = page.getByTestId("feed-row");
		await row.getByTestId("feed-pull").click();
		await row.getByTestId("feed-outcome").getByText("failed").waitFor();
		assert.match((await row.getByTestId("feed-error").textContent()) ?? "", /answered an HTML page/);
		await node.shot("f2-failed");
		await assertAccessible(node.page, "f2-failed");
		assert.deepEqual(node.problems, []);
	});
});
