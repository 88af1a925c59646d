// Free-text import over HTTP under the reference scenario: rows found and marked known only as released to the
// viewer; the draft of the rows kept goes through the share preview and publish; limits; the event loop keeps serving.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NCA, openShareNode, type ShareNode } from "#test/support/share-node.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { ImportDraft, ImportPreview } from "./shapes/index.ts";

let node: ShareNode;
before(async () => {
	node = await openShareNode();
});
after(() => node.close());

const REPORT =
	"Phishing from support[@]evil-c2.net; the loader talks to hxxp://evil-c2[.]net/gate.php and 203.0.113.9, " +
	"drops invoice.exe (sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855). Exploits " +
	"CVE-2021-44228 via T1190; contact evil-c2.net again.";

async function preview(text: string, token?: string): Promise<ReturnType<typeof ImportPreview.parse>> {
	const answer = await node.call("POST", "/api/v1/import/text/preview", {
		body: { text },
		...(token === undefined ? {} : { token }),
	});
	assert.equal(answer.status, 200, JSON.stringify(answer.body));
	return ImportPreview.parse(answer.body);
}

describe("POST /import/text/preview", () => {
	it("flags rows on a warninglist (D50), keeping them", async () => {
		const { rows } = await preview(REPORT);
		const flags = Object.fromEntries(
			rows.map((row) => [row.value, (row.warninglists ?? []).map((hit) => hit.list)]),
		);
		assert.deepEqual(flags["203.0.113.9"], ["Entente: documentation and benchmarking addresses"]);
		assert.deepEqual(flags.e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, [
			"Entente: hashes of the empty file",
		]);
		assert.deepEqual(flags["evil-c2.net"], []);
	});

	it("answers every observable once, in order, known only when released to the viewer", async () => {
		const sco = (type: string, value: string, marking: string) => ({
			type,
			spec_version: "2.1",
			id: "",
			value,
			object_marking_refs: [marking],
		});
		const { scoOf } = await import("../observables/index.ts");
		const held = [
			{
				...sco("ipv4-addr", "203.0.113.9", TLP2_DEFINITIONS.red.id),
				id: scoOf({ kind: "ipv4", value: "203.0.113.9" })?.id,
			},
			{
				...sco("domain-name", "evil-c2.net", TLP2_DEFINITIONS.clear.id),
				id: scoOf({ kind: "domain", value: "evil-c2.net" })?.id,
			},
		];
		const published = await node.call("POST", "/api/v1/objects", { body: { objects: held } });
		assert.equal(published.status, 200, JSON.stringify(published.body));
		const before = await node.counts();

		const ours = await preview(REPORT);
		assert.deepEqual(
			ours.rows.map((row) => `${row.kind} ${row.value} ×${row.count} ${row.known ? "known" : "new"}`),
			[
				"email support@evil-c2.net ×1 new",
				"url http://evil-c2.net/gate.php ×1 new",
				"ipv4 203.0.113.9 ×1 known",
				"filename invoice.exe ×1 new",
				"sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ×1 new",
				"domain evil-c2.net ×1 known",
			],
		);
		assert.equal(ours.rows[0]?.raw, "support[@]evil-c2.net");
		assert.deepEqual(
			ours.references.map((reference) => reference.value),
			["CVE-2021-44228", "T1190"],
		);
		// The FBI may not receive the TLP:RED address: for its analyst the node does not hold it.
		const theirs = await preview(REPORT, node.fbiToken);
		assert.deepEqual(
			theirs.rows.filter((row) => row.known).map((row) => row.value),
			["evil-c2.net"],
		);
		assert.deepEqual(await node.counts(), before, "a preview stores nothing");
	});

	it("refuses a text over 10 MiB naming the limit, and a reader", async () => {
		const big = await node.call("POST", "/api/v1/import/text/preview", {
			body: { text: "a".repeat(10 * 1024 * 1024 + 1) },
		});
		assert.equal(big.status, 413);
		assert.match(JSON.stringify(big.body), /10485760 bytes \(10 MiB\)/);
		const reader = await node.call("POST", "/api/v1/import/text/preview", {
			body: { text: "1.2.3.4" },
			token: node.readerToken,
		});
		assert.equal(reader.status, 403);
	});

	it("keeps answering other requests while it extracts a 10 MB paste", async () => {
		const line = "c2 198.51.100.1 and hxxp://x[.]evil-c2.net/a.php drops a.exe, b.dll and c.js; ";
		const text = line.repeat(Math.floor((10 * 1024 * 1024 - 1024) / line.length));
		let done = false;
		const big = node.call("POST", "/api/v1/import/text/preview", { body: { text } }).finally(() => {
			done = true;
		});
		let answeredMeanwhile = 0;
		while (!done) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			// The reader asks, so the analyst's request budget stays for the tests after this one.
			const me = await node.call("GET", "/api/v1/me", { token: node.readerToken });
			assert.equal(me.status, 200);
			if (!done) answeredMeanwhile++;
		}
		const answer = await big;
		assert.equal(answer.status, 200);
		assert.equal(ImportPreview.parse(answer.body).rows.length, 5);
		assert.ok(answeredMeanwhile >= 3, `${answeredMeanwhile} requests answered during the extraction`);
	});
});

describe("POST /import/text/commit", () => {
	it("builds the draft of the rows kept, which the share preview judges and publish stores", async () => {
		const rows = (await preview(REPORT)).rows.map((row) => ({
			kind: row.kind,
			value: row.value,
			include: row.kind !== "filename",
		}));
		const before = await node.counts();
		const answer = await node.call("POST", "/api/v1/import/text/commit", {
			body: {
				rows,
				as: "both",
				markings: [TLP2_DEFINITIONS.green.id],
				name: "Evil C2 report",
				confidence: 70,
			},
		});
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		const draft = ImportDraft.parse(answer.body);
		assert.deepEqual(await node.counts(), before, "a commit stores nothing");
		const types = draft.objects.map((object) => object.type);
		assert.deepEqual(types.filter((type) => type === "indicator").length, 5);
		assert.ok(!JSON.stringify(draft.objects).includes("invoice.exe"), "the excluded row makes no object");
		const report = draft.objects.at(-1);
		assert.equal(report?.type, "report");
		assert.equal(report?.created_by_ref, NCA);
		assert.deepEqual(
			report?.object_refs,
			draft.objects.slice(0, -1).map((object) => object.id),
		);
		for (const object of draft.objects)
			assert.deepEqual(object.object_marking_refs, [TLP2_DEFINITIONS.green.id]);

		const shared = await node.call("POST", "/api/v1/policy/preview", { body: { objects: draft.objects } });
		assert.equal(shared.status, 200, JSON.stringify(shared.body));
		const published = await node.call("POST", "/api/v1/objects", { body: { objects: draft.objects } });
		assert.equal(published.status, 200, JSON.stringify(published.body));
		assert.equal((published.body.counts as { rejected: number }).rejected, 0);
		const stored = await node.call("GET", `/api/v1/objects/${encodeURIComponent(report?.id ?? "")}`);
		assert.equal(stored.status, 200, "the report is stored once published");
	});

	it("names each row whose value is not of its kind, and a draft too large to preview", async () => {
		const bad = await node.call("POST", "/api/v1/import/text/commit", {
			body: {
				rows: [{ kind: "ipv4", value: "evil.com", include: true }],
				as: "indicators",
				markings: [],
				name: "x",
			},
		});
		assert.equal(bad.status, 400);
		assert.match(JSON.stringify(bad.body), /body\.rows\.0\.value/);
		const many = Array.from({ length: 300 }, (_, i) => ({
			kind: "ipv4",
			value: `10.1.${i >> 8}.${i & 255}`,
			include: true,
		}));
		const large = await node.call("POST", "/api/v1/import/text/commit", {
			body: { rows: many, as: "both", markings: [], name: "x" },
		});
		assert.equal(large.status, 400);
		assert.match(JSON.stringify(large.body), /at most 500/);
	});
});
