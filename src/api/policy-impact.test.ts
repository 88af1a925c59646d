// REST policy impact (D62): a job started with the proposed file, followed to its answer; bad files and roles refused.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALPHA, BETA, json, NODE, POLICY_YAML } from "#test/support/api-node.ts";
import { buildTestNode, type TestNode } from "#test/support/test-node.ts";
import { parsePolicyFile } from "../policy/index.ts";
import type { StixObject } from "../stix/core.ts";
import { TLP2_DEFINITIONS } from "../stix/markings/index.ts";
import { ImpactJob, ImpactJobStarted } from "./shapes/index.ts";

const T = "2025-01-01T00:00:00.000Z";
const indicator = (n: number, marking: string): StixObject => ({
	type: "indicator",
	spec_version: "2.1",
	id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
	created: T,
	modified: T,
	name: `indicator ${n}`,
	pattern: `[domain-name:value = 'host${n}.example']`,
	pattern_type: "stix",
	valid_from: T,
	object_marking_refs: [marking],
});
const GREEN = TLP2_DEFINITIONS.green.id;
const RED = TLP2_DEFINITIONS.red.id;
/** The same policy with the agreement ended: Beta would receive nothing. */
const ENDED = POLICY_YAML.replace(
	"validity: { from: 2024-01-01 }",
	"validity: { from: 2024-01-01, until: 2024-06-01 }",
);

let node: TestNode;
before(async () => {
	const parsed = parsePolicyFile(POLICY_YAML, "policy.yaml", { nodeName: NODE });
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	node = await buildTestNode({
		nodeName: NODE,
		organizations: [{ id: ALPHA, name: "Alpha CERT", sectors: ["cert"], jurisdictions: ["GB"] }],
		policy: parsed.policy,
		policyText: POLICY_YAML,
		users: {
			analyst: { organizationId: ALPHA, name: "anna", role: "analyst" },
			other: { organizationId: ALPHA, name: "otto", role: "analyst" },
			reader: { organizationId: ALPHA, name: "rita", role: "reader" },
			partner: { organizationId: BETA, name: "bob", role: "analyst" },
		},
	});
	const objects = [...[1, 2, 3, 4].map((n) => indicator(n, GREEN)), indicator(5, RED)];
	const outcomes = await node.store.putVersions(
		objects.map((object) => ({ object, provenance: { organizationId: ALPHA, source: "test" } })),
	);
	assert.ok(outcomes.every((o) => o.status === "stored"));
});
after(() => node.close());

function start(body: string, as = node.user("analyst"), contentType = "application/yaml"): Promise<Response> {
	return node.request("/api/v1/policy/impact", {
		method: "POST",
		body,
		headers: { "content-type": contentType },
		as,
	});
}

async function followed(job: string, as = node.user("analyst")): Promise<ImpactJob> {
	for (;;) {
		const answer = ImpactJob.parse(
			await json(await node.request(`/api/v1/policy/impact/${job}`, { as }), 200),
		);
		if (answer.state !== "running") return answer;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe("POST /policy/impact and GET /policy/impact/{job}", () => {
	it("answers 202 with the job, then per party what it would gain and lose, with examples and their rule", async () => {
		const response = await start(JSON.stringify({ text: ENDED }), node.user("analyst"), "application/json");
		const started = ImpactJobStarted.parse(await json(response, 202));
		assert.equal(started.total, 5);
		const done = await followed(started.job);
		assert.equal(done.state, "done", done.error);
		assert.equal(done.done, done.total);
		const result = done.result;
		assert.ok(result !== undefined);
		assert.equal(result.baseVersion, 1);
		assert.equal(result.objects, 5);
		const beta = result.parties.find((p) => p.id === BETA);
		assert.deepEqual(
			[beta?.before, beta?.after, beta?.gained, beta?.lost],
			[4, 0, 0, 4],
			"Beta received the four green indicators under the agreement, and would receive none once it ended",
		);
		assert.equal(beta?.lostExamples.length, 3);
		for (const example of beta?.lostExamples ?? []) {
			assert.equal(example.type, "indicator");
			assert.match(example.name ?? "", /^indicator [1-4]$/);
			assert.ok(example.rule.length > 0 && example.reason.length > 0, JSON.stringify(example));
		}
		const alpha = result.parties.find((p) => p.id === ALPHA);
		assert.deepEqual([alpha?.before, alpha?.after, alpha?.gained, alpha?.lost], [5, 5, 0, 0]);
	});

	it("refuses a file with errors with each error's line and column, and starts nothing", async () => {
		const body = await json(await start(POLICY_YAML.replace("sector: cert", "sector: bakery")), 400);
		assert.equal(body.error_code, "E_POLICY_INVALID");
		const errors = (body.details as { errors: { line: number; column: number; path: string }[] }).errors;
		assert.ok(
			errors.some((e) => e.line === 7 && e.column > 0 && /sector/.test(e.path)),
			JSON.stringify(errors),
		);
	});

	it("is for the node's own analysts: a reader and a partner's user are refused", async () => {
		assert.equal((await json(await start(ENDED, node.user("reader")), 403)).error_code, "E_API_DENIED");
		assert.equal((await json(await start(ENDED, node.user("partner")), 403)).error_code, "E_API_DENIED");
	});

	it("shows a job to its own user only, and answers 404 for one that never was", async () => {
		const { job } = ImpactJobStarted.parse(await json(await start(ENDED), 202));
		const other = await json(
			await node.request(`/api/v1/policy/impact/${job}`, { as: node.user("other") }),
			404,
		);
		assert.equal(other.error_code, "E_POLICY_IMPACT_NOT_FOUND");
		await followed(job);
		const none = await json(
			await node.request("/api/v1/policy/impact/nothing", { as: node.user("analyst") }),
			404,
		);
		assert.equal(none.error_code, "E_POLICY_IMPACT_NOT_FOUND");
	});
});
