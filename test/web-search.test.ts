// The search screens in Chromium: suggestions as you type open a value's page (where it appears, by source),
// an object's correlations tab, and the Match screen answering a pasted list as the REST POST /match does.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { sampleIntel } from "../src/demo/index.ts";
import {
	BROWSER_MISSING,
	type BrowserNode,
	browserMissing,
	browserRequired,
	NCA,
	startBrowserNode,
} from "./support/browser-node.ts";

const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
/** An address an NCA indicator names. */
const C2 = "198.51.100.23";

if (browserMissing && browserRequired) {
	describe("search screens in Chromium", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

interface ValuePageAnswer {
	total: number;
	objects: { object: { id: string } }[];
}
interface MatchAnswer {
	matched: number;
	values: number;
	results: { input: string; total: number }[];
}

describe("search screens in Chromium", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;

	before(
		async () => {
			node = await startBrowserNode("web-search", (dir) => {
				const bundle = join(dir, "sample.json");
				const objects = [...sampleIntel("uk-nca", NCA), ...sampleIntel("us-fbi", FBI)];
				writeFileSync(
					bundle,
					JSON.stringify({ type: "bundle", id: "bundle--0b6f0f4c-2d5e-4f38-9b58-0c6f3d1a7e22", objects }),
				);
				return [bundle];
			});
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("who-am-i").waitFor();
		},
		{ timeout: 60_000 },
	);
	after(() => node?.stop());

	it("suggests as you type and opens a value's page with what names it, by source", async () => {
		await page.getByTestId("search-input").fill("198.51.100.2");
		await page.getByRole("option", { name: new RegExp(C2.replaceAll(".", "\\.")) }).click();
		await page.waitForURL(`${node.url}/values/ipv4/${C2}`);
		const rest = await node.api<ValuePageAnswer>(`/values/ipv4/${C2}`);
		assert.ok(rest.total > 0);
		await page.getByTestId("value-objects").waitFor();
		const shown = await page.getByTestId("value-objects").locator("tbody tr").count();
		assert.equal(shown, rest.objects.length);
		await page.getByTestId("by-source").waitFor();
		await node.shot("search-01-value-page");
	});

	it("opens an object's correlations from the value's page", async () => {
		await page.getByTestId("value-objects").locator("tbody tr a").first().click();
		await page.getByTestId("tab-correlations").click();
		await page.getByTestId("correlations").waitFor();
		await node.shot("search-02-correlations");
	});

	it("matches a pasted list as POST /match does", async () => {
		await page.getByTestId("nav-match").click();
		// A sub-domain of the NCA's phishing domain matches it as its parent domain.
		const list = [C2, "login.parcel-redelivery[.]example[.]com", "192[.]0[.]2[.]1", "not a value"];
		await page.getByTestId("match-input").fill(list.join("\n"));
		await page.getByTestId("match-submit").click();
		await page.getByTestId("match-results").waitFor();
		const rest = await node.api<MatchAnswer>("/match", {
			method: "POST",
			body: { values: list.join(" ").split(" ") },
		});
		assert.equal(rest.results[1]?.total, 1, "the parent domain");
		const summary = (await page.getByTestId("match-summary").textContent()) ?? "";
		assert.match(summary, new RegExp(`^${rest.matched} of ${rest.values} values match`));
		assert.equal(
			await page.locator('[data-testid="match-results"] tr[data-matched="true"]').count(),
			rest.matched,
		);
		await node.shot("search-03-match");
		assert.deepEqual(node.problems, []);
	});
});
