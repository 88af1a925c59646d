// End to end in a real browser: the Quarantine screen (D65). A second publish of two stored (id, version)s with other
// content makes two real conflicts; the admin opens one from the keyboard, reads the two versions side by side (the
// changed field marked), accepts it with a note (the stored version is replaced) and rejects the other.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
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

const T = "2025-04-01T00:00:00.000Z";
const indicator = (n: number, name: string) => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--9b000000-0000-4000-8000-00000000000${n}`,
	created_by_ref: NCA,
	created: T,
	modified: T,
	name,
	pattern: `[domain-name:value = 'c2-${n}.example']`,
	pattern_type: "stix",
	valid_from: T,
	object_marking_refs: ["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"],
});

if (browserMissing && browserRequired) {
	describe("web UI: quarantine", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

describe("web UI: quarantine", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;

	before(
		async () => {
			node = await startBrowserNode("web-quarantine", (dir) => {
				const file = join(dir, "first.json");
				writeFileSync(
					file,
					JSON.stringify({
						type: "bundle",
						id: "bundle--9b000000-0000-4000-8000-0000000000ff",
						objects: [indicator(1, "C2 one"), indicator(2, "C2 two")],
					}),
				);
				return [file];
			});
			page = node.page;
			const published = await node.api<{ results: { status: string }[] }>("/objects", {
				method: "POST",
				body: { objects: [indicator(1, "C2 one, renamed"), indicator(2, "C2 two, forged")] },
			});
			assert.deepEqual(
				published.results.map((result) => result.status),
				["quarantined", "quarantined"],
			);
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("nav-quarantine").click();
			await page.waitForURL(`${node.url}/quarantine`);
		},
		{ timeout: 90_000 },
	);

	after(async () => {
		await node?.stop();
	});

	it("lists both conflicts, held, and opens one from the keyboard with both versions side by side", async () => {
		const rows = page.getByTestId("quarantine-row");
		await rows.nth(1).waitFor();
		assert.equal(await rows.count(), 2);
		assert.match(
			(await rows.nth(1).textContent()) ?? "",
			/conflict.*9b000000-0000-4000-8000-000000000001.*held/,
		);
		await rows.nth(1).getByTestId("quarantine-open").focus();
		await page.keyboard.press("Enter");
		const detail = page.getByTestId("quarantine-detail");
		await detail.getByTestId("diff-held").getByText("C2 one, renamed").waitFor();
		assert.match((await detail.getByTestId("diff-stored").textContent()) ?? "", /"C2 one"/);
		const changed = detail.getByTestId("diff-changed");
		assert.equal(await changed.count(), 2, "name differs, in each column");
		assert.match((await changed.first().textContent()) ?? "", /name.*differs/);
		assert.match((await detail.getByTestId("quarantine-reason").textContent()) ?? "", /name/);
		await assertAccessible(page, "quarantine");
		await node.shot("q1-detail");
	});

	it("accepts it with a note from the keyboard: the stored version is replaced and the decision recorded", async () => {
		const detail = page.getByTestId("quarantine-detail");
		await detail.getByTestId("quarantine-note").focus();
		await page.keyboard.type("the producer's correction");
		await page.keyboard.press("Tab");
		await page.keyboard.press("Enter");
		await detail.getByTestId("quarantine-detail-state").getByText("accepted").waitFor();
		assert.match(
			(await detail.getByTestId("quarantine-history").textContent()) ?? "",
			/accept \(the producer's correction\)/,
		);
		const object = await node.api<{ object: { name: string } }>(`/objects/${indicator(1, "").id}`);
		assert.equal(object.object.name, "C2 one, renamed");
	});

	it("rejects the other; filtered to held, nothing is left", async () => {
		await page.getByTestId("quarantine-row").nth(0).getByTestId("quarantine-open").click();
		const detail = page.getByTestId("quarantine-detail");
		await detail.getByTestId("diff-held").getByText("C2 two, forged").waitFor();
		await detail.getByTestId("quarantine-reject").click();
		await detail.getByTestId("quarantine-detail-state").getByText("rejected").waitFor();
		await page.getByTestId("quarantine-empty").waitFor();
		const object = await node.api<{ object: { name: string } }>(`/objects/${indicator(2, "").id}`);
		assert.equal(object.object.name, "C2 two");
		await assertAccessible(page, "quarantine");
		assert.deepEqual(node.problems, []);
	});
});
