import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
	indicator,
	json,
	MICROS,
	malware,
	openTaxiiNode,
	ROOT,
	type TaxiiNode,
} from "#test/support/taxii-node.ts";
import { TAXII_MEDIA_TYPE } from "./media-types.ts";

type Obj = Record<string, unknown>;

describe("§5.6 Get an Object, §5.8 versions, §5.3 manifest, §5.7 delete", () => {
	let node: TaxiiNode;
	let base: string;
	const id = `indicator--${randomUUID()}`;
	const versions = ["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"];
	const evil = malware();

	before(async () => {
		node = await openTaxiiNode();
		base = `${ROOT}/collections/${node.defaultCollection.id}`;
		for (const modified of versions) await node.seed([indicator({ id, modified })]);
		await node.seed([evil], node.other);
	});
	after(() => node.close());

	it("§5.6 returns the latest version in an envelope with date-added headers", async () => {
		const response = await node.request(`${base}/objects/${id}/`);
		assert.equal(response.status, 200);
		const body = await json(response);
		const objects = body.objects as Obj[];
		assert.equal(objects.length, 1);
		assert.equal(objects[0]?.modified, versions[2]);
		assert.match(String(response.headers.get("x-taxii-date-added-first")), MICROS);
		assert.match(String(response.headers.get("x-taxii-date-added-last")), MICROS);
	});

	it("§5.6 match[version] selects versions of the object", async () => {
		const all = await json(await node.request(`${base}/objects/${id}/?match[version]=all`));
		assert.deepEqual(
			(all.objects as Obj[]).map((o) => o.modified),
			versions,
		);
		const exact = await json(await node.request(`${base}/objects/${id}/?match[version]=${versions[1]}`));
		assert.deepEqual(
			(exact.objects as Obj[]).map((o) => o.modified),
			[versions[1]],
		);
	});

	it("§5.6 an object whose versions the filters exclude is an empty envelope {}", async () => {
		const response = await node.request(`${base}/objects/${id}/?match[version]=2020-01-01T00:00:00.000Z`);
		assert.equal(response.status, 200);
		assert.deepEqual(await json(response), {});
		assert.equal(response.headers.get("x-taxii-date-added-first"), null, "an empty page names no date (D57)");
	});

	it("§5.6 an unknown object is 404; an id of the wrong shape is 400", async () => {
		const missing = await node.request(`${base}/objects/indicator--${randomUUID()}/`);
		assert.equal(missing.status, 404);
		assert.equal(missing.headers.get("content-type"), TAXII_MEDIA_TYPE);
		assert.equal((await json(missing)).http_status, "404");
		const bad = await node.request(`${base}/objects/not-an-id/`);
		assert.equal(bad.status, 400);
	});

	it("§5.6 an object outside the collection's view answers like one that does not exist", async () => {
		const onlyMalware = randomUUID();
		await node.defineCollections([
			node.defaultCollection,
			{
				id: onlyMalware,
				title: "malware",
				read: { organizations: "local" },
				write: { organizations: "local" },
				filter: { types: ["malware"] },
			},
		]);
		const outside = await node.request(`${ROOT}/collections/${onlyMalware}/objects/${id}/`);
		const missing = await node.request(
			`${ROOT}/collections/${onlyMalware}/objects/indicator--${randomUUID()}/`,
		);
		assert.equal(outside.status, 404);
		assert.equal(await outside.text(), await missing.text());
		const inside = await json(await node.request(`${ROOT}/collections/${onlyMalware}/objects/`));
		assert.deepEqual(
			(inside.objects as Obj[]).map((o) => o.id),
			[evil.id],
		);
		// Filters narrow within the view: asking for indicators in a malware collection finds nothing.
		assert.deepEqual(
			await json(await node.request(`${ROOT}/collections/${onlyMalware}/objects/?match[type]=indicator`)),
			{},
		);
		await node.defineCollections([node.defaultCollection]);
	});

	it("§5.8 versions lists every version with headers; 404 for an unknown object", async () => {
		const response = await node.request(`${base}/objects/${id}/versions/`);
		assert.equal(response.status, 200);
		assert.deepEqual(await json(response), { more: false, versions });
		assert.match(String(response.headers.get("x-taxii-date-added-last")), MICROS);
		const paged = await json(await node.request(`${base}/objects/${id}/versions/?limit=2`));
		assert.deepEqual(paged.versions, versions.slice(0, 2));
		assert.equal(paged.more, true);
		const rest = await json(
			await node.request(
				`${base}/objects/${id}/versions/?limit=2&next=${encodeURIComponent(String(paged.next))}`,
			),
		);
		assert.deepEqual(rest.versions, versions.slice(2));
		assert.equal((await node.request(`${base}/objects/indicator--${randomUUID()}/versions/`)).status, 404);
		assert.deepEqual(
			await json(await node.request(`${base}/objects/${id}/versions/?match[spec_version]=2.0`)),
			{},
		);
	});

	it("§5.3 manifest records carry id, date_added (µs), version and media_type, filtered like objects", async () => {
		const response = await node.request(`${base}/manifest/?match[version]=all`);
		assert.equal(response.status, 200);
		const records = (await json(response)).objects as Obj[];
		assert.equal(records.length, 4);
		for (const record of records) {
			assert.deepEqual(Object.keys(record).sort(), ["date_added", "id", "media_type", "version"]);
			assert.match(String(record.date_added), MICROS);
			assert.equal(record.media_type, "application/stix+json;version=2.1");
		}
		assert.equal(response.headers.get("x-taxii-date-added-first"), records[0]?.date_added);
		assert.equal(response.headers.get("x-taxii-date-added-last"), records.at(-1)?.date_added);
		const malwareOnly = (await json(await node.request(`${base}/manifest/?match[type]=malware`)))
			.objects as Obj[];
		assert.deepEqual(
			malwareOnly.map((r) => r.id),
			[evil.id],
		);
		assert.equal((await node.request(`${base}/manifest/?limit=0`)).status, 400);
	});

	describe("§5.7 Delete an Object", () => {
		it("§5.7 can_read without can_write is 403", async () => {
			const response = await node.request(`${base}/objects/${id}/`, { method: "DELETE", as: node.reader });
			assert.equal(response.status, 403);
			assert.equal((await json(response)).http_status, "403");
		});

		it("§5.7 deleting another organisation's object needs an admin", async () => {
			const response = await node.request(`${base}/objects/${id}/`, { method: "DELETE", as: node.other });
			assert.equal(response.status, 403);
		});

		it("§5.7 match[version]: a partner's user deletes no version of another organisation's object", async () => {
			for (const query of [
				`match[version]=${versions[0]}`,
				"match[version]=all",
				"match[spec_version]=2.1",
			]) {
				const response = await node.request(`${base}/objects/${id}/?${query}`, {
					method: "DELETE",
					as: node.other,
				});
				assert.equal(response.status, 403, query);
			}
			const left = await json(await node.request(`${base}/objects/${id}/versions/`));
			assert.deepEqual(left.versions, versions);
		});

		it("§5.7 match[version] deletes exactly the versions selected; 404 when none matches", async () => {
			const middle = await node.request(`${base}/objects/${id}/?match[version]=${versions[1]}`, {
				method: "DELETE",
			});
			assert.equal(middle.status, 200);
			const left = await json(await node.request(`${base}/objects/${id}/versions/`));
			assert.deepEqual(left.versions, [versions[0], versions[2]]);
			const none = await node.request(`${base}/objects/${id}/?match[version]=2020-01-01T00:00:00.000Z`, {
				method: "DELETE",
			});
			assert.equal(none.status, 404);
			const wrongSpec = await node.request(`${base}/objects/${id}/?match[spec_version]=2.0`, {
				method: "DELETE",
			});
			assert.equal(wrongSpec.status, 404);
			assert.deepEqual((await json(await node.request(`${base}/objects/${id}/versions/`))).versions, [
				versions[0],
				versions[2],
			]);
		});

		it("§5.7 an observable's statement is a version: each contributor deletes its own by version (D31, D57)", async () => {
			const sco = {
				type: "ipv4-addr",
				spec_version: "2.1",
				id: `ipv4-addr--${randomUUID()}`,
				value: "192.0.2.77",
			};
			await node.seed([sco]);
			await node.seed([sco], node.other);
			const versionsAs = async (as: typeof node.admin) =>
				(await json(await node.request(`${base}/objects/${sco.id}/versions/`, { as }))).versions as string[];
			const [mine] = await versionsAs(node.admin);
			const [theirs] = await versionsAs(node.other);
			assert.ok(
				mine !== undefined && theirs !== undefined && mine !== theirs,
				"each reads back its own statement",
			);
			const del = (query: string, as: typeof node.admin) =>
				node.request(`${base}/objects/${sco.id}/?${query}`, { method: "DELETE", as });
			assert.equal(
				(await del(`match[version]=${mine}`, node.other)).status,
				404,
				"another's statement is not selectable",
			);
			assert.equal((await del("match[version]=all", node.other)).status, 200);
			assert.deepEqual(await versionsAs(node.admin), [mine], "the other contributor's statement stays");
			assert.equal((await del(`match[version]=${mine}`, node.admin)).status, 200);
			assert.equal(
				(await node.request(`${base}/objects/${sco.id}/`)).status,
				404,
				"gone with its last statement",
			);
		});

		it("§5.7 removes every version; then GET is 404 and the manifest omits it", async () => {
			const response = await node.request(`${base}/objects/${id}/`, { method: "DELETE" });
			assert.equal(response.status, 200);
			assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
			assert.equal((await node.request(`${base}/objects/${id}/`)).status, 404);
			assert.equal((await node.request(`${base}/objects/${id}/versions/`)).status, 404);
			const manifest = (await json(await node.request(`${base}/manifest/?match[version]=all`)))
				.objects as Obj[];
			assert.deepEqual(
				manifest.map((r) => r.id),
				[evil.id],
			);
			assert.equal((await node.request(`${base}/objects/${id}/`, { method: "DELETE" })).status, 404);
		});
	});
});
