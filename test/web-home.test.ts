// End to end in a real browser (issue 16 §4 and §7, D67): an empty node's first-run card loads the sample set in one
// click; Home then charts what came in, by organisation and by marking, with a table for each chart; a count in the
// table, followed from the keyboard, opens the Objects screen filtered to that day and marking; axe passes on Home.
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

if (browserMissing && browserRequired) {
	describe("web UI: home", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

describe("web UI: home", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;

	before(
		async () => {
			node = await startBrowserNode("web-home", () => []);
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
		},
		{ timeout: 120_000 },
	);

	after(() => node?.stop());

	it("loads the sample set from the empty node's first-run card in one click", async () => {
		const card = page.getByTestId("first-run");
		await card.waitFor();
		await card.getByRole("button", { name: "Load a sample set" }).click();
		await card
			.getByRole("status")
			.getByText(/Loaded the sample set: 50 of 50 objects stored/)
			.waitFor();
		await node.shot("home-01-sample-loaded", false);
		const again = await node.api<{ alreadyLoaded: boolean }>("/samples", { method: "POST", body: {} });
		assert.equal(again.alreadyLoaded, true);
	});

	it("shows Home first in the navigation, with the charts of what came in, and passes axe", async () => {
		await page.getByTestId("first-run").getByRole("link", { name: "see it on Home" }).click();
		await page.waitForURL(`${node.url}/home`);
		const marking = page.getByTestId("chart-in-marking");
		// The intake counter follows the commit log in the background: Home asks again every 15 s.
		await marking.getByText(/50 objects over 30 days: .*TLP:AMBER/).waitFor({ timeout: 40_000 });
		await marking.locator(".recharts-surface").first().waitFor();
		await page
			.getByTestId("chart-in-party")
			.getByText(/UK National Crime Agency \(National Cyber Crime Unit\) 50/)
			.waitFor();
		await page.getByTestId("home-peers").getByText("No peers yet").waitFor();
		const nav = await page.getByRole("navigation").getByRole("link").allTextContents();
		assert.match(nav[0] ?? "", /^Home/);
		await node.shot("home-02-charts");
		// The screen's own content (#main); the shell's contrast is issue 16's every-screen pass (D68).
		await assertAccessible(page, "home");
	});

	it("opens the list behind a count from the keyboard: the objects stored that day with that marking", async () => {
		const marking = page.getByTestId("chart-in-marking");
		await marking.getByText("Table", { exact: true }).click();
		const today = new Date().toISOString().slice(0, 10);
		const link = marking.getByRole("link", { name: new RegExp(`TLP:AMBER, ${today}: open the list`) });
		await assertAccessible(page, "home (tables)");
		await link.focus();
		await page.keyboard.press("Enter");
		await page.waitForURL(/\/objects\?added=.*&marking=TLP%3AAMBER/);
		await page.getByTestId("objects-filter").getByText(`stored on ${today} and marked TLP:AMBER`).waitFor();
		await page.getByText("Glass Heron", { exact: true }).first().waitFor();
		// A TLP:CLEAR attack pattern of the set is not in this list.
		assert.equal(await page.getByText("Spearphishing Attachment").count(), 0);
		await node.shot("home-03-list-behind");
		assert.deepEqual(node.problems, []);
	});

	it("a bar of the chart opens its list too", async () => {
		await page.goto(`${node.url}/home`);
		const party = page.getByTestId("chart-in-party");
		await party.locator(".recharts-bar-rectangle path").first().click();
		await page.waitForURL(/\/objects\?added=/);
		assert.deepEqual(node.problems, []);
	});
});
