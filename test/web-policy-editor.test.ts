// End to end in a real browser: the policy screen as an editor. Break the YAML and see the error at its line, fix it
// with completion, lower a party's ceiling with a form, preview the impact (the party loses exactly the TLP:GREEN
// objects stored), apply as version 2, compare 1 and 2 side by side, roll back (version 3), and collide with another
// admin's apply (told who applied which version, shown the diff, rebased, previewed again, applied), confirm twice a
// policy that cuts every partner off; axe on each, by keyboard where it matters, under the node's real CSP.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import { assertAccessible as axeCheck } from "./support/accessibility.ts";

import {
	BROWSER_MISSING,
	type BrowserNode,
	browserMissing,
	browserRequired,
	NCA,
	startBrowserNode,
} from "./support/browser-node.ts";

if (browserMissing && browserRequired) {
	describe("web UI: policy editor", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

const UNI_CERT = "identity--d7ebb227-b33b-467f-b263-8a4ccbdd1bf4";
const T = "2025-06-01T00:00:00.000Z";
/** The party line the test edits: the university CERT's own ceiling (the first such line of the scenario). */
const UNI_CEILING = "    tlpCeiling: green # academia receives TLP:CLEAR and TLP:GREEN only";

function indicator(index: number, marking: "green" | "clear") {
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--6d1f3c2a-7a0e-4c43-9b7f-6a4f3c1de2${String(index).padStart(2, "0")}`,
		created_by_ref: NCA,
		created: T,
		modified: T,
		name: `Scanner ${index} (${marking})`,
		pattern: `[ipv4-addr:value = '198.51.100.${index}']`,
		pattern_type: "stix",
		valid_from: T,
		object_marking_refs: [TLP2_DEFINITIONS[marking].id],
	};
}
/** Three TLP:GREEN and two TLP:CLEAR indicators: lowering the CERT's ceiling to clear loses it exactly the three. */
const OBJECTS = [1, 2, 3]
	.map((index) => indicator(index, "green"))
	.concat([4, 5].map((index) => indicator(index, "clear")));
const GREEN_COUNT = 3;
const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
/** A policy whose one partner has no agreement with the node: it would receive nothing (a cut-off). */
const CUT_OFF = `version: 1
node: uk-nca-node
parties:
  uk-nca:
    id: ${NCA}
    name: UK National Crime Agency (National Cyber Crime Unit)
    sector: law-enforcement
    jurisdictions: [GB]
    local: true
    trustTier: 1
  us-fbi:
    id: ${FBI}
    name: US Federal Bureau of Investigation (Cyber Division)
    sector: law-enforcement
    jurisdictions: [US]
    node: us-fbi-node
    trustTier: 1
jurisdictions:
  GB:
    name: United Kingdom
  US:
    name: United States
`;

async function text(locator: Locator): Promise<string> {
	return (await locator.textContent()) ?? "";
}

interface PolicyAnswer {
	version: number;
	text: string;
}

describe("web UI: policy editor", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;
	/** 1-based line of UNI_CEILING in version 1 as the node stores it. */
	let ceilingLine = 0;
	/** Requests for the editor's chunk (CodeMirror): none before the policy screen opens. */
	let editorChunkRequests = 0;

	const put = async (text: string, baseVersion: number) => {
		const response = await fetch(`${node.url}/api/v1/policy`, {
			method: "PUT",
			headers: { authorization: `Bearer ${node.token}`, "content-type": "application/json" },
			body: JSON.stringify({ text, baseVersion }),
		});
		assert.equal(response.status, 200, await response.clone().text());
	};
	const goToLine = async (line: number) => {
		await page.locator(".cm-content").focus();
		await page.keyboard.press("Control+Alt+g");
		await page.keyboard.type(String(line));
		await page.keyboard.press("Enter");
	};
	/** axe over the page as a keyboard user sees it: the pointer off whatever it last clicked (no hover state). */
	const assertAccessible = async (screen: string) => {
		await page.mouse.move(1, 1);
		await axeCheck(page, screen);
	};
	const activeLine = () => text(page.locator(".cm-activeLine"));

	before(
		async () => {
			node = await startBrowserNode("web-policy-editor", () => []);
			page = node.page;
			await node.api("/objects", {
				method: "POST",
				body: { type: "bundle", id: "bundle--6d1f3c2a-7a0e-4c43-9b7f-6a4f3c1de200", objects: OBJECTS },
			});
			const v1 = await node.api<PolicyAnswer>("/policy");
			ceilingLine = v1.text.split("\n").indexOf(UNI_CEILING) + 1;
			assert.ok(ceilingLine > 0, "the scenario has the CERT's ceiling line");
			page.on("request", (request) => {
				if (/\/assets\/yaml-editor-[^/]+\.js$/.test(request.url())) editorChunkRequests++;
			});
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("nav-objects").waitFor();
			assert.equal(editorChunkRequests, 0, "the editor is not loaded before the policy screen");
			await page.getByTestId("nav-policy").click();
			await page.waitForURL(`${node.url}/policy`);
			await page.locator(".cm-content").waitFor();
		},
		{ timeout: 90_000 },
	);

	after(() => node?.stop());

	it("shows an error at its line as you type, and completes the value from the schema", async () => {
		assert.equal(editorChunkRequests, 1, "the editor's own chunk, loaded with the policy screen");
		await page.getByText("The node accepts this text.").waitFor();
		await assertAccessible("policy editor");
		await goToLine(ceilingLine);
		for (let step = 0; step < "    tlpCeiling: ".length; step++) await page.keyboard.press("ArrowRight");
		await page.keyboard.type("x");
		const error = page.getByTestId("policy-error").first();
		await error.waitFor();
		assert.match(await text(error), new RegExp(`^${ceilingLine}:\\d+`));
		await page.locator(".cm-lintRange-error").first().waitFor();
		await node.shot("policy-editor-error");
		// Fix it: remove the typo and the value, then complete the value from the schema's enum.
		await page.keyboard.press("Backspace");
		for (let step = 0; step < "green".length; step++) await page.keyboard.press("Delete");
		await page.keyboard.press("Control+Space");
		const options = page.locator(".cm-tooltip-autocomplete li");
		await options.first().waitFor();
		assert.deepEqual((await options.allTextContents()).map((option) => option.trim()).sort(), [
			"amber",
			"amber+strict",
			"clear",
			"green",
			"red",
		]);
		await page.keyboard.type("gre");
		await page.keyboard.press("Enter");
		assert.match(await activeLine(), /tlpCeiling: green # academia/);
		await page.getByText("The node accepts this text.").waitFor();
		assert.equal(await page.getByTestId("policy-error").count(), 0);
	});

	it("works by keyboard: Tab indents, Escape then Tab leaves the editor, a dialog keeps and returns the focus", async () => {
		await page.locator(".cm-content").focus();
		await page.keyboard.press("Tab");
		assert.equal(
			await page.evaluate("document.activeElement?.closest('.cm-editor') !== null"),
			true,
			"Tab indents",
		);
		await page.keyboard.press("Backspace");
		await page.keyboard.press("Escape");
		await page.keyboard.press("Tab");
		const inEditor = await page.evaluate("document.activeElement?.closest('.cm-editor') !== null");
		assert.equal(inEditor, false);
		// A dialog opened from the keyboard holds the focus, and Escape gives it back to its button.
		await page.getByTestId("change-open").focus();
		await page.keyboard.press("Enter");
		await page.getByRole("dialog", { name: "Change the policy with a form" }).waitFor();
		assert.equal(await page.evaluate("document.activeElement?.closest('[role=dialog]') !== null"), true);
		await page.keyboard.press("Escape");
		await page.getByRole("dialog").waitFor({ state: "hidden" });
		assert.equal(await page.evaluate("document.activeElement?.dataset.testid"), "change-open");
	});

	it("lowers a party's ceiling with a form, and shows the YAML change before anything applies", async () => {
		await page.getByTestId("change-open").click();
		const dialog = page.getByRole("dialog", { name: "Change the policy with a form" });
		await dialog.getByRole("combobox", { name: "Party or agreement" }).click();
		await page.getByRole("option", { name: "de-uni-cert" }).first().click();
		await dialog.getByRole("combobox", { name: "TLP ceiling" }).click();
		await page.getByRole("option", { name: "clear", exact: true }).click();
		await assertAccessible("policy change form");
		await dialog.getByTestId("change-submit").click();
		await dialog.waitFor({ state: "hidden" });
		await goToLine(ceilingLine);
		assert.match(await activeLine(), /tlpCeiling: clear/);
		assert.match(await text(page.getByTestId("editor-base")), /version 1 \(changed, not applied\)/);
		assert.equal((await node.api<PolicyAnswer>("/policy")).version, 1, "nothing applied by the form");
	});

	it("previews the impact: the CERT loses exactly the TLP:GREEN objects, and nobody gains", async () => {
		await page.getByText("The node accepts this text.").waitFor();
		assert.equal(await page.getByTestId("apply-open").isDisabled(), true, "no apply before a preview");
		await page.getByTestId("impact-run").click();
		const row = page.locator(`[data-testid=impact-party][data-party="${UNI_CERT}"]`);
		await row.waitFor({ timeout: 30_000 });
		assert.equal((await text(row.getByTestId("impact-lost"))).trim(), `−${GREEN_COUNT}`);
		assert.equal(await row.getByTestId("impact-gained").count(), 0);
		const rows = await page
			.getByTestId("impact-party")
			.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-party")));
		for (const other of rows.filter((id) => id !== UNI_CERT)) {
			const otherRow = page.locator(`[data-testid=impact-party][data-party="${other}"]`);
			assert.equal(await otherRow.getByTestId("impact-lost").count(), 0, `${other} loses nothing`);
			assert.equal(await otherRow.getByTestId("impact-gained").count(), 0, `${other} gains nothing`);
		}
		await row.getByRole("button", { name: /Examples/ }).click();
		const example = page.getByRole("link", { name: /Scanner [123] \(green\)/ }).first();
		await example.waitFor();
		assert.match((await example.getAttribute("href")) ?? "", /^\/objects\/indicator--/);
		await node.shot("policy-impact");
		await assertAccessible("policy impact preview");
	});

	it("applies after confirmation as version 2", async () => {
		await page.getByTestId("apply-open").click();
		const dialog = page.getByRole("dialog", { name: "Apply as version 2?" });
		await dialog.waitFor();
		assert.match(
			await text(dialog),
			new RegExp(`1 party changes: 0 objects gained, ${GREEN_COUNT} lost \\(5 objects stored\\)`),
		);
		await assertAccessible("policy apply confirmation");
		await dialog.getByTestId("apply-confirm").click();
		await page.getByTestId("apply-notice").getByText("Applied as version 2.").waitFor();
		await page.getByTestId("policy-version").getByText("Version 2").waitFor();
		const v2 = await node.api<PolicyAnswer>("/policy");
		assert.equal(v2.version, 2);
		assert.equal(v2.text.split("\n")[ceilingLine - 1]?.trim().startsWith("tlpCeiling: clear"), true);
	});

	it("compares versions 1 and 2 side by side", async () => {
		await page.getByTestId("tab-versions").click();
		await page.getByTestId("policy-versions").locator("tbody tr").nth(1).waitFor();
		assert.equal(await page.getByTestId("policy-versions").locator("tbody tr").count(), 2);
		const diff = page.getByTestId("policy-diff");
		await diff.waitFor();
		assert.deepEqual(await diff.getByTestId("diff-from").allTextContents(), [`removed: ${UNI_CEILING}`]);
		assert.match(
			(await diff.getByTestId("diff-to").allTextContents()).join("\n"),
			/added: {5}tlpCeiling: clear/,
		);
		await node.shot("policy-diff");
		await assertAccessible("policy versions and diff");
	});

	it("rolls back to version 1 as version 3, after previewing what the CERT regains", async () => {
		await page.getByTestId("rollback-1").click();
		const dialog = page.getByRole("dialog", { name: "Roll back to version 1?" });
		await dialog.waitFor();
		assert.equal(await dialog.getByTestId("apply-confirm").isDisabled(), true);
		await dialog.getByTestId("impact-run").click();
		const row = dialog.locator(`[data-testid=impact-party][data-party="${UNI_CERT}"]`);
		await row.waitFor({ timeout: 30_000 });
		assert.equal((await text(row.getByTestId("impact-gained"))).trim(), `+${GREEN_COUNT}`);
		assert.equal(await row.getByTestId("impact-lost").count(), 0);
		await dialog.getByTestId("apply-confirm").click();
		await page
			.getByTestId("rollback-notice")
			.getByText(/in force as version 3/)
			.waitFor();
		const v3 = await node.api<PolicyAnswer>("/policy");
		assert.equal(v3.version, 3);
		assert.equal(v3.text, (await node.api<PolicyAnswer>("/policy?version=1")).text);
	});

	it("tells the second of two admins to rebase, shows what changed, and applies only after a new preview", async () => {
		await page.getByTestId("tab-edit").click();
		await page
			.getByTestId("editor-base")
			.getByText(/version 3 \(unchanged\)/)
			.waitFor();
		await goToLine(ceilingLine);
		await page.keyboard.press("End");
		await page.keyboard.type(" (edited here)");
		await page.getByText("The node accepts this text.").waitFor();
		await page.getByTestId("impact-run").click();
		await page.getByTestId("impact-summary").waitFor({ timeout: 30_000 });
		// Another admin applies version 4 from the same base meanwhile.
		const v3 = await node.api<PolicyAnswer>("/policy");
		await put(
			v3.text.replace("# Format version of this file", "# Format version of this file (reviewed)"),
			3,
		);
		await page.getByTestId("apply-open").click();
		await page.getByRole("dialog", { name: "Apply as version 4?" }).getByTestId("apply-confirm").click();
		const conflict = page.getByTestId("policy-conflict");
		await conflict.waitFor();
		assert.match(await text(conflict), /applied version 4 at .* after you\s+started from version 3/);
		assert.match(await text(conflict.getByTestId("policy-diff").getByTestId("diff-to")), /\(reviewed\)/);
		await node.shot("policy-conflict");
		await assertAccessible("policy conflict");
		await conflict.getByTestId("rebase").click();
		await page
			.getByTestId("editor-base")
			.getByText(/version 4 \(changed, not applied\)/)
			.waitFor();
		assert.equal(
			await page.getByTestId("apply-open").isDisabled(),
			true,
			"a rebased text is previewed again",
		);
		await page.getByTestId("impact-run").click();
		await page.getByTestId("impact-summary").waitFor({ timeout: 30_000 });
		await page.getByTestId("apply-open").click();
		await page.getByRole("dialog", { name: "Apply as version 5?" }).getByTestId("apply-confirm").click();
		await page.getByTestId("apply-notice").getByText("Applied as version 5.").waitFor();
		// Version 5 is the rebased text: this admin's comment on top of the other's change, nothing lost.
		const v5 = await node.api<PolicyAnswer>("/policy");
		assert.match(v5.text, /\(edited here\)/);
		assert.equal(
			v5.text.includes("(reviewed)"),
			false,
			"the rebased text is the editor's, as the diff warned",
		);
	});

	it("asks a second, explicit confirmation before a policy that cuts off every partner", async () => {
		await page.locator(".cm-content").focus();
		await page.keyboard.press("Control+a");
		await page.keyboard.insertText(CUT_OFF);
		await page.getByText("The node accepts this text.").waitFor();
		await page.getByTestId("impact-run").click();
		const fbi = page.locator(`[data-testid=impact-party][data-party="${FBI}"]`);
		await fbi.getByTestId("impact-lost").waitFor({ timeout: 30_000 });
		await page.getByTestId("apply-open").click();
		const dialog = page.getByRole("dialog", { name: "Apply as version 6?" });
		await dialog.getByTestId("apply-confirm").click();
		const warning = dialog.getByRole("alert");
		await warning.getByText("This cuts the node off from every partner").waitFor();
		assert.match(await text(warning), /US Federal Bureau of Investigation \(Cyber Division\)/);
		assert.equal(
			(await node.api<PolicyAnswer>("/policy")).version,
			5,
			"nothing applied on the first confirmation",
		);
		await node.shot("policy-cut-off", false);
		await assertAccessible("policy cut-off confirmation");
		await dialog.getByTestId("apply-cut-off").click();
		await page.getByTestId("apply-notice").getByText("Applied as version 6.").waitFor();
		assert.equal((await node.api<PolicyAnswer>("/policy")).text, CUT_OFF);
	});

	it("lets an analyst edit and preview but not apply, and says why", async () => {
		await page.route("**/api/v1/me", async (route) => {
			const answer = await route.fetch();
			const me = (await answer.json()) as { user: { role: string } };
			await route.fulfill({ response: answer, json: { ...me, user: { ...me.user, role: "analyst" } } });
		});
		await page.reload();
		await page.locator(".cm-content").waitFor();
		assert.match(await text(page.getByTestId("apply-why")), /need the admin role; yours is analyst/);
		assert.equal(await page.getByTestId("apply-open").isDisabled(), true);
		await page.getByTestId("tab-versions").click();
		assert.equal(await page.getByTestId("rollback-1").isDisabled(), true);
		await page.unroute("**/api/v1/me");
		assert.deepEqual(node.problems, []);
	});
});
