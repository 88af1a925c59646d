import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { basic, json, openTaxiiNode, ROOT, type TaxiiNode } from "#test/support/taxii-node.ts";
import { TAXII_MEDIA_TYPE } from "./media-types.ts";

describe("TAXII server information, media types and authentication", () => {
	let node: TaxiiNode;
	before(async () => {
		node = await openTaxiiNode({ maxContentLength: 1234567 });
	});
	after(() => node.close());

	it("§4.1 discovery lists the API root and marks it default", async () => {
		const response = await node.request("/taxii2/");
		assert.equal(response.status, 200);
		assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
		const body = await json(response);
		assert.equal(typeof body.title, "string");
		assert.deepEqual(body.api_roots, ["/taxii2/api/"]);
		assert.equal(body.default, "/taxii2/api/");
	});

	it("§4.2 API root advertises versions and max_content_length", async () => {
		const response = await node.request(`${ROOT}/`);
		assert.equal(response.status, 200);
		const body = await json(response);
		assert.deepEqual(body.versions, [TAXII_MEDIA_TYPE]);
		assert.equal(body.max_content_length, 1234567);
	});

	it("§4.2 an unknown API root is 404 with a TAXII error body", async () => {
		const response = await node.request("/taxii2/nope/");
		assert.equal(response.status, 404);
		assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
		const body = await json(response);
		assert.equal(body.http_status, "404");
		assert.equal(body.title, "Not Found");
	});

	it("§3.1 a TAXII path without its trailing slash is redirected (308, query kept); other paths are 404", async () => {
		const cases = [
			["/taxii2", "/taxii2/"],
			[ROOT, `${ROOT}/`],
			[`${ROOT}/collections?x=1`, `${ROOT}/collections/?x=1`],
			[`${ROOT}/status/${"0".repeat(8)}`, `${ROOT}/status/${"0".repeat(8)}/`],
			[
				`${ROOT}/collections/c/objects/indicator--x/versions?match[spec_version]=2.1`,
				`${ROOT}/collections/c/objects/indicator--x/versions/?match[spec_version]=2.1`,
			],
		];
		for (const [path, location] of cases) {
			const response = await node.request(String(path), { as: null, method: "DELETE" });
			assert.equal(response.status, 308, path);
			assert.equal(response.headers.get("location"), location);
		}
		const unknown = await node.request(`${ROOT}/nothing/here/`);
		assert.equal(unknown.status, 404);
		assert.match(String((await json(unknown)).description), /no such TAXII endpoint/);
		assert.equal((await node.request(`${ROOT}/nothing`)).status, 404);
	});

	it("RFC 9110 §15.5.6: a method the resource does not define is 405 with Allow; OPTIONS answers Allow", async () => {
		const objects = `${ROOT}/collections/${node.defaultCollection.id}/objects/`;
		const cases: [string, string, string][] = [
			["/taxii2/", "POST", "GET, HEAD, OPTIONS"],
			[`${ROOT}/collections/`, "PUT", "GET, HEAD, OPTIONS"],
			[objects, "DELETE", "GET, HEAD, POST, OPTIONS"],
			[`${objects}indicator--${randomUUID()}/`, "PATCH", "GET, HEAD, DELETE, OPTIONS"],
			[`${ROOT}/collections/${node.defaultCollection.id}/manifest/`, "POST", "GET, HEAD, OPTIONS"],
		];
		for (const [path, method, allow] of cases) {
			const refused = await node.request(path, { method });
			assert.equal(refused.status, 405, `${method} ${path}`);
			assert.equal(refused.headers.get("allow"), allow);
			assert.equal(refused.headers.get("content-type"), TAXII_MEDIA_TYPE);
			assert.equal((await json(refused)).http_status, "405");
			const options = await node.request(path, { method: "OPTIONS", as: null });
			assert.equal(options.status, 204, `OPTIONS ${path}`);
			assert.equal(options.headers.get("allow"), allow);
		}
		// Unauthenticated, a wrong method is still a 401 first: the 405 is for signed-in clients.
		assert.equal((await node.request(`${ROOT}/collections/`, { method: "PUT", as: null })).status, 401);
	});

	it("§5.3 Get Object Manifests accepts application/stix+json;version=2.1, listed among its Accept values", async () => {
		const manifest = `${ROOT}/collections/${node.defaultCollection.id}/manifest/`;
		for (const accept of [
			"application/stix+json;version=2.1",
			"application/taxii+json;version=2.1,application/stix+json;version=2.1",
			"application/stix+json",
		]) {
			const response = await node.request(manifest, { headers: { Accept: accept } });
			assert.equal(response.status, 200, accept);
			assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
		}
		const objects = await node.request(`${ROOT}/collections/${node.defaultCollection.id}/objects/`, {
			headers: { Accept: "application/stix+json;version=2.1" },
		});
		assert.equal(objects.status, 406, "Get Objects lists only the TAXII type (§5.4)");
	});

	describe("§1.6.8 content negotiation", () => {
		for (const accept of [
			TAXII_MEDIA_TYPE,
			"application/taxii+json",
			"application/taxii+json; version=2.1",
			"*/*",
			"application/*",
			"text/html, application/taxii+json;q=0.5",
		]) {
			it(`§1.6.8.2 Accept: ${accept} is answered with 2.1`, async () => {
				const response = await node.request("/taxii2/", { headers: { Accept: accept } });
				assert.equal(response.status, 200);
				assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
			});
		}
		for (const accept of [
			"application/json",
			"application/taxii+json;version=2.0",
			"text/html",
			"application/taxii+json;q=0",
		]) {
			it(`§3.1 Accept: ${accept} is 406 with a TAXII error body`, async () => {
				const response = await node.request("/taxii2/", { headers: { Accept: accept } });
				assert.equal(response.status, 406);
				assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
				assert.equal((await json(response)).http_status, "406");
			});
		}
	});

	describe("§1.6.9 authentication", () => {
		it("§1.6.9 no credentials: 401 with WWW-Authenticate and a TAXII error body", async () => {
			const response = await node.request("/taxii2/", { as: null });
			assert.equal(response.status, 401);
			assert.equal(response.headers.get("www-authenticate"), 'Basic realm="entente", Bearer');
			assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
			const body = await json(response);
			assert.equal(body.http_status, "401");
			assert.equal(body.title, "Unauthorized");
		});

		it("§8.2.2 HTTP Basic with the user name or id and the API token as password", async () => {
			const byName = await node.request("/taxii2/", {
				as: null,
				headers: { Authorization: basic("alice", node.admin.token) },
			});
			assert.equal(byName.status, 200);
			const byId = await node.request("/taxii2/", {
				as: null,
				headers: { Authorization: basic(node.admin.user.id, node.admin.token) },
			});
			assert.equal(byId.status, 200);
		});

		for (const [label, header] of [
			["a wrong token", "Bearer ent_not-a-token"],
			["Basic naming another user", "BASIC_WRONG_NAME"],
			["Basic without a colon", `Basic ${Buffer.from("alice").toString("base64")}`],
			["an unknown scheme", "Digest abc"],
			["an empty bearer", "Bearer "],
		] as const) {
			it(`§1.6.9 ${label} is 401`, async () => {
				const authorization = header === "BASIC_WRONG_NAME" ? basic("bob", node.admin.token) : header;
				const response = await node.request("/taxii2/", {
					as: null,
					headers: { Authorization: authorization },
				});
				assert.equal(response.status, 401);
				assert.ok(response.headers.get("www-authenticate"));
			});
		}
	});

	describe("§5.1 and §5.2 collections", () => {
		it("§5.1 lists the seeded default collection with rights and media types", async () => {
			const response = await node.request(`${ROOT}/collections/`);
			assert.equal(response.status, 200);
			const body = await json(response);
			const collections = body.collections as Record<string, unknown>[];
			assert.equal(collections.length, 1);
			assert.deepEqual(collections[0], {
				id: node.defaultCollection.id,
				title: node.defaultCollection.title,
				description: node.defaultCollection.description,
				alias: "all",
				can_read: true,
				can_write: true,
				media_types: ["application/stix+json;version=2.1"],
			});
		});

		it("§5.2 one collection, by id and by alias; a reader cannot write", async () => {
			const byId = await node.request(`${ROOT}/collections/${node.defaultCollection.id}/`, {
				as: node.reader,
			});
			assert.equal(byId.status, 200);
			const body = await json(byId);
			assert.equal(body.can_read, true);
			assert.equal(body.can_write, false);
			const byAlias = await node.request(`${ROOT}/collections/all/`);
			assert.equal((await json(byAlias)).id, node.defaultCollection.id);
		});

		it("§5.2 a collection the client may not see answers exactly like one that does not exist", async () => {
			const hidden = randomUUID();
			await node.defineCollections([
				node.defaultCollection,
				{
					id: hidden,
					title: "B only",
					read: { organizations: [node.other.user.organizationId] },
					write: { organizations: [node.other.user.organizationId] },
					filter: {},
				},
			]);
			const seen = await node.request(`${ROOT}/collections/${hidden}/`, { as: node.other });
			assert.equal(seen.status, 200);
			const hiddenAnswer = await node.request(`${ROOT}/collections/${hidden}/`);
			const missingAnswer = await node.request(`${ROOT}/collections/${randomUUID()}/`);
			assert.equal(hiddenAnswer.status, 404);
			assert.equal(missingAnswer.status, 404);
			assert.equal(await hiddenAnswer.text(), await missingAnswer.text());
			for (const suffix of ["objects/", "manifest/"]) {
				const a = await node.request(`${ROOT}/collections/${hidden}/${suffix}`);
				const b = await node.request(`${ROOT}/collections/${randomUUID()}/${suffix}`);
				assert.equal(a.status, 404);
				assert.equal(await a.text(), await b.text());
			}
			const list = await json(await node.request(`${ROOT}/collections/`));
			assert.equal((list.collections as unknown[]).length, 1);
			await node.defineCollections([node.defaultCollection]);
		});

		it("§5.1.1 no visible collection at all is {}", async () => {
			await node.defineCollections([
				{
					id: randomUUID(),
					title: "admins only",
					read: { organizations: "local", roles: ["admin"] },
					write: { organizations: "local", roles: ["admin"] },
					filter: {},
				},
			]);
			const response = await node.request(`${ROOT}/collections/`, { as: node.reader });
			assert.deepEqual(await json(response), {});
			await node.defineCollections([node.defaultCollection]);
		});
	});
});

describe("rate limiting", () => {
	it("a client over its token bucket gets 429 with Retry-After and a TAXII body; others are unaffected", async () => {
		const node = await openTaxiiNode({ rateLimit: { burst: 3, perSecond: 0.5 } });
		try {
			for (let i = 0; i < 3; i++) assert.equal((await node.request("/taxii2/")).status, 200);
			const limited = await node.request("/taxii2/");
			assert.equal(limited.status, 429);
			assert.equal(limited.headers.get("retry-after"), "2");
			assert.equal(limited.headers.get("content-type"), TAXII_MEDIA_TYPE);
			assert.equal((await json(limited)).http_status, "429");
			assert.equal((await node.request("/taxii2/", { as: node.other })).status, 200);
		} finally {
			await node.close();
		}
	});
});
