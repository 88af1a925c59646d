// The search screens in Chromium: suggestions as you type open a value's page (where it appears, by source, the
// warninglists it is on, its sightings over time), an object's correlations tab, and the Match screen answering a
// pasted list as the REST POST /match does, with a warninglist badge per value on one.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { sampleIntel } from "../src/demo/index.ts";
import { assertAccessible } from "./support/accessibility.ts";
import {
	BROWSER_MISSING,
	type BrowserNode,
	browserMissing,
	browserRequired,
	NCA,
	startBrowserNode,
} from "./support/browser-node.ts";

const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
/** An address an NCA indicator names (in RFC 5737's documentation range: on a built-in warninglist). */
const C2 = "198.51.100.23";
/** The NCA's indicator naming C2. */
const C2_INDICATOR = "indicator--07de4dc7-c17c-4436-93d2-298d34942dc7";
const TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

if (browserMissing && browserRequired) {
	describe("search screens in Chromium", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

interface ValuePageAnswer {
	total: number;
	objects: { object: { id: string } }[];
	warninglists: { list: string }[];
	sightings: { objects: number; score: { value: number }; kinds: { seen: { count: number } } };
}
interface MatchAnswer {
	matched: number;
	values: number;
	results: { input: string; total: number; warninglists?: { list: string }[] }[];
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
		await node.api("/sightings", {
			method: "POST",
			body: { sighting_of_ref: C2_INDICATOR, kind: "seen", count: 3, object_marking_refs: [TLP_GREEN] },
		});
		await page.getByTestId("search-input").fill("198.51.100.2");
		// What was typed is a documentation address: flagged in the suggestions already.
		await page.getByTestId("suggestion-warninglist").waitFor();
		await page.getByRole("option", { name: new RegExp(C2.replaceAll(".", "\\.")) }).click();
		await page.waitForURL(`${node.url}/values/ipv4/${C2}`);
		const rest = await node.api<ValuePageAnswer>(`/values/ipv4/${C2}`);
		assert.ok(rest.total > 0);
		await page.getByTestId("value-objects").waitFor();
		const shown = await page.getByTestId("value-objects").locator("tbody tr").count();
		assert.equal(shown, rest.objects.length);
		await page.getByTestId("by-source").waitFor();
		// The warninglist first, naming each list the REST answer names.
		assert.ok(rest.warninglists.length > 0);
		await page.getByTestId("value-warninglists").waitFor();
		const listed = await page.getByTestId("value-warninglist").allTextContents();
		assert.deepEqual(
			listed.map((text) => rest.warninglists.find((hit) => text.startsWith(hit.list))?.list),
			rest.warninglists.map((hit) => hit.list),
		);
		// The sightings as REST counts them, with the chart over time.
		assert.equal(rest.sightings.kinds.seen.count, 3);
		await page.getByTestId("value-sightings").waitFor();
		assert.equal(await page.getByTestId("sightings-score").textContent(), String(rest.sightings.score.value));
		assert.equal(await page.getByTestId("sightings-count-seen").textContent(), "3 seen");
		await page.getByTestId("sightings-chart").waitFor();
		await node.shot("search-01-value-page");
		await assertAccessible(node.page, "search-01-value-page");
	});

	it("opens an object's correlations from the value's page", async () => {
		await page.getByTestId("value-objects").locator("tbody tr a").first().click();
		await page.getByTestId("tab-correlations").click();
		await page.getByTestId("correlations").waitFor();
		await node.shot("search-02-correlations");
		await assertAccessible(node.page, "search-02-correlations");
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
		// A warninglist badge per value on one (C2 and the documentation domains), matched all the same.
		const flagged = rest.results.flatMap((row) => row.warninglists ?? []).length;
		assert.ok((rest.results[0]?.warninglists?.length ?? 0) > 0 && (rest.results[0]?.total ?? 0) > 0);
		assert.equal(await page.getByTestId("match-warninglist").count(), flagged);
		await node.shot("search-03-match");
		await assertAccessible(node.page, "search-03-match");
		assert.deepEqual(node.problems, []);
	});
});
