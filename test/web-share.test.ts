// End to end in a real browser: the Share screen. Paste a TLP:AMBER bundle (an indicator naming a victim's address
// and a report naming it), preview it against the REST preview, see invalid STIX located beside the JSON, publish
// after the confirmation, then open the stored report: its "who receives this" shows what the preview showed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
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
	describe("web UI: share", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

const T = "2025-06-01T00:00:00.000Z";
const AMBER = TLP2_DEFINITIONS.amber.id;
const VICTIM = {
	type: "indicator",
	spec_version: "2.1",
	id: "indicator--3f5a0a41-7a0e-4c43-9b7f-6a4f3c1de001",
	created_by_ref: NCA,
	created: T,
	modified: T,
	name: "Compromised council mail server",
	indicator_types: ["compromised"],
	pattern: "[ipv4-addr:value = '192.0.2.61']",
	pattern_type: "stix",
	valid_from: T,
	object_marking_refs: [AMBER],
};
const REPORT = {
	type: "report",
	spec_version: "2.1",
	id: "report--3f5a0a41-7a0e-4c43-9b7f-6a4f3c1de002",
	created_by_ref: NCA,
	created: T,
	modified: T,
	name: "Council compromise, week 22",
	report_types: ["indicator"],
	published: T,
	object_refs: [VICTIM.id],
	object_marking_refs: [AMBER],
};
const BUNDLE = {
	type: "bundle",
	id: "bundle--3f5a0a41-7a0e-4c43-9b7f-6a4f3c1de000",
	objects: [VICTIM, REPORT],
};
const PURPOSE = "crime-prevention";

interface DraftPreview {
	objects: {
		id: string;
		parties: { partyId: string; verdict: string }[];
		copies: Record<string, { outcome: string }>;
	}[];
}

/** Per party id, the verdict and (on the share screen) what would be sent, as the rows in `scope` show them. */
async function shownRows(scope: Locator): Promise<Record<string, string>> {
	await scope.getByTestId("receiver-row").first().waitFor();
	const rows = await scope.getByTestId("receiver-row").evaluateAll((elements) =>
		elements.map((row) => {
			const verdict = row.querySelector("[data-verdict]")?.getAttribute("data-verdict") ?? "";
			const copy = row.querySelector("[data-copy]")?.getAttribute("data-copy");
			return [
				row.getAttribute("data-party-id") ?? "",
				copy === null || copy === undefined ? verdict : `${verdict} ${copy}`,
			];
		}),
	);
	return Object.fromEntries(rows);
}

describe("web UI: share", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;
	const editor = () => page.getByTestId("share-json");
	const publishButton = () => page.getByTestId("share-publish");
	/** The report's verdicts per party in the preview, before anything was stored. */
	let previewedReport: Record<string, string> = {};

	before(
		async () => {
			node = await startBrowserNode("web-share", () => []);
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("nav-share").click();
			await page.waitForURL(`${node.url}/share`);
			await page.getByRole("combobox", { name: "For the purpose" }).click();
			await page.getByRole("option", { name: "crime prevention" }).click();
		},
		{ timeout: 60_000 },
	);

	after(() => node?.stop());

	/**
	 * A viewport screenshot once `selector` has faded in. Polled through page.evaluate with a string (no DOM types
	 * here), which CDP runs outside the page's CSP; waitForFunction would eval it in the page, which the CSP forbids.
	 */
	async function photographOpaque(name: string, selector: string): Promise<void> {
		const opaque = `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).opacity === "1"`;
		for (let tries = 0; tries < 40 && !(await page.evaluate(opaque)); tries++)
			await new Promise((resolve) => setTimeout(resolve, 50));
		await node.shot(name, false);
	}

	it("locates invalid STIX beside the JSON, and offers no publishing", async () => {
		const broken = { ...BUNDLE, objects: [{ ...VICTIM, pattern: "[ipv4-addr:value = " }, REPORT] };
		await editor().fill(JSON.stringify(broken, null, 2));
		await page.getByTestId("share-preview").click();
		const issue = page.getByTestId("draft-issue").first();
		await issue.waitFor();
		assert.equal(await issue.getAttribute("data-path"), "$.pattern");
		assert.equal(await issue.getAttribute("data-object"), "0");
		assert.match(
			(await issue.textContent()) ?? "",
			/#1 indicator “Compromised council mail server” · \$\.pattern/,
		);
		assert.equal(await publishButton().isDisabled(), true);
		await node.shot("s1-invalid");
		await assertAccessible(node.page, "s1-invalid");
	});

	it("writes the STIX of a new indicator from the form, with the chosen markings", async () => {
		await page.getByTestId("share-tab-form").click();
		await page.getByLabel("Name").fill("Phishing kit panel");
		await page.getByLabel("STIX pattern").fill("[domain-name:value = 'kit-panel.example.org']");
		await page.getByRole("combobox", { name: "TLP" }).click();
		await page.getByRole("option", { name: "TLP:GREEN" }).click();
		await node.shot("s2-form");
		await assertAccessible(node.page, "s2-form");
		await page.getByTestId("build-indicator").click();
		const written = JSON.parse(await editor().inputValue()) as { objects: Record<string, unknown>[] };
		const [built] = written.objects;
		assert.equal(built?.name, "Phishing kit panel");
		assert.equal(built?.created_by_ref, NCA);
		assert.deepEqual(built?.object_marking_refs, [
			TLP2_DEFINITIONS.green.id,
			"marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab",
		]);
		await page.getByTestId("share-preview").click();
		await page.getByTestId("draft-object").first().waitFor();
		assert.equal(await page.getByTestId("draft-issue").count(), 0);
	});

	it("previews the bundle with the verdicts and copies the REST preview gives, and stores nothing", async () => {
		await editor().fill(JSON.stringify(BUNDLE, null, 2));
		await page.getByTestId("share-preview").click();
		await page.getByTestId("draft-object").nth(1).waitFor();
		const expected = await node.api<DraftPreview>(`/policy/preview?purpose=${PURPOSE}`, {
			method: "POST",
			body: BUNDLE,
		});
		for (const object of expected.objects) {
			const card = page.locator(`[data-testid="draft-object"][data-object-id="${object.id}"]`);
			const rest = Object.fromEntries(
				object.parties.map((p) => [p.partyId, `${p.verdict} ${object.copies[p.partyId]?.outcome}`]),
			);
			assert.deepEqual(await shownRows(card), rest);
			if (object.id === REPORT.id)
				previewedReport = Object.fromEntries(object.parties.map((p) => [p.partyId, p.verdict]));
		}
		// The victim's address goes to some parties only in a rewritten pattern: the screen says so.
		assert.ok(
			Object.values(await shownRows(page.getByTestId("draft-object").first())).some((v) =>
				v.endsWith("changed"),
			),
		);
		assert.equal(await publishButton().isDisabled(), false);
		await node.shot("s2-preview");
		const found = await node.api<{ items: unknown[] }>(`/objects?type=report,indicator`);
		assert.equal(found.items.length, 0, "a preview stored something");
	});

	it("opens a party's decision and the copy it would be sent", async () => {
		const card = page.getByTestId("draft-object").first();
		// A party whose copy differs in its pattern: the victim's address is pseudonymised there.
		const changed = card
			.getByTestId("receiver-row")
			.filter({ has: page.locator('[data-copy="changed"]', { hasText: "pattern" }) })
			.first();
		await changed.getByTestId("explain-toggle").click();
		await card.getByTestId("trace-step").first().waitFor();
		assert.match(
			(await card.getByTestId("json-view").textContent()) ?? "",
			/"pattern": "\[ipv4-addr:value = '(?!192\.0\.2\.61)/,
		);
		await node.shot("s3-trace");
		await assertAccessible(node.page, "s3-trace");
	});

	it("asks for a preview again when the JSON changes", async () => {
		await editor().press("End");
		await editor().pressSequentially(" ");
		await page.getByTestId("preview-stale").waitFor();
		assert.equal(await publishButton().isDisabled(), true);
		await editor().fill(JSON.stringify(BUNDLE, null, 2));
		assert.equal(await publishButton().isDisabled(), false);
	});

	it("publishes after a confirmation naming who receives what, then links to the stored report", async () => {
		await publishButton().click();
		const summary = page.getByTestId("publish-summary");
		await summary.waitFor();
		assert.match(
			(await summary.textContent()) ?? "",
			/^\d of 8 parties will receive some of these 2 objects\.$/,
		);
		await photographOpaque("s4-confirm", ".mantine-Modal-content");
		await page.getByTestId("confirm-publish").click();
		await page.getByTestId("published").waitFor();
		await node.shot("s5-published");
		assert.equal(
			await page.getByTestId("draft-object").count(),
			0,
			"the preview should be gone once published",
		);
		assert.equal(await publishButton().isDisabled(), true);
		await page.locator(`[data-testid="published-link"]:text("${REPORT.id}")`).click();
		await page.waitForURL(`${node.url}/objects/${REPORT.id}?tab=receivers`);
		const expected = await node.api<{ parties: { partyId: string; verdict: string }[] }>(
			`/policy/preview?object=${REPORT.id}&purpose=${PURPOSE}`,
		);
		const stored = await shownRows(page.locator("body"));
		assert.deepEqual(stored, Object.fromEntries(expected.parties.map((p) => [p.partyId, p.verdict])));
		assert.deepEqual(stored, previewedReport);
		await node.shot("s6-stored-report");
	});

	it("ran without page errors or Content-Security-Policy violations", () => {
		assert.deepEqual(node.problems, []);
	});
});
