// POST /api/v1/patterns/evaluate: answers, located errors, the work bound, and other requests served meanwhile.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { buildTestNode, type TestNode } from "#test/support/test-node.ts";
import { PatternEvaluation } from "./shapes/index.ts";

let node: TestNode;
before(async () => {
	node = await buildTestNode({ maxBodyBytes: 8 * 1024 * 1024 });
});
after(() => node.close());

async function evaluate(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await node.request("/api/v1/patterns/evaluate", {
		as: node.user("admin"),
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const IP = {
	type: "ipv4-addr",
	spec_version: "2.1",
	id: "ipv4-addr--0b9f1ad6-0dcf-5d05-a0d1-7a1d3b1c7a11",
	value: "198.51.100.7",
};
const OBSERVED = {
	type: "observed-data",
	spec_version: "2.1",
	id: "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf",
	created: "2020-01-01T00:00:00.000Z",
	modified: "2020-01-01T00:00:00.000Z",
	first_observed: "2020-01-01T00:00:00Z",
	last_observed: "2020-01-01T00:05:00Z",
	number_observed: 2,
	object_refs: [IP.id, "ipv4-addr--00000000-0000-5000-8000-000000000000"],
};

describe("POST /api/v1/patterns/evaluate", () => {
	it("answers matched and the bindings, for a bundle as for a list, with problems located", async () => {
		const pattern = "[ipv4-addr:value ISSUBSET '198.51.100.0/24'] REPEATS 2 TIMES";
		const bundle = {
			type: "bundle",
			id: "bundle--6f2a9a7e-2c2b-4a0e-9d43-4ad5d5e5b1a0",
			objects: [IP, OBSERVED],
		};
		const answer = await evaluate({ pattern, observations: bundle });
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		const result = PatternEvaluation.parse(answer.body);
		assert.equal(result.matched, true);
		assert.deepEqual(
			result.bindings[0]?.map((b) => [b.index, b.id, b.objects, b.copy]),
			[
				[1, OBSERVED.id, [IP.id], 0],
				[1, OBSERVED.id, [IP.id], 1],
			],
		);
		assert.deepEqual(
			result.problems.map((p) => p.path),
			[["body", "observations", "objects", 1, "object_refs", 1]],
		);
		const list = PatternEvaluation.parse(
			(await evaluate({ pattern: "[ipv4-addr:value = '10.0.0.1']", observations: [IP] })).body,
		);
		assert.deepEqual([list.matched, list.problems], [false, []]);
	});

	it("answers 400 with a pattern's errors located at body.pattern, line and column", async () => {
		const answer = await evaluate({ pattern: "[ipv4-addr:value = ]", observations: [] });
		assert.equal(answer.status, 400);
		const issues = (answer.body.details as { issues: { path: unknown[]; code: string; message: string }[] })
			.issues;
		assert.deepEqual(issues[0]?.path, ["body", "pattern"]);
		assert.equal(issues[0]?.code, "pattern-syntax");
		assert.match(issues[0]?.message ?? "", /^line 1, column 20: /);
		const backref = await evaluate({ pattern: "[file:name MATCHES '(a)\\\\1']", observations: [] });
		assert.equal(backref.status, 400);
		assert.match(JSON.stringify(backref.body), /backreference.*linear-time engine/);
	});

	it("refuses a body that is not { pattern, observations }, and over 10,000 objects, saying the limit", async () => {
		const wrong = await evaluate({ pattern: "[file:name = 'a']" });
		assert.equal(wrong.status, 400);
		const many = await evaluate({
			pattern: "[file:name = 'a']",
			observations: Array.from({ length: 10_001 }, () => IP),
		});
		assert.equal(many.status, 400);
		assert.match(JSON.stringify(many.body), /10001 objects; at most 10000 per evaluation/);
	});

	it("stops at its step budget with E_API_PATTERN_TOO_COSTLY, serving other requests meanwhile", async () => {
		const scos = Array.from({ length: 10_000 }, (_, i) => ({
			type: "domain-name",
			id: `domain-name--${i}`,
			value: `${"a".repeat(80)}${i}.example`,
		}));
		let finished = false;
		const slow = evaluate({
			pattern: "[domain-name:value MATCHES '[a-z]{1,60}q']",
			observations: scos,
		}).finally(() => {
			finished = true;
		});
		let served = 0;
		while (!finished) {
			// Requests arrive as a server's do, each on a later turn of the event loop (in-process calls are only
			// promises, which never let a turn pass); /health, since the API's per-user rate limit would answer 429.
			await delay(1);
			const health = await node.request("/health");
			assert.equal(health.status, 200);
			await health.arrayBuffer();
			served++;
		}
		const answer = await slow;
		assert.equal(answer.status, 400, JSON.stringify(answer.body));
		assert.equal(answer.body.error_code, "E_API_PATTERN_TOO_COSTLY");
		assert.match(String(answer.body.description), /evaluation stopped after 20,000,000 steps/);
		// An evaluation that held the event loop would let one or two through, before it started.
		assert.ok(served >= 20, `only ${served} requests served during the evaluation`);
	});
});
