// The sightings panel in a real browser (D49): an indicator's score and its words, the chart over time, and the
// buttons that record seen / false positive / expired — each checked against the REST answer it shows.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { sampleIntel } from "../src/demo/index.ts";
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

/** An AMBER indicator of the NCA's sample intel. */
const COBALT = "indicator--83cab8fe-5d13-4083-b990-71e1b5891661";
const DAY_MS = 86_400_000;

if (browserMissing && browserRequired) {
	describe("sightings panel in Chromium", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

interface Sightings {
	kinds: Record<string, { count: number }>;
	score: { value: number; status: string };
	explanation: string;
	timeline: { day: string }[];
}

describe("sightings panel in Chromium", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;
	const rest = () => node.api<Sightings>(`/objects/${COBALT}/sightings`);
	const shown = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? "";

	before(
		async () => {
			node = await startBrowserNode("web-sightings", (dir) => {
				const bundle = join(dir, "sample.json");
				const objects = sampleIntel("uk-nca", NCA);
				writeFileSync(
					bundle,
					JSON.stringify({ type: "bundle", id: "bundle--7d1e3c2a-5b4f-4e6d-8c9a-0b1c2d3e4f50", objects }),
				);
				return [bundle];
			});
			page = node.page;
			// Two earlier sightings, so the chart spans days.
			for (const [daysAgo, count] of [
				[9, 4],
				[3, 2],
			] as const) {
				const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString().replace(/\.\d+Z$/, "Z");
				await node.api("/sightings", {
					method: "POST",
					body: {
						sighting_of_ref: COBALT,
						kind: "seen",
						count,
						last_seen: at,
						object_marking_refs: [TLP2_DEFINITIONS.amber.id],
					},
				});
			}
		},
		{ timeout: 60_000 },
	);

	after(() => node?.stop());

	it("shows the score, its words and a bar per reported day, as the REST answer says", async () => {
		await page.goto(`${node.url}/`);
		await page.getByLabel("API token").fill(node.token);
		await page.getByRole("button", { name: "Sign in" }).click();
		await page.getByTestId("who-am-i").waitFor();
		await page.goto(`${node.url}/objects/${COBALT}?tab=sightings`);
		await page.getByTestId("sightings-panel").waitFor();
		const expected = await rest();
		assert.equal(await shown("sightings-explanation"), expected.explanation);
		assert.equal(await shown("sightings-score"), String(expected.score.value));
		assert.match(expected.explanation, /^Seen 6 times by 1 organisation, last 3 days ago\./);
		const days = await page
			.locator('[data-testid="sightings-chart"] rect[data-kind="seen"]')
			.evaluateAll((bars) =>
				bars.map((bar) => `${bar.getAttribute("data-day")} ${bar.getAttribute("data-count")}`),
			);
		assert.deepEqual(
			days,
			expected.timeline.map((day) => `${day.day} ${(day as unknown as { seen: number }).seen}`),
		);
	});

	it("records seen, a false positive and an expiry with the buttons; the panel follows", async () => {
		await page.getByTestId("sighting-count").fill("3");
		await page.getByTestId("record-seen").click();
		await page.getByTestId("sighting-recorded").waitFor();
		await page.getByText("9 seen").waitFor();
		const afterSeen = await rest();
		assert.equal(afterSeen.kinds.seen?.count, 9);
		await page.getByTestId("sighting-count").fill("1");
		await page.getByTestId("record-false-positive").click();
		await page.getByText("1 false positive", { exact: true }).waitFor();
		const afterFalsePositive = await rest();
		assert.ok(afterFalsePositive.score.value < afterSeen.score.value, "a false positive lowers the score");
		assert.equal(await shown("sightings-explanation"), afterFalsePositive.explanation);
		await node.shot("sightings-panel");
		await assertAccessible(node.page, "sightings-panel");
		await page.getByTestId("record-expired").click();
		await page.getByTestId("sightings-status").getByText("expired").waitFor();
		const afterExpiry = await rest();
		assert.deepEqual([afterExpiry.score.value, afterExpiry.score.status], [0, "expired"]);
		assert.equal(await shown("sightings-score"), "0");
		assert.match(
			await shown("sightings-explanation"),
			/expired: an expiry was reported after the last sighting/,
		);
		await node.shot("sightings-expired");
		assert.deepEqual(node.problems, []);
	});
});
