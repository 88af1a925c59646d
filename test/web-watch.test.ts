// End to end in a real browser: the Watch-list screen. Watch a block (and be told why a malformed one is refused),
// publish an indicator naming an address inside it, see the alert appear newest first with a link to the object,
// acknowledge it, and set a webhook (refused inside the node's network; the secret shown once).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { assertAccessible } from "./support/accessibility.ts";
import {
	BROWSER_MISSING,
	type BrowserNode,
	browserMissing,
	browserRequired,
	NCA,
	startBrowserNode,
} from "./support/browser-node.ts";

if (browserMissing && browserRequired) {
	describe("web UI: watch-list", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

const T = "2025-06-01T00:00:00.000Z";
const INDICATOR = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--6d1f3c2a-7a0e-4c43-9b7f-6a4f3c1de101",
	created_by_ref: NCA,
	created: T,
	modified: T,
	name: "Scanner hitting the office range",
	pattern: "[ipv4-addr:value = '198.51.100.7']",
	pattern_type: "stix",
	valid_from: T,
	object_marking_refs: [TLP2_DEFINITIONS.green.id],
};

describe("web UI: watch-list", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;

	before(
		async () => {
			node = await startBrowserNode("web-watch", () => []);
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("nav-watch").click();
			await page.waitForURL(`${node.url}/watch`);
		},
		{ timeout: 60_000 },
	);

	after(() => node?.stop());

	it("adds a watched block and explains why a malformed one is refused", async () => {
		await page.getByTestId("watch-value").fill("10.0.0.0/33");
		await page.getByTestId("watch-add").click();
		await page.getByText(/not a valid ipv4/).waitFor();
		await node.shot("w1-refused", false);
		await assertAccessible(node.page, "w1-refused");
		await page.getByTestId("watch-value").fill("198.51.100.0/24");
		await page.getByLabel("Label").fill("office");
		await page.getByTestId("watch-add").click();
		await page.getByTestId("watch-entries").getByText("198.51.100.0/24").waitFor();
		assert.equal(
			await page.getByText(/not a valid ipv4/).count(),
			0,
			"the refusal goes once the value is accepted",
		);
	});

	it("lists the alert when an object naming an address in the block is published, and acknowledges it", async () => {
		await page.getByTestId("alerts-empty").waitFor();
		await node.api("/objects", { method: "POST", body: { objects: [INDICATOR] } });
		const row = page.getByTestId("alert-row").first();
		for (let tries = 0; tries < 50 && (await row.count()) === 0; tries++) {
			await page.getByRole("button", { name: "Refresh" }).click();
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		await row.waitFor();
		assert.match(
			(await row.textContent()) ?? "",
			/198\.51\.100\.7.*198\.51\.100\.0\/24.*Scanner hitting the office range/,
		);
		await row.getByRole("button", { name: "Acknowledge" }).click();
		await row.getByText("seen").waitFor();
		assert.equal(
			await row.getByRole("link").getAttribute("href"),
			`/objects/${encodeURIComponent(INDICATOR.id)}`,
		);
	});

	it("refuses a webhook inside the node's network and shows a new one's secret once", async () => {
		await page.getByTestId("webhook-input").fill("https://169.254.169.254/latest/meta-data/");
		await page.getByRole("button", { name: "Set" }).click();
		await page.getByText(/link-local/).waitFor();
		await page.getByTestId("webhook-input").fill("https://siem.example.org/entente");
		await page.getByRole("button", { name: "Set" }).click();
		const secret = page.getByTestId("webhook-secret");
		await secret.waitFor();
		assert.match((await secret.textContent()) ?? "", /whsec_[A-Za-z0-9_-]{43}/);
		await page.getByTestId("webhook-url").getByText("https://siem.example.org/entente").waitFor();
		await node.shot("w2-watch-list");
		await assertAccessible(node.page, "w2-watch-list");
		assert.deepEqual(node.problems, []);
	});
});
