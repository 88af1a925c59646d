// End to end in a real browser, as an admin would (D66): create a user on the Users screen with the keyboard, see
// its token once, use it on the API, see "last used" and the audit lines appear (filtered, exported), revoke it
// after a confirmation and see the API refuse it (401). Both screens pass axe; a reader's token reads neither.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
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

/**
 * The screen, and a dialog while one is open (Mantine renders it in a portal, over a dimmed screen): the shell's
 * header and navigation are issue 16's accessibility pass's (H6), checked on every screen once that lands.
 */
const DIALOG = ".mantine-Modal-content";

if (browserMissing && browserRequired) {
	describe("web UI: users and audit", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

describe("web UI: users and audit", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;
	let samToken = "";

	const me = (token: string) =>
		fetch(`${node.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);

	before(
		async () => {
			node = await startBrowserNode("web-users-audit", () => []);
			page = node.page;
			await page.goto(`${node.url}/`);
			await page.getByLabel("API token").fill(node.token);
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByTestId("nav-users").click();
			await page.waitForURL(`${node.url}/users`);
		},
		{ timeout: 90_000 },
	);

	after(async () => {
		await node?.stop();
	});

	it("creates a user with the keyboard and shows its token once, with a copy button and a warning", async () => {
		await page.getByTestId("users-table").waitFor();
		await page.getByLabel("User name").focus();
		await page.keyboard.type("sam");
		await page.keyboard.press("Tab");
		await page.keyboard.press("Tab");
		await page.keyboard.press("Enter");
		const dialog = page.getByRole("dialog");
		await dialog.getByTestId("new-token").waitFor();
		samToken = ((await dialog.getByTestId("new-token").textContent()) ?? "").trim();
		assert.match(samToken, /^ent_[A-Za-z0-9_-]{43}$/);
		assert.match((await dialog.getByRole("alert").textContent()) ?? "", /cannot show it again/);
		await dialog.getByTestId("copy-token").waitFor();
		await assertAccessible(page, "users: the new token", DIALOG);
		await node.shot("u1-token-once");
		await dialog.getByTestId("token-done").focus();
		await page.keyboard.press("Enter");
		await dialog.waitFor({ state: "hidden" });
		const row = page.locator('[data-testid="user-row"][data-user="sam"]');
		await row.waitFor();
		assert.ok(
			!(await page.content()).includes(samToken),
			"the token is gone from the page once the dialog closes",
		);
		assert.match((await row.textContent()) ?? "", new RegExp(`${samToken.slice(0, 10)}…`));
		assert.equal((await row.getByTestId("token-last-used").textContent())?.trim(), "never");
		await assertAccessible(page, "users");
	});

	it("shows when the token was last used, once it is used on the API", async () => {
		assert.equal(await me(samToken), 200);
		const row = page.locator('[data-testid="user-row"][data-user="sam"]');
		for (let attempt = 0; attempt < 50; attempt++) {
			await page.getByTestId("nav-audit").click();
			await page.getByTestId("nav-users").click();
			await row.waitFor();
			if ((await row.getByTestId("token-last-used").textContent())?.trim() !== "never") break;
			await page.waitForTimeout(200);
		}
		assert.match(
			(await row.getByTestId("token-last-used").textContent()) ?? "",
			/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
		);
	});

	it("shows the audit lines, filters them and exports them", async () => {
		await page.getByTestId("nav-audit").click();
		await page.waitForURL(`${node.url}/audit`);
		await page.locator('[data-testid="audit-row"][data-action="user.create"]').first().waitFor();
		await page.locator('[data-testid="audit-row"][data-action="token.use"]').first().waitFor();
		await page.getByLabel("Actor").fill("sam");
		await page.getByTestId("audit-apply").click();
		// In the page (a string: this file is type-checked without the DOM library).
		await page.waitForFunction(
			`[...document.querySelectorAll('[data-testid="audit-row"]')].every((row) => row.textContent.includes("sam"))`,
		);
		const rows = page.getByTestId("audit-row");
		assert.ok((await rows.count()) >= 1);
		assert.equal(await rows.first().getAttribute("data-action"), "token.use");
		await assertAccessible(page, "audit");
		await node.shot("u2-audit");
		const [download] = await Promise.all([
			page.waitForEvent("download"),
			page.getByTestId("export-csv").click(),
		]);
		const csv = await readFile((await download.path()) ?? "", "utf8");
		const lines = csv.trimEnd().split("\n");
		assert.equal(lines[0], "seq,at,actor,actor_id,organization,channel,action,target,summary,details");
		assert.ok(lines.length >= 2 && lines.slice(1).every((line) => line.includes(",sam,")), csv);
	});

	it("revokes the token after a confirmation; the API refuses it at once", async () => {
		await page.getByTestId("nav-users").click();
		const row = page.locator('[data-testid="user-row"][data-user="sam"]');
		await row.getByRole("button", { name: "Revoke token of sam" }).click();
		const dialog = page.getByRole("dialog");
		await dialog.getByText(/stops working at once/).waitFor();
		await assertAccessible(page, "users: revoke", DIALOG);
		await dialog.getByTestId("confirm-revoke").click();
		await row.getByTestId("token-revoked").waitFor();
		assert.equal(await me(samToken), 401);
		await page.getByTestId("nav-audit").click();
		await page.locator('[data-testid="audit-row"][data-action="token.revoke"]').first().waitFor();
		assert.deepEqual(node.problems, []);
	});

	it("a reader's token reads neither users nor the audit trail", async () => {
		const created = await node.api<{ token: string }>("/users", {
			method: "POST",
			body: { name: "rex", role: "reader" },
		});
		for (const path of ["/users", "/audit", "/audit/export?format=jsonl"]) {
			const response = await fetch(`${node.url}/api/v1${path}`, {
				headers: { authorization: `Bearer ${created.token}` },
			});
			assert.equal(response.status, 403, path);
		}
	});
});
