// Our TAXII client against our TAXII server, in-process: the client's fetch calls the Hono app directly.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { indicator, malware, openTaxiiNode, type TaxiiNode } from "#test/support/taxii-node.ts";
import { TaxiiClient } from "./client/index.ts";

const ROOT_URL = "http://127.0.0.1/taxii2/api/";
type Obj = Record<string, unknown>;

const keyOf = (object: Obj): string => `${String(object.id)}|${String(object.modified)}`;

describe("TaxiiClient against the Entente TAXII server", () => {
	let node: TaxiiNode;
	let client: TaxiiClient;
	let collectionId: string;
	const seeded: Obj[] = [];
	const versioned = indicator({ name: "three versions" });

	before(async () => {
		node = await openTaxiiNode();
		client = new TaxiiClient(ROOT_URL, {
			fetch: node.fetch,
			auth: { kind: "bearer", token: node.admin.token },
			retry: { maxAttempts: 1 },
		});
		collectionId = node.defaultCollection.id;
		seeded.push(
			versioned,
			{ ...versioned, modified: "2024-02-01T00:00:00.000Z" },
			{ ...versioned, modified: "2024-03-01T00:00:00.000Z", name: "retired" },
		);
		for (let i = 0; i < 20; i++) seeded.push(i % 5 === 0 ? malware() : indicator());
		await node.seed(seeded);
	});
	after(() => node.close());

	it("§4.1, §4.2, §5.1: discovery, the API root and the collections", async () => {
		const discovery = await client.discovery();
		assert.deepEqual(discovery.api_roots, ["/taxii2/api/"]);
		const connected = await TaxiiClient.connect("http://127.0.0.1/taxii2/", {
			fetch: node.fetch,
			auth: { kind: "basic", user: "alice", password: node.admin.token },
		});
		assert.equal(connected.apiRootUrl, ROOT_URL, "discovery's default root, credentials kept on one origin");
		assert.ok((await client.apiRoot()).max_content_length > 0);
		const collections = await client.collections();
		assert.deepEqual(
			collections.map((c) => [c.id, c.can_read, c.can_write]),
			[[collectionId, true, true]],
		);
		assert.equal((await client.collection("all")).id, collectionId, "by alias too");
	});

	it("§3.5 pages every version with limit and next, never more than limit, never repeating", async () => {
		const pages: number[] = [];
		const received: string[] = [];
		for await (const page of client.objectPages(collectionId, { limit: 4, match: { version: ["all"] } })) {
			pages.push(page.items.length);
			for (const item of page.items) {
				assert.ok(!("error" in item));
				if (!("error" in item)) received.push(keyOf(item.object));
			}
		}
		assert.ok(pages.length >= Math.ceil(seeded.length / 4), `pages: ${pages.join(",")}`);
		assert.ok(pages.every((n) => n <= 4));
		assert.deepEqual(received, seeded.map(keyOf), "every version once, in date_added order");
		const latest: string[] = [];
		for await (const object of client.getObjects(collectionId, { limit: 5 })) latest.push(keyOf(object));
		assert.equal(latest.length, seeded.length - 2, "match[version]=last by default");
		assert.ok(latest.includes(keyOf(seeded[2] ?? {})));
	});

	it("§3.5 resumes from X-TAXII-Date-Added-Last with added_after", async () => {
		const pages = client.objectPages(collectionId, { limit: 10, match: { version: ["all"] } });
		const first = (await pages.next()).value;
		await pages.return(undefined);
		assert.ok(first?.dateAddedLast !== undefined);
		let rest = 0;
		for await (const page of client.objectPages(collectionId, {
			addedAfter: first.dateAddedLast,
			match: { version: ["all"] },
		}))
			rest += page.items.length;
		assert.equal(rest, seeded.length - 10);
	});

	it("§5.6, §5.8: one object's versions, paged one at a time", async () => {
		const id = String(versioned.id);
		const all = await client.getObject(collectionId, id, { limit: 1, match: { version: ["all"] } });
		assert.deepEqual(all.map(keyOf), seeded.slice(0, 3).map(keyOf));
		const first = await client.getObject(collectionId, id, { match: { version: ["first"] } });
		assert.deepEqual(first.map(keyOf), [keyOf(versioned)]);
		assert.deepEqual(await client.versions(collectionId, id, { limit: 1 }), [
			"2024-01-01T00:00:00.000Z",
			"2024-02-01T00:00:00.000Z",
			"2024-03-01T00:00:00.000Z",
		]);
	});

	it("§5.3: the manifest, one record per version", async () => {
		let records = 0;
		for await (const page of client.manifest(collectionId, { limit: 7, match: { version: ["all"] } })) {
			records += page.records.length;
			for (const record of page.records) assert.match(record.date_added, /\.\d{6}Z$/);
		}
		assert.equal(records, seeded.length);
	});

	it("§5.5, §4.3: posts envelopes, reads the status back, and re-posting is not an error", async () => {
		const fresh = [indicator(), indicator(), malware()];
		const invalid: Record<string, unknown> = { ...indicator(), pattern: "[not a pattern" };
		const result = await client.addObjects(collectionId, [...fresh, invalid], { maxObjectsPerEnvelope: 2 });
		assert.equal(result.envelopes, 2);
		assert.equal(result.complete, true);
		assert.deepEqual([result.success, result.failure, result.pending], [3, 1, 0]);
		assert.equal(result.failures[0]?.id, invalid.id);
		const last = result.statuses.at(-1);
		assert.ok(last !== undefined);
		const status = await client.status(last.id);
		assert.equal(status.status, "complete");
		assert.equal(status.total_count, 2);
		assert.equal(status.failure_count, 1);
		const again = await client.addObjects(collectionId, fresh);
		assert.deepEqual([again.success, again.failure], [3, 0]);
		const stored = await client.getObject(collectionId, String(fresh[0]?.id));
		assert.deepEqual(stored, [fresh[0]]);
	});

	it("§5.7: deletes every version; the object is then unknown", async () => {
		const id = String(versioned.id);
		await client.deleteObject(collectionId, id);
		await assert.rejects(client.getObject(collectionId, id), { code: "E_TAXII_NOT_FOUND" });
		await assert.rejects(client.versions(collectionId, id), { code: "E_TAXII_NOT_FOUND" });
	});

	it("§5.5: a reader's POST is refused, and nothing is stored", async () => {
		const reader = new TaxiiClient(ROOT_URL, {
			fetch: node.fetch,
			auth: { kind: "bearer", token: node.reader.token },
			retry: { maxAttempts: 1 },
		});
		const object = indicator();
		await assert.rejects(reader.addObjects(collectionId, [object]));
		assert.deepEqual(await node.store.getVersions(String(object.id)), []);
	});
});
