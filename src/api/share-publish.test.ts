// POST /objects (publishing) and what both share routes refuse: roles, media types, bodies, sizes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { indicator, NCA, openShareNode, report, type ShareNode } from "#test/support/share-node.ts";
import { PublishResult } from "./shapes/index.ts";

let node: ShareNode;
before(async () => {
	node = await openShareNode();
});
after(() => node.close());

describe("POST /objects: publishing as your organisation", () => {
	it("stores valid objects as the caller's organisation and rejects an invalid one whole, with every issue", async () => {
		const valid = indicator(60);
		const broken = { ...indicator(61), pattern_type: "stix", pattern: "[ipv4-addr:value = ]", valid_from: 7 };
		const answer = await node.call("POST", "/api/v1/objects", {
			body: { type: "bundle", id: "bundle--5a4e0000-0000-4000-8000-000000000060", objects: [valid, broken] },
		});
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		const published = PublishResult.parse(answer.body);
		assert.deepEqual(published.counts, { stored: 1, duplicate: 0, quarantined: 0, rejected: 1 });
		assert.deepEqual(
			published.results.map((r) => [r.index, r.status, r.id]),
			[
				[0, "stored", valid.id],
				[1, "rejected", broken.id],
			],
		);
		const paths = (published.results[1]?.issues ?? []).map((issue) => issue.path).sort();
		assert.deepEqual(paths, ["$.pattern", "$.valid_from"]);
		const [stored] = await node.store.getVersions(valid.id);
		assert.deepEqual(stored?.provenance, { organizationId: NCA, source: "api:publish" });
		assert.deepEqual(await node.store.getVersions(broken.id), []);
	});

	it("answers a second publish of the same objects as duplicates, and other content as quarantined", async () => {
		const again = await node.call("POST", "/api/v1/objects", {
			body: { objects: [indicator(60), { ...indicator(60), name: "renamed without a new version" }] },
		});
		const published = PublishResult.parse(again.body);
		assert.deepEqual(
			published.results.map((r) => r.status),
			["duplicate", "quarantined"],
		);
		assert.match(published.results[1]?.reason ?? "", /differs from the stored version .* in: name/);
	});

	it("previews the same quarantine before it happens, judging the version that stays stored", async () => {
		const answer = await node.call("POST", "/api/v1/policy/preview", {
			body: { objects: [{ ...indicator(60), name: "renamed again" }] },
		});
		assert.equal(answer.status, 200, JSON.stringify(answer.body));
		const [judged] = answer.body.objects as { outcome: string; name: string }[];
		assert.equal(judged?.outcome, "quarantined");
		assert.equal(judged?.name, "Compromised host 60");
	});
});

describe("what the share routes refuse", () => {
	const routes = ["/api/v1/policy/preview", "/api/v1/objects"];
	const objects = [indicator(70), report(70, [indicator(70).id])];

	for (const route of routes) {
		it(`POST ${route} needs the analyst role: a reader gets 403 and nothing is stored`, async () => {
			const before = await node.counts();
			const answer = await node.call("POST", route, { body: { objects }, token: node.readerToken });
			assert.equal(answer.status, 403);
			assert.equal(answer.body.error_code, "E_API_DENIED");
			assert.deepEqual((answer.body.details as { required_role: string }).required_role, "analyst");
			assert.deepEqual(await node.counts(), before);
		});

		it(`POST ${route} refuses bodies of the wrong type, shape or size, naming the fix`, async () => {
			const xml = await node.call("POST", route, { body: "<stix/>", contentType: "application/xml" });
			assert.deepEqual([xml.status, xml.body.error_code], [415, "E_API_MEDIA_TYPE"]);
			const syntax = await node.call("POST", route, { body: '{"objects": [' });
			assert.equal(syntax.status, 400);
			const [issue] = (syntax.body.details as { issues: { path: string[]; code: string }[] }).issues;
			assert.deepEqual([issue?.path, issue?.code], [["body"], "E_JSON_SYNTAX"]);
			const shape = await node.call("POST", route, { body: { objects: {}, colour: "red" } });
			const paths = (shape.body.details as { issues: { path: string[] }[] }).issues.map((i) =>
				i.path.join("."),
			);
			assert.deepEqual(paths.sort(), ["body.colour", "body.objects"]);
			const bare = await node.call("POST", route, { body: indicator(71) });
			assert.match(String(bare.body.description), /wrap a single object as \{ "objects": \[object\] \}/);
			const large = await node.call("POST", route, {
				body: { objects: [{ ...indicator(72), description: "x".repeat(1024 * 1024) }] },
			});
			assert.deepEqual([large.status, large.body.error_code], [413, "E_API_BODY_TOO_LARGE"]);
		});
	}
});
