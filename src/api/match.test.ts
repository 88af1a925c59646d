// POST /match: many values at once, each answered (a bad one with its own error), only released copies matched,
// bounded in bytes and values, and never holding the event loop while a long list is matched.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { json } from "#test/support/api-node.ts";
import {
	ALPHA,
	BETA,
	openSearchNode,
	SEARCH_IDS,
	SEARCH_SECRETS,
	type SearchNode,
	TLP_GREEN,
} from "#test/support/search-node.ts";
import { MAX_MATCH_VALUES, MatchResult } from "./shapes/index.ts";

let node: SearchNode;
before(async () => {
	node = await openSearchNode();
});
after(() => node.close());

function post(body: string, type = "application/json"): Promise<Response> {
	return node.request("/api/v1/match", { method: "POST", headers: { "content-type": type }, body });
}

async function match(values: unknown[], extra: Record<string, unknown> = {}): Promise<MatchResult> {
	return MatchResult.parse(await json(await post(JSON.stringify({ values, ...extra })), 200));
}

describe("POST /api/v1/match", () => {
	it("answers each value in order: its normal form, the released objects matching it, their source and markings", async () => {
		const answer = await match([
			"198[.]51[.]100[.]7",
			"sub.evil.example.com",
			"nothing here at all",
			{ kind: "ipv4", value: "999.1.1.1" },
			"203.0.113.9",
		]);
		assert.deepEqual([answer.values, answer.matched, answer.invalid], [5, 2, 2]);
		const [ip, domain, text, bad, hidden] = answer.results;
		assert.deepEqual(ip?.observable, { kind: "ipv4", value: "198.51.100.7" });
		const c2 = ip?.matches.find((hit) => hit.id === SEARCH_IDS.c2);
		assert.deepEqual(
			{ relation: c2?.relation, source: c2?.source, markings: c2?.markings, confidence: c2?.confidence },
			{ relation: "exact", source: ALPHA, markings: [TLP_GREEN], confidence: 80 },
		);
		assert.equal(ip?.matches.find((hit) => hit.id === SEARCH_IDS.range)?.source, BETA);
		assert.equal(ip?.matches[0]?.relation, "exact");
		assert.ok(!ip?.matches.some((hit) => hit.id === SEARCH_IDS.hiddenC2));
		assert.deepEqual(domain?.matches.map((hit) => [hit.id, hit.relation]).sort(), [
			[SEARCH_IDS.evil, "parent-domain"],
			[SEARCH_IDS.parent, "parent-domain"],
		]);
		assert.match(text?.error ?? "", /not a value/);
		assert.equal(bad?.input, "999.1.1.1");
		assert.ok(bad?.error);
		assert.deepEqual([hidden?.total, hidden?.matches], [0, []]);
		for (const secret of SEARCH_SECRETS.filter((secret) => secret !== "203.0.113.9"))
			assert.ok(!JSON.stringify(answer).includes(secret), secret);
	});

	it("matches exact values only when asked", async () => {
		const answer = await match(["sub.evil.example.com", "198.51.100.7"], { related: false });
		assert.equal(answer.results[0]?.total, 0);
		assert.ok(answer.results[1]?.matches.every((hit) => hit.relation === "exact"));
	});

	it("reads text/plain, one value per line", async () => {
		const answer = MatchResult.parse(
			await json(await post("198.51.100.7\r\n\nevil.example.com\n", "text/plain"), 200),
		);
		assert.deepEqual(
			answer.results.map((row) => row.input),
			["198.51.100.7", "evil.example.com"],
		);
		assert.equal(answer.matched, 2);
	});

	it("answers a 100 KB value with its own error, and the others still", async () => {
		const answer = await match(["a".repeat(100_000), "198.51.100.7"]);
		assert.ok(answer.results[0]?.error);
		assert.ok((answer.results[0]?.input.length ?? 0) > 0);
		assert.ok((answer.results[1]?.total ?? 0) > 0);
	});

	it("refuses more values than the limit with 413, naming it", async () => {
		const body = await json(
			await post(JSON.stringify({ values: Array(MAX_MATCH_VALUES + 1).fill("1.2.3.4") })),
			413,
		);
		assert.equal(body.error_code, "E_API_MATCH_TOO_MANY");
		assert.match(String(body.error_message ?? body.message ?? JSON.stringify(body)), /100000/);
	});

	it("refuses binary junk and other shapes with 400, and other media types with 415", async () => {
		const junk = await node.request("/api/v1/match", {
			method: "POST",
			headers: { "content-type": "text/plain" },
			body: new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28]),
		});
		assert.equal((await json(junk, 400)).error_code, "E_API_PARAMETER");
		assert.equal((await json(await post('{"values": "1.2.3.4"}'), 400)).error_code, "E_API_PARAMETER");
		assert.equal((await json(await post("{}", "application/xml"), 415)).error_code, "E_API_MEDIA_TYPE");
	});

	it("refuses a body over its byte limit with 413", async () => {
		const response = await post(`{"values":["${"1".repeat(17 * 1024 * 1024)}"]}`);
		assert.equal((await json(response, 413)).error_code, "E_API_BODY_TOO_LARGE");
	});

	it("answers other requests while a long list is matched", async () => {
		const values = Array.from({ length: MAX_MATCH_VALUES }, (_, i) => `198.51.${(i >> 8) & 255}.${i & 255}`);
		let matchedAt: number | undefined;
		const long = post(JSON.stringify({ values })).then(async (response) => {
			await response.text();
			matchedAt = performance.now();
			return response.status;
		});
		// A timer only fires if the match lets the event loop turn; then another request is answered before it ends.
		await sleep(50);
		const other = await node.request("/api/v1/me");
		const answeredAt = performance.now();
		assert.equal(other.status, 200);
		assert.equal(matchedAt, undefined, "the match ended before the other request was answered");
		assert.equal(await long, 200);
		assert.ok((matchedAt ?? 0) > answeredAt);
	});
});
