// End to end in a real browser (issue 16 §7): an empty node's Objects screen says how to get intelligence in, and
// a marking the catalogue does not pin (a statement) is shown by its first words, never by its id.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
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
	describe("web UI: first run", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

const T = "2025-06-01T00:00:00.000Z";
const STATEMENT = {
	type: "marking-definition",
	spec_version: "2.1",
	id: "marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168",
	created_by_ref: NCA,
	created: T,
	definition_type: "statement",
	definition: { statement: "Copyright 2025 UK NCA. Not for onward sharing." },
};
const INDICATOR = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--6d1f3c2a-7a0e-4c43-9b7f-6a4f3c1de102",
	created_by_ref: NCA,
	created: T,
	modified: T,
	name: "Marked by a statement",
	pattern: "[ipv4-addr:value = '198.51.100.9']",
	pattern_type: "stix",
	valid_from: T,
	object_marking_refs: [STATEMENT.id],
};

describe("web UI: first run", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;

	before(
		async () => {
			node = await startBrowserNode("web-first-run", () => []);
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
		},
		{ timeout: 120_000 },
	);

	after(() => node?.stop());

	it("tells an empty node's user how to get intelligence in", async () => {
		const card = page.getByTestId("first-run");
		await card.waitFor();
		for (const way of ["Import a file", "Subscribe to a feed", "Connect a partner"]) {
			await card.getByText(way).waitFor();
		}
		await node.shot("first-run", false);
		await assertAccessible(node.page, "first-run");
	});

	it("names a statement marking by its first words, and the empty-node card goes", async () => {
		await node.api("/objects", { method: "POST", body: { objects: [STATEMENT, INDICATOR] } });
		await page.goto(`${node.url}/objects/${INDICATOR.id}`);
		await page.getByText("Copyright 2025 UK NCA. Not…").first().waitFor();
		const text = (await page.locator("body").textContent()) ?? "";
		assert.doesNotMatch(text, /marking fa42a846|fa42a846…/, "no raw marking id on the screen");
		await page.goto(`${node.url}/`);
		await page.getByText("Marked by a statement").waitFor();
		assert.equal(await page.getByTestId("first-run").count(), 0);
		assert.deepEqual(node.problems, []);
	});
});
