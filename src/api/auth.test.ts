// REST authentication (bearer and Basic, 401 with a challenge), role rules, input validation and unknown routes.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { type ApiNode, json, openApiNode } from "#test/support/api-node.ts";
import { ACTIONS, allow } from "./roles.ts";

let node: ApiNode;
before(async () => {
	node = await openApiNode();
});
after(() => node.close());

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

describe("authentication", () => {
	const refused: [string, string | undefined][] = [
		["no credentials", undefined],
		["an unknown token", "Bearer ent_nope"],
		["an unknown scheme", "Digest abc"],
		["Basic naming another user", "wrong"],
	];
	for (const [name, header] of refused) {
		it(`answers 401 with a challenge for ${name}`, async () => {
			const authorization = header === "wrong" ? basic("rita", node.admin.token) : header;
			const response = await node.request("/api/v1/me", {
				as: null,
				...(authorization === undefined ? {} : { headers: { authorization } }),
			});
			const body = await json(response, 401);
			assert.equal(body.error_code, "E_API_UNAUTHENTICATED");
			assert.equal(response.headers.get("www-authenticate"), 'Basic realm="entente", Bearer');
		});
	}

	it("accepts HTTP Basic with the user name and token, as TAXII does", async () => {
		const response = await node.request("/api/v1/me", {
			as: null,
			headers: { authorization: basic("rita", node.reader.token) },
		});
		const body = await json(response, 200);
		assert.deepEqual(body.user, { id: node.reader.user.id, name: "rita", role: "reader" });
	});

	it("serves the OpenAPI document without credentials", async () => {
		await json(await node.request("/api/v1/openapi.json", { as: null }), 200);
	});

	it("marks every answer no-store", async () => {
		const response = await node.request("/api/v1/facets");
		assert.equal(response.headers.get("cache-control"), "no-store");
	});
});

describe("roles", () => {
	it("orders reader < analyst < admin for every action", () => {
		for (const action of ACTIONS) {
			if (allow("reader", action)) assert.ok(allow("analyst", action), action);
			if (allow("analyst", action)) assert.ok(allow("admin", action), action);
			assert.ok(allow("admin", action), `admin may ${action}`);
		}
		assert.equal(allow("reader", "objects.read"), true);
		assert.equal(allow("reader", "policy.read"), false);
		assert.equal(allow("analyst", "policy.explain"), true);
		assert.equal(allow("analyst", "policy.write"), false);
	});

	const denied: [string, "reader" | "analyst", string, RequestInit?][] = [
		["GET /policy", "reader", "/api/v1/policy"],
		["GET /policy/versions", "reader", "/api/v1/policy/versions"],
		[
			"GET /policy/explain",
			"reader",
			"/api/v1/policy/explain?object=malware--22222222-2222-4222-8222-222222222222&to=identity--0b0b0b0b-0000-4000-8000-000000000002",
		],
		[
			"GET /policy/preview",
			"reader",
			"/api/v1/policy/preview?object=malware--22222222-2222-4222-8222-222222222222",
		],
		[
			"PUT /policy",
			"analyst",
			"/api/v1/policy",
			{ method: "PUT", body: "x: 1", headers: { "content-type": "application/yaml" } },
		],
	];
	for (const [name, role, path, init] of denied) {
		it(`refuses ${name} to a ${role} with 403 E_API_DENIED (no stored data involved)`, async () => {
			const body = await json(await node.request(path, { ...init, as: node[role] }), 403);
			assert.equal(body.error_code, "E_API_DENIED");
			assert.equal((body.details as Record<string, unknown>).action !== undefined, true);
		});
	}
});

describe("validation", () => {
	it("reports every issue with its path, query and path parameters together", async () => {
		const body = await json(await node.request("/api/v1/objects/not-an-id?purpose=fun&colour=red"), 400);
		assert.equal(body.error_code, "E_API_PARAMETER");
		const issues = (body.details as { issues: { path: string[] }[] }).issues.map((issue) =>
			issue.path.join("."),
		);
		assert.deepEqual(issues.sort(), ["path.id", "query.colour", "query.purpose"]);
	});

	it("reports each bad search parameter", async () => {
		const body = await json(await node.request("/api/v1/objects?limit=0&type=Not_A_Type&q="), 400);
		const issues = (body.details as { issues: { path: string[] }[] }).issues.map((issue) =>
			issue.path.join("."),
		);
		assert.deepEqual(issues.sort(), ["query.limit", "query.q", "query.type"]);
	});

	it("requires the parameters explain needs", async () => {
		const body = await json(await node.request("/api/v1/policy/explain"), 400);
		const issues = (body.details as { issues: { path: string[] }[] }).issues.map((issue) =>
			issue.path.join("."),
		);
		assert.deepEqual(issues.sort(), ["query.object", "query.to"]);
	});
});

describe("unknown routes", () => {
	for (const [method, path] of [
		["GET", "/api/v1/nothing"],
		["DELETE", "/api/v1/objects"],
		["GET", "/api/v1/"],
	] as const) {
		it(`${method} ${path} answers 404 JSON`, async () => {
			const body = await json(await node.request(path, { method }), 404);
			assert.equal(body.error_code, "E_API_NO_SUCH_ROUTE");
		});
	}
});

describe("sign-in limits (D35): REST is limited like TAXII, failures are logged with their source", () => {
	/** A node whose log lines are kept, and a way to read them back. */
	async function loggedNode(rateLimit?: { burst: number; perSecond: number }) {
		const lines: Record<string, unknown>[] = [];
		const sink = new Writable({
			write(chunk, _encoding, done) {
				lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
				done();
			},
		});
		const logged = await openApiNode({
			logger: pino({ level: "warn" }, sink),
			...(rateLimit === undefined ? {} : { rateLimit }),
		});
		return { node: logged, lines };
	}

	it("a source that keeps presenting bad tokens is slowed (429 with Retry-After) on REST and TAXII alike", async () => {
		const { node: guarded, lines } = await loggedNode();
		const attacker = "203.0.113.7";
		const guess = { as: null, source: attacker, headers: { authorization: "Bearer ent_guess" } };
		for (let attempt = 0; attempt < 20; attempt++)
			await json(await guarded.request("/api/v1/me", guess), 401);
		const limited = await guarded.request("/api/v1/me", guess);
		const body = await json(limited, 429);
		assert.equal(body.error_code, "E_API_RATE_LIMITED");
		assert.ok(Number(limited.headers.get("retry-after")) >= 1);
		// Even a valid token waits from that address, on either protocol; another address is not slowed.
		assert.equal((await guarded.request("/api/v1/me", { source: attacker })).status, 429);
		const taxii = await guarded.request("/taxii2/", {
			source: attacker,
			headers: { accept: "application/taxii+json;version=2.1" },
		});
		assert.equal(taxii.status, 429);
		await json(await guarded.request("/api/v1/me", { source: "198.51.100.1" }), 200);
		const failures = lines.filter((line) => line.msg === "sign-in failed: invalid credentials");
		assert.equal(failures.length, 20);
		assert.deepEqual(
			[...new Set(failures.map((line) => `${line.source} ${line.channel}`))],
			[`${attacker} api`],
		);
		assert.ok(!JSON.stringify(lines).includes("ent_guess"), "a presented token is never logged");
		await guarded.close();
	});

	it("an IPv6 client guessing from a fresh address each time is one source: its /64", async () => {
		const { node: guarded } = await loggedNode();
		const guess = (source: string) => ({ as: null, source, headers: { authorization: "Bearer ent_guess" } });
		for (let attempt = 0; attempt < 20; attempt++)
			await json(
				await guarded.request("/api/v1/me", guess(`2001:db8:7:7::${(attempt + 1).toString(16)}`)),
				401,
			);
		await json(await guarded.request("/api/v1/me", guess("2001:db8:7:7:dead:beef:0:1")), 429);
		await json(await guarded.request("/api/v1/me", guess("2001:db8:7:8::1")), 401);
		await guarded.close();
	});

	it("missing credentials are answered 401 without spending the source's budget", async () => {
		const { node: guarded, lines } = await loggedNode();
		for (let attempt = 0; attempt < 30; attempt++)
			await json(await guarded.request("/api/v1/me", { as: null, source: "192.0.2.9" }), 401);
		await json(await guarded.request("/api/v1/me", { source: "192.0.2.9" }), 200);
		assert.deepEqual(lines, []);
		await guarded.close();
	});

	it("a signed-in user's REST requests are limited per user, like TAXII's", async () => {
		const { node: guarded } = await loggedNode({ burst: 3, perSecond: 0.001 });
		for (let request = 0; request < 3; request++) await json(await guarded.request("/api/v1/me"), 200);
		const body = await json(await guarded.request("/api/v1/me"), 429);
		assert.equal(body.error_code, "E_API_RATE_LIMITED");
		// TAXII draws on the same user's bucket.
		const taxii = await guarded.request("/taxii2/", {
			headers: { accept: "application/taxii+json;version=2.1" },
		});
		assert.equal(taxii.status, 429);
		await json(await guarded.request("/api/v1/me", { as: guarded.reader }), 200);
		await guarded.close();
	});

	it("the REST API has no delete: DELETE /objects/{id} is no route", async () => {
		const body = await json(
			await node.request("/api/v1/objects/malware--22222222-2222-4222-8222-222222222222", {
				method: "DELETE",
			}),
			404,
		);
		assert.equal(body.error_code, "E_API_NO_SUCH_ROUTE");
	});
});
