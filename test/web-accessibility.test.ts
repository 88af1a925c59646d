// Issue 16's accessibility targets, end to end in Chromium against a real node (its CSP and all): the axe check can
// fail (a broken page under the same CSP is caught), every screen in SCREENS passes it, and an analyst can sign in,
// reach every section, search, open an object, switch its tabs and open and close dialogs with the keyboard alone,
// always seeing where the focus is.
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
import { SCREENS, type ScreenSample } from "./support/screens.ts";

const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const REPORT = "report--2d198b78-7b95-49d7-8f83-0f5edb1fd2bc";
/** A C2 address the sample intel's indicators name. */
const C2 = "198.51.100.23";
const SAMPLE: ScreenSample = { object: REPORT, valueKind: "ipv4", value: C2, query: "qakbot" };
const T = "2025-06-01T00:00:00.000Z";
const DRAFT = {
	type: "bundle",
	id: "bundle--6a1e3c2a-7a0e-4c43-9b7f-6a4f3c1de200",
	objects: [
		{
			type: "indicator",
			spec_version: "2.1",
			id: "indicator--6a1e3c2a-7a0e-4c43-9b7f-6a4f3c1de201",
			created_by_ref: NCA,
			created: T,
			modified: T,
			name: "Keyboard-only draft",
			pattern: "[domain-name:value = 'kbd.example.org']",
			pattern_type: "stix",
			valid_from: T,
			object_marking_refs: ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],
		},
	],
};

if (browserMissing && browserRequired) {
	describe("web UI: accessibility", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

/** What the focused element is, for assertions and messages (a string: this file has no DOM types). */
const FOCUSED = `(() => {
	const element = document.activeElement;
	if (element === null || element === document.body) return { testid: "", label: "(body)", visible: false };
	const style = getComputedStyle(element);
	const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
	// Mantine's inputs show focus by their border in the primary colour instead of an outline.
	const probe = document.createElement("span");
	probe.style.color = "var(--mantine-primary-color-filled)";
	document.body.append(probe);
	const primary = getComputedStyle(probe).color;
	probe.remove();
	const field = element.matches("input, textarea") && style.borderColor === primary;
	return {
		testid: element.getAttribute("data-testid") ?? "",
		label: (element.getAttribute("aria-label") ?? element.textContent ?? element.tagName).trim().slice(0, 60),
		visible: ring || field,
	};
})()`;

interface Focused {
	testid: string;
	label: string;
	visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
	return (await page.evaluate(FOCUSED)) as Focused;
}

/** Whether the focused element matches `selector`. */
async function focusIs(page: Page, selector: string): Promise<boolean> {
	return (await page.evaluate(
		`document.activeElement !== null && document.activeElement.matches(${JSON.stringify(selector)})`,
	)) as boolean;
}

/** Waits (polling; the page's CSP forbids waitForFunction's eval) until the focus is on `selector`. */
async function focusLandsOn(page: Page, selector: string): Promise<void> {
	for (let tries = 0; tries < 100; tries++) {
		if (await focusIs(page, selector)) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	assert.fail(`the focus is on ${JSON.stringify(await focused(page))}, not ${selector}`);
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until the focus is on `selector`, asserting at each stop that the focus
 * is visible; fails when it is not reached within `limit` presses.
 */
async function tabTo(page: Page, selector: string, options: { backwards?: boolean; limit?: number } = {}) {
	const stops: string[] = [];
	for (let press = 0; press < (options.limit ?? 60); press++) {
		await page.keyboard.press(options.backwards === true ? "Shift+Tab" : "Tab");
		let now = await focused(page);
		// Mantine's inputs fade their focused border in (a 100 ms transition).
		for (let wait = 0; wait < 10 && !now.visible; wait++) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			now = await focused(page);
		}
		stops.push(now.testid === "" ? now.label : now.testid);
		assert.ok(now.visible, `no visible focus on ${stops.at(-1)} (stops: ${stops.join(" → ")})`);
		if (await focusIs(page, selector)) return;
	}
	assert.fail(`Tab never reached ${selector}; stops: ${stops.join(" → ")}`);
}

describe("web UI: accessibility", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;

	before(
		async () => {
			node = await startBrowserNode("web-accessibility", (dir) => {
				const bundle = join(dir, "sample.json");
				const objects = [...sampleIntel("uk-nca", NCA), ...sampleIntel("us-fbi", FBI)];
				writeFileSync(
					bundle,
					JSON.stringify({ type: "bundle", id: "bundle--6a1e3c2a-7a0e-4c43-9b7f-6a4f3c1de2ff", objects }),
				);
				return [bundle];
			});
			page = node.page;
		},
		{ timeout: 120_000 },
	);

	after(() => node?.stop());

	it("fails a page with serious violations, checked under the node's own CSP", async () => {
		await page.goto(`${node.url}/`);
		await page.getByLabel("API token").waitFor();
		await assertAccessible(page, "sign-in");
		// Broken on purpose, through the DOM (CDP runs this outside the page's CSP; the style goes through the CSSOM).
		await page.evaluate(`(() => {
			const button = document.createElement("button");
			button.id = "nameless";
			document.body.append(button);
			const faint = document.createElement("p");
			faint.textContent = "Faint grey words on white";
			faint.style.color = "#cccccc";
			faint.style.background = "#ffffff";
			document.body.append(faint);
		})()`);
		await assert.rejects(assertAccessible(page, "broken on purpose"), (error: Error) => {
			assert.match(error.message, /^broken on purpose: serious accessibility violations/);
			assert.match(error.message, /button-name \(critical\)[\s\S]*#nameless/);
			assert.match(error.message, /color-contrast \(serious\)[\s\S]*1\.6/);
			return true;
		});
	});

	it("signs in, reaches every section, searches, opens an object and switches its tabs with the keyboard alone", async () => {
		await page.goto(`${node.url}/`);
		await page.getByLabel("API token").waitFor();
		// The token field has the focus on arrival; Enter submits the form.
		assert.ok(await focusIs(page, "input[type=password]"), JSON.stringify(await focused(page)));
		await page.keyboard.type(node.token);
		await page.keyboard.press("Enter");
		await page.locator("tr[data-object-id]").first().waitFor();
		// The first stop is the skip link, shown when focused; Enter moves the focus to the screen.
		await tabTo(page, ".skip-link", { limit: 1 });
		assert.equal(await page.locator(".skip-link").evaluate((link) => link.getBoundingClientRect().top), 8);
		await page.keyboard.press("Enter");
		await focusLandsOn(page, "#main");
		// Every section the navigation lists (a new one is walked too): back from the screen into the navigation,
		// then one section after another…
		const sections = (await page
			.locator("[data-testid^=nav-]")
			.evaluateAll((links) =>
				links.map((link) => [link.getAttribute("data-testid"), link.getAttribute("href")]),
			)) as [string, string][];
		assert.ok(sections.length >= 7, JSON.stringify(sections));
		const [first] = sections[0] ?? [];
		await tabTo(page, `[data-testid=${first}]`, { backwards: true });
		// …ending on Objects, whose search "/" focuses.
		const objects = sections.find(([testid]) => testid === "nav-objects");
		assert.ok(objects !== undefined);
		for (const [index, [testid, href]] of [...sections, objects].entries()) {
			if (index > 0) await tabTo(page, `[data-testid=${testid}]`, { backwards: index === sections.length });
			await page.keyboard.press("Enter");
			await page.waitForURL((url) => url.pathname === href);
			assert.ok(await focusIs(page, `[aria-current=page][data-testid=${testid}]`), testid);
		}
		// "/" focuses the search; Enter runs it.
		await page.keyboard.press("/");
		assert.ok(await focusIs(page, "[data-testid=search-input]"));
		await page.keyboard.type("qakbot");
		await page.keyboard.press("Enter");
		await page.waitForURL(/\/objects\?q=qakbot$/);
		await page.getByText(/^[1-9]\d* object\(s\) loaded$/).waitFor();
		// The first result's link, then the arrow keys move between rows; Enter opens one.
		await tabTo(page, "[data-testid=object-link]");
		await page.keyboard.press("ArrowDown");
		await focusLandsOn(page, "tr[data-index='1'] [data-testid=object-link]");
		await page.keyboard.press("ArrowUp");
		await focusLandsOn(page, "tr[data-index='0'] [data-testid=object-link]");
		const opened = await page.evaluate(`document.activeElement.closest("tr").getAttribute("data-object-id")`);
		await page.keyboard.press("Enter");
		await page.waitForURL(new RegExp(`/objects/${opened}$`));
		await page.getByTestId("object-fields").waitFor();
		// The tabs: Tab reaches the selected one, the arrow keys select the others.
		await tabTo(page, "[data-testid=tab-overview]");
		await page.keyboard.press("ArrowRight");
		await page.waitForURL(/\?tab=receivers$/);
		await page.getByTestId("receiver-row").first().waitFor();
		await page.keyboard.press("ArrowRight");
		await page.waitForURL(/\?tab=graph$/);
		// Chromium's software WebGL on a loaded machine can take seconds to draw.
		await page.locator("[data-testid=graph-canvas] canvas").first().waitFor({ timeout: 30_000 });
		await focusLandsOn(page, "[data-testid=tab-graph]");
		// The graph's canvas is a picture: its neighbours are links below it, in the Tab order.
		await tabTo(page, "[data-testid=neighbour] a, [data-testid=referrer] a");
		assert.deepEqual(node.problems, []);
	});

	it("opens and closes the account menu and the publish dialog by keyboard, the focus returning each time", async () => {
		await page.goto(`${node.url}/share`);
		await page.getByTestId("share-json").waitFor();
		await tabTo(page, "[data-testid=who-am-i]");
		await page.keyboard.press("Enter");
		await page.getByTestId("my-party").waitFor();
		await assertAccessible(page, "account menu open");
		await page.keyboard.press("Escape");
		await page.getByTestId("my-party").waitFor({ state: "hidden" });
		await focusLandsOn(page, "[data-testid=who-am-i]");
		// A draft pasted into the editor, previewed, then the publish dialog opened and dismissed.
		await tabTo(page, "[data-testid=share-json]");
		await page.keyboard.insertText(JSON.stringify(DRAFT, null, 2));
		await tabTo(page, "[data-testid=share-preview]");
		await page.keyboard.press("Enter");
		await page.getByTestId("draft-object").first().waitFor();
		await assertAccessible(page, "share: previewed draft");
		await tabTo(page, "[data-testid=share-publish]");
		await page.keyboard.press("Enter");
		const dialog = page.getByRole("dialog");
		await dialog.waitFor();
		await focusLandsOn(page, "[role=dialog] *");
		await page.getByTestId("publish-summary").waitFor();
		await assertAccessible(page, "publish dialog open");
		await page.keyboard.press("Escape");
		await dialog.waitFor({ state: "hidden" });
		await focusLandsOn(page, "[data-testid=share-publish]");
	});

	it("passes axe on every screen: no serious or critical violation", async () => {
		for (const screen of SCREENS) {
			await page.goto(`${node.url}${screen.path(SAMPLE)}`);
			await page.locator(screen.shown).first().waitFor({ timeout: 30_000 });
			await assertAccessible(page, screen.name);
			await node.shot(`a11y-${screen.name.replace(/\W+/g, "-")}`, false);
		}
		// States a screen reaches after input: an empty result, suggestions, a party's trace, rows found, matches.
		await page.goto(`${node.url}/objects?q=no-such-thing-anywhere`);
		await page.getByTestId("objects-none").waitFor();
		await assertAccessible(page, "objects: no results");
		await page.getByTestId("search-input").fill("Operation EX");
		await page.getByRole("option", { name: /Operation EXAMPLE/ }).waitFor();
		await assertAccessible(page, "objects: suggestions open");
		await page.goto(`${node.url}/objects/${REPORT}?tab=receivers`);
		await page.getByTestId("explain-toggle").first().click();
		await page.getByTestId("trace-step").first().waitFor();
		await assertAccessible(page, "object: a party's trace open");
		await page.goto(`${node.url}/import`);
		await page.getByTestId("import-text").fill(`C2 at ${C2} and hxxp://kbd[.]example[.]org/login`);
		await page.getByTestId("import-find").click();
		await page.getByTestId("import-row").first().waitFor();
		await assertAccessible(page, "import: rows found");
		await page.goto(`${node.url}/match`);
		await page.getByTestId("match-input").fill(`${C2}\n203.0.113.250`);
		await page.getByTestId("match-submit").click();
		await page.getByTestId("match-summary").waitFor();
		await assertAccessible(page, "match: results");
		await page.goto(`${node.url}/watch`);
		await page.getByTestId("watch-value").fill("198.51.100.0/24");
		await page.getByTestId("watch-add").click();
		await page.getByTestId("watch-entries").getByText("198.51.100.0/24").waitFor();
		await assertAccessible(page, "watch: an entry");
		assert.deepEqual(node.problems, []);
	});
});
