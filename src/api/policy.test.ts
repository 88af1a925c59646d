// REST policy routes: read, apply (validated whole, every error located), versions, explain, preview; and /me.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
	ALPHA,
	type ApiNode,
	BETA,
	IDS,
	json,
	NODE,
	openApiNode,
	POLICY_YAML,
} from "#test/support/api-node.ts";
import { createUser } from "../accounts/index.ts";
import {
	ExplainResult,
	MeResult,
	PolicyApplied,
	PolicyResult,
	PolicyVersions,
	PreviewResult,
} from "./shapes/index.ts";

let node: ApiNode;
before(async () => {
	node = await openApiNode({ maxBodyBytes: 4096 });
});
after(() => node.close());

function put(body: string, contentType: string, as = node.admin): Promise<Response> {
	return node.request("/api/v1/policy", {
		method: "PUT",
		body,
		headers: { "content-type": contentType },
		as,
	});
}

describe("policy, in order: none, refused, applied, unchanged, replaced", () => {
	it("answers 404 E_POLICY_NOT_FOUND before any policy is applied", async () => {
		const body = await json(await node.request("/api/v1/policy", { as: node.analyst }), 404);
		assert.equal(body.error_code, "E_POLICY_NOT_FOUND");
	});

	it("refuses an invalid file whole, with every error located, and stores nothing", async () => {
		const broken = POLICY_YAML.replace("sector: cert", "sector: bakery").replace(
			"trustTier: 1",
			"trustTier: zero",
		);
		const body = await json(await put(broken, "application/yaml"), 400);
		assert.equal(body.error_code, "E_POLICY_INVALID");
		const errors = (
			body.details as { errors: { line: number; column: number; path: string; message: string }[] }
		).errors;
		assert.ok(errors.length >= 2, JSON.stringify(errors));
		assert.ok(errors.some((error) => error.line === 7 && /sector/.test(error.path)));
		assert.ok(errors.some((error) => error.line === 10 && /trustTier/.test(error.path)));
		assert.deepEqual(
			PolicyVersions.parse(await json(await node.request("/api/v1/policy/versions"), 200)).items,
			[],
		);
	});

	it("refuses a file for another node", async () => {
		const body = await json(
			await put(POLICY_YAML.replace(`node: ${NODE}`, "node: elsewhere"), "application/yaml"),
			400,
		);
		assert.equal(body.error_code, "E_POLICY_INVALID");
	});

	it("applies a valid YAML file as version 1, recorded as applied by the user", async () => {
		const applied = PolicyApplied.parse(await json(await put(POLICY_YAML, "application/yaml"), 200));
		assert.equal(applied.version, 1);
		assert.equal(applied.applied, true);
		assert.deepEqual(applied.summary, {
			parties: 2,
			localParties: 1,
			jurisdictions: 1,
			agreements: 1,
			communities: 0,
		});
		const versions = PolicyVersions.parse(await json(await node.request("/api/v1/policy/versions"), 200));
		assert.deepEqual(
			versions.items.map((item) => [item.version, item.appliedBy]),
			[[1, "api:alice"]],
		);
	});

	it("does not store the same text twice", async () => {
		const again = PolicyApplied.parse(
			await json(await put(JSON.stringify({ text: POLICY_YAML }), "application/json; charset=utf-8"), 200),
		);
		assert.deepEqual([again.version, again.applied], [1, false]);
	});

	it("takes JSON { text } and returns the new version", async () => {
		const text = `# second\n${POLICY_YAML}`;
		const applied = PolicyApplied.parse(
			await json(await put(JSON.stringify({ text }), "application/json"), 200),
		);
		assert.deepEqual([applied.version, applied.applied], [2, true]);
		const latest = PolicyResult.parse(
			await json(await node.request("/api/v1/policy", { as: node.analyst }), 200),
		);
		assert.equal(latest.version, 2);
		assert.equal(latest.text, text);
		const first = PolicyResult.parse(await json(await node.request("/api/v1/policy?version=1"), 200));
		assert.equal(first.text, POLICY_YAML);
		await json(await node.request("/api/v1/policy?version=9"), 404);
	});

	it("refuses bodies of the wrong type, shape or size", async () => {
		assert.equal((await json(await put(POLICY_YAML, "application/xml"), 415)).error_code, "E_API_MEDIA_TYPE");
		const shape = await json(await put(JSON.stringify({ text: 1, extra: true }), "application/json"), 400);
		const paths = (shape.details as { issues: { path: string[] }[] }).issues.map((issue) =>
			issue.path.join("."),
		);
		assert.deepEqual(paths.sort(), ["body.extra", "body.text"]);
		assert.equal((await json(await put("{", "application/json"), 400)).error_code, "E_API_PARAMETER");
		const large = await json(await put(`# ${"x".repeat(5000)}\n`, "application/yaml"), 413);
		assert.equal(large.error_code, "E_API_BODY_TOO_LARGE");
	});
});

describe("explain and preview", () => {
	it("explains a visible object's decision for a party, with its trace", async () => {
		const path = `/api/v1/policy/explain?object=${IDS.malware}&to=${BETA}&purpose=research`;
		const body = ExplainResult.parse(await json(await node.request(path, { as: node.analyst }), 200));
		assert.equal(body.decision.verdict, "full");
		assert.equal(body.purpose, "research");
		assert.match(body.decision.trace[0]?.reason ?? "", /research/);
	});

	it("previews who receives what", async () => {
		const path = `/api/v1/policy/preview?object=${IDS.malware}`;
		const body = PreviewResult.parse(await json(await node.request(path, { as: node.analyst }), 200));
		assert.equal(body.purpose, "network-defence");
		assert.deepEqual(
			body.parties.map((party) => [party.partyId, party.verdict, party.decidingRule]),
			[[BETA, "transformed", "law.transfer"]],
		);
	});

	it("keeps the policy, its decisions and previews from a partner's users, whatever their role", async () => {
		await node.store.putOrganization({
			id: BETA,
			name: "Beta Bank",
			sectors: ["private"],
			jurisdictions: ["GB"],
			createdAt: "2024-01-01T00:00:00.000Z",
			local: false,
		});
		// A partner's user is at most an analyst (D35: createUser refuses an admin, sign-in refuses a stored one).
		const { token, user } = await createUser(node.store, {
			organizationId: BETA,
			name: "bob",
			role: "analyst",
		});
		const partner = { token, user };
		const asked = [
			node.request("/api/v1/policy", { as: partner }),
			node.request("/api/v1/policy/versions", { as: partner }),
			node.request(`/api/v1/policy/explain?object=${IDS.malware}&to=${ALPHA}`, { as: partner }),
			node.request(`/api/v1/policy/preview?object=${IDS.malware}`, { as: partner }),
			node.request("/api/v1/policy/preview", {
				as: partner,
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ objects: [] }),
			}),
		];
		for (const response of await Promise.all(asked)) {
			const body = await json(response, 403);
			assert.equal(body.error_code, "E_API_DENIED");
			assert.match(String(body.description), /own organisations/);
		}
		// Objects stay readable: the gate, not the route, decides what a partner's user receives.
		await json(await node.request(`/api/v1/objects?limit=1`, { as: partner }), 200);
	});
});

describe("GET /api/v1/me", () => {
	it("names the user, role, organisation and its party in the policy", async () => {
		const body = MeResult.parse(await json(await node.request("/api/v1/me", { as: node.reader }), 200));
		assert.deepEqual(body.user, { id: node.reader.user.id, name: "rita", role: "reader" });
		assert.equal(body.organization?.id, ALPHA);
		assert.deepEqual(body.party, { id: ALPHA, name: "Alpha CERT", sector: "cert", node: NODE, local: true });
	});
});
