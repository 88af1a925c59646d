// End to end in a real browser: a node process with the reference policy and sample intel, its web UI driven in
// Debian's Chromium (playwright-core): sign in, search, open an object, "who receives this" against the REST
// preview, a party's trace, the graph (what an object references and what references it) by clicks on its
// canvas, the policy, and a refused token.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
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
import { sharedData } from "./support/shared-data.ts";

const FBI = "identity--ffa12fc1-8b92-41ab-bd5e-4f7f244a3dc2";
const BANK = "identity--3d177db3-a221-47a9-a23b-f8bfc4078e65";
const REPORT = "report--2d198b78-7b95-49d7-8f83-0f5edb1fd2bc";
/** An AMBER indicator the report contains. */
const COBALT = "indicator--83cab8fe-5d13-4083-b990-71e1b5891661";
/** QakBot, and the relationship from the GREEN C2 indicator that indicates it. */
const QAKBOT = "malware--f737347e-cc7f-42f8-ad2b-9a7686b882bf";
const INDICATES_QAKBOT = "relationship--bb1246ad-8ff5-4468-b58d-fe9f0081ce35";
/** An analyst's note on the report: what references the report, drawn on the left of its graph. */
const NOTE = {
	type: "note",
	spec_version: "2.1",
	id: "note--5b0c1d7e-3f4a-4c2b-9d8e-6a7f8b9c0d1e",
	created_by_ref: NCA,
	created: "2025-05-13T08:00:00.000Z",
	modified: "2025-05-13T08:00:00.000Z",
	abstract: "Takedown window agreed",
	content: "Coordinate with the NCA before acting on the infrastructure in this report.",
	object_refs: [REPORT],
	object_marking_refs: [TLP2_DEFINITIONS.green.id],
};
/** The UK victim's IPv4 address in the sample intel (its SCO id is deterministic). */
const VICTIM = "ipv4-addr--653fed73-b6e7-53e9-accb-dfbe1af908b2";

if (browserMissing && browserRequired) {
	describe("web UI in Chromium", () => {
		it("needs Chromium (ENTENTE_REQUIRE_BROWSER=1)", () => assert.fail(BROWSER_MISSING));
	});
}

/** A locator's text, as the DOM holds it. */
async function text(locator: Locator): Promise<string> {
	return (await locator.textContent()) ?? "";
}

interface Preview {
	parties: { partyId: string; verdict: string }[];
}

describe("web UI in Chromium", { skip: browserMissing ? BROWSER_MISSING : false }, () => {
	let node: BrowserNode;
	let page: Page;
	let url = "";
	let token = "";
	const api = <T>(path: string): Promise<T> => node.api<T>(path);
	const shot = (name: string): Promise<void> => node.shot(name);

	/** The verdict per party id that the "who receives this" table shows. */
	async function shownVerdicts(): Promise<Record<string, string>> {
		await page.getByTestId("receiver-row").first().waitFor();
		const rows = await page
			.getByTestId("receiver-row")
			.evaluateAll((elements) =>
				elements.map((row) => [
					row.getAttribute("data-party-id") ?? "",
					row.querySelector("[data-verdict]")?.getAttribute("data-verdict") ?? "",
				]),
			);
		return Object.fromEntries(rows);
	}

	/** The referrers the graph's list shows: id → the kinds it names them with. */
	async function shownReferrers(): Promise<Record<string, string>> {
		const rows = await page
			.getByTestId("referrer")
			.evaluateAll((elements) =>
				elements.map((row) => [
					row.getAttribute("data-node-id") ?? "",
					row.querySelector("[data-kinds]")?.getAttribute("data-kinds") ?? "",
				]),
			);
		return Object.fromEntries(rows);
	}

	async function restReferrers(id: string, purpose: string): Promise<Record<string, string>> {
		const body = await api<{ items: { object: { id: string }; kinds: string[] }[] }>(
			`/objects/${id}/referrers?purpose=${purpose}&limit=200`,
		);
		return Object.fromEntries(body.items.map((item) => [item.object.id, item.kinds.join(", ")]));
	}

	async function restVerdicts(purpose: string, object = REPORT): Promise<Record<string, string>> {
		const preview = await api<Preview>(`/policy/preview?object=${object}&purpose=${purpose}`);
		return Object.fromEntries(preview.parties.map((party) => [party.partyId, party.verdict]));
	}

	before(
		async () => {
			node = await startBrowserNode("web-ui", (dir) => {
				const bundle = join(dir, "sample.json");
				const objects = [...sampleIntel("uk-nca", NCA), ...sampleIntel("us-fbi", FBI), NOTE];
				writeFileSync(
					bundle,
					JSON.stringify({ type: "bundle", id: "bundle--0b6f0f4c-2d5e-4f38-9b58-0c6f3d1a7e21", objects }),
				);
				// Two thousand more, so that the table must virtualise and page.
				return [bundle, sharedData("stix21", "attack", "mobile-attack-17.1.json")];
			});
			({ page, url, token } = node);
		},
		{ timeout: 60_000 },
	);

	after(() => node?.stop());

	it("refuses an invalid token with a message that names the fix", async () => {
		await page.goto(`${url}/`);
		await page.getByLabel("API token").fill("ent_not-a-real-token");
		await page.getByRole("button", { name: "Sign in" }).click();
		const error = page.getByTestId("error");
		await error.waitFor();
		const message = await text(error);
		assert.match(message, /did not accept this token/);
		assert.match(message, /entente users add/);
		assert.match(message, /E_API_UNAUTHENTICATED/);
		await shot("01-invalid-token");
	});

	it("signs in with the admin token and shows the user, organisation and party", async () => {
		await page.getByLabel("API token").fill(token);
		await page.getByRole("button", { name: "Sign in" }).click();
		await page.getByTestId("who-am-i").click();
		const party = await text(page.getByTestId("my-party"));
		assert.match(party, /UK National Crime Agency .*node uk-nca-node \(this node\)/);
		await page.keyboard.press("Escape");
		assert.equal(await page.evaluate(() => sessionStorage.getItem("entente.token")), token);
	});

	it("shows the facets' counts and a virtualised table that pages with the cursor", async () => {
		const facets = await api<{ total: number; types: Record<string, number> }>("/facets");
		await page.getByTestId("facet-total").waitFor();
		assert.equal(await text(page.getByTestId("facet-total")), facets.total.toLocaleString("en"));
		assert.equal(
			await text(page.locator('[data-facet-count="attack-pattern"]')),
			String(facets.types["attack-pattern"]),
		);
		await page.getByText("100 object(s) loaded; more below").waitFor();
		const rendered = await page.locator("tr[data-object-id]").count();
		assert.ok(rendered > 5 && rendered < 100, `${rendered} rows in the DOM for 100 loaded`);
		await shot("02-objects");
		// Scrolling to the end asks for the next page (GET /objects?cursor=…).
		await page
			.getByTestId("object-table-scroll")
			.evaluate((element) => element.scrollTo(0, element.scrollHeight));
		await page.getByText("200 object(s) loaded; more below").waitFor();
	});

	it("filters by a type facet and searches with suggestions", async () => {
		await page.getByRole("checkbox", { name: /^report/ }).check();
		await page.getByText("1 object(s) loaded").waitFor();
		assert.equal(await page.locator("tr[data-object-id]").getAttribute("data-object-id"), REPORT);
		await page.getByTestId("facet-all").click();
		await page.keyboard.press("/");
		assert.equal(await page.evaluate('document.activeElement?.getAttribute("data-testid")'), "search-input");
		await page.keyboard.type("qakbot");
		await page.keyboard.press("Enter");
		await page.waitForURL(/\/objects\?q=qakbot$/);
		await page.getByText(/^[1-9]\d* object\(s\) loaded$/).waitFor();
		const names = await page.getByTestId("object-link").allTextContents();
		assert.ok(names.includes("QakBot"), names.join(", "));
		await page.getByTestId("search-input").fill("Operation EX");
		// A name searches for what goes by it; a value would open its page.
		await page.getByRole("option", { name: /Operation EXAMPLE/ }).click();
		await page.waitForURL(/\/objects\?q=Operation\+EXAMPLE/);
		await page.locator(`tr[data-object-id="${REPORT}"]`).getByTestId("object-link").click();
		await page.waitForURL(`${url}/objects/${REPORT}`);
		assert.match(await text(page.getByTestId("object-title")), /^Operation EXAMPLE/);
		await shot("03-object");
	});

	it("shows who receives the object with the REST preview's verdicts, for each purpose", async () => {
		await page.getByTestId("tab-receivers").click();
		assert.deepEqual(await shownVerdicts(), await restVerdicts("network-defence"));
		await shot("04-receivers-network-defence");
		await page.getByRole("combobox", { name: "For the purpose" }).click();
		await page.getByRole("option", { name: "crime prevention" }).click();
		await page.getByTestId("receiver-row").first().waitFor();
		const expected = await restVerdicts("crime-prevention");
		assert.notDeepEqual(expected, await restVerdicts("network-defence"), "the purposes should differ here");
		await page.locator(`[data-party-id="${FBI}"] [data-verdict="full"]`).waitFor();
		assert.deepEqual(await shownVerdicts(), expected);
	});

	it("opens a party's decision, step by step, as the REST explain gives it", async () => {
		const row = page.locator(`[data-party-id="${FBI}"]`);
		await row.getByTestId("explain-toggle").click();
		const trace = page.locator(`[data-testid="explain-trace"][data-party-id="${FBI}"]`);
		await trace.getByTestId("trace-step").first().waitFor();
		const explained = await api<{ decision: { trace: { rule: string; reason: string }[] } }>(
			`/policy/explain?object=${REPORT}&to=${FBI}&purpose=crime-prevention`,
		);
		const steps = await trace.getByTestId("trace-step").allTextContents();
		assert.equal(steps.length, explained.decision.trace.length);
		explained.decision.trace.forEach((step, index) => {
			assert.ok(steps[index]?.includes(`${index + 1}. ${step.rule}`), steps[index]);
			assert.ok(steps[index]?.includes(step.reason), steps[index]);
		});
		await shot("05-trace");
		await assertAccessible(page, "a party's decision trace");
	});

	it("after a reload of a deep link, shows the transformations a victim's address gets", async () => {
		// Loaded afresh: the node answers the client route with the app, the tab keeps its session and purpose.
		await page.goto(`${url}/objects/${VICTIM}?tab=receivers`);
		const expected = await restVerdicts("crime-prevention", VICTIM);
		assert.ok(Object.values(expected).includes("transformed"), JSON.stringify(expected));
		assert.deepEqual(await shownVerdicts(), expected);
		const bank = await text(page.locator(`[data-party-id="${BANK}"]`));
		assert.match(bank, /pseudonymise ipv4-addr/);
		assert.match(bank, /field\.agreement/);
		await shot("06-transformed");
		await page.goto(`${url}/objects/${REPORT}?tab=overview`);
	});

	it("navigates the neighbourhood graph by clicking a node on its canvas", async () => {
		await page.getByTestId("tab-graph").click();
		const canvas = page.getByTestId("graph-canvas");
		await canvas.waitFor();
		const malware = page.locator('[data-testid="neighbour"][data-node-id^="malware--"]');
		await malware.and(page.locator("[data-graph-x]")).waitFor();
		// What the report references is listed as neighbours; the note that references it, as a referrer.
		await page.locator(`[data-testid="referrer"][data-node-id="${NOTE.id}"][data-graph-x]`).waitFor();
		assert.deepEqual(await shownReferrers(), { [NOTE.id]: "object_refs" });
		const target = await malware.getAttribute("data-node-id");
		const x = Number(await malware.getAttribute("data-graph-x"));
		const y = Number(await malware.getAttribute("data-graph-y"));
		const box = await canvas.boundingBox();
		assert.ok(box !== null && target !== null);
		await shot("07-graph");
		await page.mouse.click(box.x + x, box.y + y);
		await page.waitForURL(`${url}/objects/${target}?tab=graph`);
		assert.equal(await text(page.getByTestId("object-title")), "QakBot");
		await page.getByTestId("graph-canvas").waitFor();
		// QakBot references nothing, but the report and a relationship reference it: drawn pointing at it.
		await page.locator(`[data-testid="referrer"][data-node-id="${REPORT}"][data-graph-x]`).waitFor();
		assert.deepEqual(await shownReferrers(), await restReferrers(QAKBOT, "crime-prevention"));
		assert.deepEqual(Object.keys(await shownReferrers()).sort(), [INDICATES_QAKBOT, REPORT]);
		await shot("08-graph-after-click");
	});

	it("shows what references an object: the report an indicator is in, listed and drawn, opened by a click", async () => {
		await page.goto(`${url}/objects/${COBALT}?tab=graph`);
		const report = page.locator(`[data-testid="referrer"][data-node-id="${REPORT}"]`);
		await report.and(page.locator("[data-graph-x]")).waitFor();
		assert.deepEqual(await shownReferrers(), await restReferrers(COBALT, "crime-prevention"));
		assert.equal((await shownReferrers())[REPORT], "object_refs");
		const x = Number(await report.getAttribute("data-graph-x"));
		const y = Number(await report.getAttribute("data-graph-y"));
		const box = await page.getByTestId("graph-canvas").boundingBox();
		assert.ok(box !== null);
		await shot("08b-graph-referrers");
		await page.mouse.click(box.x + x, box.y + y);
		await page.waitForURL(`${url}/objects/${REPORT}?tab=graph`);
		assert.match(await text(page.getByTestId("object-title")), /^Operation EXAMPLE/);
		// Back to an object already shown: its cached answers draw its graph in the very next frame, which Chromium's
		// software WebGL on a loaded two-core machine can take seconds to produce before it acknowledges the click.
		await page
			.getByRole("link", { name: "Cobalt Strike team server used after QakBot infections" })
			.click({ timeout: 30_000 });
		await page.waitForURL(`${url}/objects/${COBALT}?tab=graph`);
	});

	it("shows the policy: version, summary, versions and the YAML as applied", async () => {
		await page.getByRole("link", { name: /^Policy/ }).click();
		await page.getByTestId("policy-yaml").waitFor();
		assert.equal(await text(page.getByTestId("policy-version")), "Version 1");
		assert.match(await text(page.getByTestId("policy-summary")), /8\s*parties/);
		assert.match(await text(page.getByTestId("policy-yaml")), /node: uk-nca-node/);
		assert.equal(await page.getByTestId("policy-versions").locator("tbody tr").count(), 1);
		await shot("09-policy");
	});

	it("answers a missing object with the node's words, asked once: a refusal (4xx) is not retried", async () => {
		const missing = "indicator--00000000-0000-4000-8000-000000000404";
		const asked: string[] = [];
		const onRequest = (request: { url(): string }) => {
			if (request.url().includes(`/api/v1/objects/${missing}`)) asked.push(request.url());
		};
		page.on("request", onRequest);
		try {
			await page.goto(`${url}/objects/${missing}`);
			// The error is shown once every attempt is spent, so by now any retry would have been asked.
			await page.getByTestId("error").waitFor();
			assert.equal(asked.length, 1, asked.join("\n"));
			assert.match(await text(page.getByTestId("error")), /E_API_OBJECT_NOT_FOUND/);
		} finally {
			page.off("request", onRequest);
		}
	});

	it("ran without page errors or Content-Security-Policy violations", () => {
		assert.deepEqual(node.problems, []);
	});
});
