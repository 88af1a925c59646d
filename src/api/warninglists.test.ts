// REST warninglists: the lists, and checking values — classified or of a stated kind — with hits that flag, never hide;
// bounds and bad input answered 400/413, and a large check leaves the event loop free for other requests.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiNode, json, openApiNode } from "#test/support/api-node.ts";
import { Warninglists } from "../intel/index.ts";
import { MAX_CHECK_VALUES, WarninglistCheckResult, WarninglistsResult } from "./shapes/index.ts";

let node: ApiNode;
before(async () => {
	node = await openApiNode({ seed: false });
	await new Warninglists(node.store).load({
		name: "List of known URL Shorteners domains",
		version: 27,
		description: "shorteners",
		type: "hostname",
		matchingAttributes: ["domain", "url"],
		entries: ["bit.ly"],
		source: "url-shortener.json",
	});
});
after(() => node.close());

async function check(body: unknown): Promise<Response> {
	return node.request("/api/v1/warninglists/check", {
		as: node.reader,
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	});
}

describe("GET /api/v1/warninglists", () => {
	it("lists the built-in lists, then the loaded ones, without their entries, to any reader", async () => {
		const { lists } = WarninglistsResult.parse(
			await json(await node.request("/api/v1/warninglists", { as: node.reader }), 200),
		);
		assert.equal(lists.filter((list) => list.builtIn).length, 10);
		const loaded = lists.filter((list) => !list.builtIn);
		assert.deepEqual(
			loaded.map(({ name, type, entryCount, source }) => ({ name, type, entryCount, source })),
			[
				{
					name: "List of known URL Shorteners domains",
					type: "hostname",
					entryCount: 1,
					source: "url-shortener.json",
				},
			],
		);
	});
});

describe("POST /api/v1/warninglists/check", () => {
	it("answers each value in order: its normal form and the lists it is on, or why it is none", async () => {
		const { results } = WarninglistCheckResult.parse(
			await json(
				await check({
					values: [
						"10.1.2.3",
						"8.8.8[.]9",
						"hxxps://go.bit[.]ly/x",
						"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
						"not a value",
					],
				}),
				200,
			),
		);
		assert.deepEqual(
			results.map((row) => [
				row.value,
				row.observable?.value ?? null,
				row.hits.map((hit) => `${hit.list} <${hit.entry}>`),
			]),
			[
				["10.1.2.3", "10.1.2.3", ["Entente: private-use networks (RFC 1918, RFC 4193) <10.0.0.0/8>"]],
				["8.8.8[.]9", "8.8.8.9", []],
				["hxxps://go.bit[.]ly/x", "https://go.bit.ly/x", ["List of known URL Shorteners domains <bit.ly>"]],
				[
					"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
					"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
					[
						"Entente: hashes of the empty file <e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855>",
					],
				],
				["not a value", null, []],
			],
		);
		assert.match(results[4]?.problem ?? "", /send `kind`/);
	});

	it("reads every value as the stated kind, saying why one is not", async () => {
		const { results } = WarninglistCheckResult.parse(
			await json(await check({ kind: "domain", values: ["db.test", "a b"] }), 200),
		);
		assert.deepEqual(
			results[0]?.hits.map((hit) => hit.entry),
			["test"],
		);
		assert.equal(results[1]?.observable, null);
		assert.ok((results[1]?.problem ?? "").length > 0);
	});

	it("sees a list another process loads at its next request", async () => {
		await new Warninglists(node.store).load({
			name: "Mine",
			version: 1,
			description: "our own resolvers",
			type: "cidr",
			matchingAttributes: [],
			entries: ["203.0.113.53"],
			source: "mine.json",
		});
		const { results } = WarninglistCheckResult.parse(
			await json(await check({ values: ["203.0.113.53"] }), 200),
		);
		assert.ok(results[0]?.hits.some((hit) => hit.list === "Mine"));
	});

	it("refuses bad bodies with 400, naming the field, and more values than the limit", async () => {
		const empty = await json(await check({ values: [] }), 400);
		assert.match(JSON.stringify(empty), /values/);
		await json(await check({ values: ["1.2.3.4"], kind: "ipv5" }), 400);
		const tooMany = await json(
			await check({ values: Array.from({ length: MAX_CHECK_VALUES + 1 }, () => "1") }),
			400,
		);
		assert.match(JSON.stringify(tooMany), /100000|100,000/);
		const junk = await node.request("/api/v1/warninglists/check", {
			as: node.reader,
			method: "POST",
			headers: { "content-type": "application/json" },
			body: Uint8Array.from([0x4d, 0x5a, 0x90, 0xff, 0xfe]),
		});
		assert.equal(junk.status, 400);
	});

	it("checks 100,000 values while other requests are answered", async () => {
		const values = Array.from(
			{ length: MAX_CHECK_VALUES },
			(_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
		);
		let bulkDone = false;
		const bulk = check({ values }).then(async (response) => {
			bulkDone = true;
			return WarninglistCheckResult.parse(await json(response, 200));
		});
		// Let the bulk request start, then ask something small: it must not wait for the bulk one.
		await new Promise((resolve) => setTimeout(resolve, 50));
		const small = await node.request("/api/v1/warninglists", { as: node.reader });
		assert.equal(small.status, 200);
		const answeredFirst = !bulkDone;
		const { results } = await bulk;
		assert.equal(results.length, MAX_CHECK_VALUES);
		assert.ok(results.every((row) => row.hits.length === 1));
		assert.ok(answeredFirst, "the small request was answered before the bulk check ended");
	});
});
