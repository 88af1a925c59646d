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

describe("§5.4 Get Objects and §3.4 filtering", () => {
	let node: TaxiiNode;
	let objects: string;
	const id = `indicator--${randomUUID()}`;
	const v1 = indicator({ id, modified: "2024-01-01T00:00:00.000Z" });
	const v2 = indicator({ id, modified: "2024-02-01T00:00:00.000Z", name: "v2" });
	const v3 = indicator({ id, modified: "2024-03-01T00:00:00.000Z", name: "v3" });
	const evil = malware();
	const other = indicator();

	before(async () => {
		node = await openTaxiiNode();
		objects = `${ROOT}/collections/${node.defaultCollection.id}/objects/`;
	});
	after(() => node.close());

	const ids = (body: Obj): string[] => ((body.objects as Obj[] | undefined) ?? []).map((o) => String(o.id));
	const get = async (query: string): Promise<{ response: Response; body: Obj }> => {
		const response = await node.request(`${objects}${query}`);
		return { response, body: await json(response) };
	};

	it("§3.7 an empty collection answers {} (no empty list) without date-added headers (no 1970, D57)", async () => {
		const { response, body } = await get("");
		assert.equal(response.status, 200);
		assert.deepEqual(body, {});
		assert.equal(response.headers.get("x-taxii-date-added-first"), null);
		assert.equal(response.headers.get("x-taxii-date-added-last"), null);
	});

	it("§5.4 returns the latest version of each object, sorted by date_added (§3.3)", async () => {
		await node.seed([v1, v2, v3]);
		await node.seed([evil]);
		await node.seed([other]);
		const { response, body } = await get("");
		assert.equal(response.status, 200);
		assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
		assert.deepEqual(ids(body), [id, evil.id, other.id]);
		assert.equal((body.objects as Obj[])[0]?.name, "v3");
		assert.equal(body.more, false, "a final page says more: false (D57)");
		assert.equal(body.next, undefined);
	});

	it("§3.2 X-TAXII-Date-Added-First/-Last carry microseconds and bracket the page", async () => {
		const manifest = await json(
			await node.request(`${ROOT}/collections/${node.defaultCollection.id}/manifest/`),
		);
		const added = (manifest.objects as Obj[]).map((record) => String(record.date_added));
		const { response } = await get("");
		assert.equal(response.headers.get("x-taxii-date-added-first"), added[0]);
		assert.equal(response.headers.get("x-taxii-date-added-last"), added.at(-1));
		for (const value of added) assert.match(value, MICROS);
	});

	it("§3.4.1 match[type] with several values is an OR", async () => {
		assert.deepEqual(ids((await get("?match[type]=malware")).body), [evil.id]);
		assert.deepEqual(ids((await get("?match[type]=malware,indicator")).body), [id, evil.id, other.id]);
		assert.deepEqual((await get("?match[type]=campaign")).body, {});
	});

	it("§3.4.1 match[id] with several values; fields are AND-ed", async () => {
		assert.deepEqual(ids((await get(`?match[id]=${other.id},${evil.id}`)).body), [evil.id, other.id]);
		assert.deepEqual(ids((await get(`?match[id]=${other.id},${evil.id}&match[type]=malware`)).body), [
			evil.id,
		]);
	});

	it("§3.4.1 match[version]: first, last, all, exact timestamps and combinations", async () => {
		const versionsOf = async (query: string) =>
			((await get(`?match[id]=${id}&${query}`)).body.objects as Obj[]).map((o) => o.modified);
		assert.deepEqual(await versionsOf("match[version]=first"), ["2024-01-01T00:00:00.000Z"]);
		assert.deepEqual(await versionsOf("match[version]=last"), ["2024-03-01T00:00:00.000Z"]);
		assert.deepEqual(await versionsOf("match[version]=all"), [
			"2024-01-01T00:00:00.000Z",
			"2024-02-01T00:00:00.000Z",
			"2024-03-01T00:00:00.000Z",
		]);
		assert.deepEqual(await versionsOf("match[version]=2024-02-01T00:00:00.000Z"), [
			"2024-02-01T00:00:00.000Z",
		]);
		assert.deepEqual(await versionsOf("match[version]=first,last"), [
			"2024-01-01T00:00:00.000Z",
			"2024-03-01T00:00:00.000Z",
		]);
		// The same instant written with another precision is the same version.
		assert.deepEqual(await versionsOf("match[version]=2024-02-01T00:00:00Z,first"), [
			"2024-01-01T00:00:00.000Z",
			"2024-02-01T00:00:00.000Z",
		]);
	});

	it("§3.4.1 match[spec_version] selects by STIX version", async () => {
		assert.equal(ids((await get("?match[spec_version]=2.1")).body).length, 3);
		assert.deepEqual((await get("?match[spec_version]=2.0")).body, {});
		assert.equal(ids((await get("?match[spec_version]=2.0,2.1")).body).length, 3);
	});

	it("§3.4 added_after is exclusive and compares node time with microseconds", async () => {
		const manifest = await json(
			await node.request(`${ROOT}/collections/${node.defaultCollection.id}/manifest/`),
		);
		const added = (manifest.objects as Obj[]).map((record) => String(record.date_added));
		assert.deepEqual(ids((await get(`?added_after=${added[0]}`)).body), [evil.id, other.id]);
		assert.deepEqual((await get(`?added_after=${added.at(-1)}`)).body, {});
		// Millisecond precision from a client is accepted.
		assert.equal(ids((await get("?added_after=2000-01-01T00:00:00.000Z")).body).length, 3);
	});

	it("§3.4 limit is never exceeded and is capped by the server", async () => {
		const { body } = await get("?limit=2");
		assert.equal(ids(body).length, 2);
		assert.equal(body.more, true);
		assert.equal(typeof body.next, "string");
		assert.equal(ids((await get("?limit=5000")).body).length, 3);
	});

	describe("§3.4 malformed parameters are 400 with a TAXII error body, never 500", () => {
		const cases: [string, string][] = [
			["added_after=yesterday", "malformed added_after"],
			["added_after=2024-13-01T00:00:00Z", "impossible month"],
			["added_after=2024-02-30T00:00:00Z", "impossible day"],
			["added_after=2024-01-01T00:00:00", "added_after without Z"],
			["added_after=2024-01-01T00:00:00%2B01:00", "added_after with an offset"],
			["added_after=2024-01-01T00:00:00Z&added_after=2024-01-02T00:00:00Z", "repeated added_after"],
			["limit=0", "zero limit"],
			["limit=-5", "negative limit"],
			["limit=abc", "non-numeric limit"],
			["limit=1.5", "fractional limit"],
			["limit=99999999999999999999", "limit beyond 54 bits"],
			["limit=1&limit=2", "repeated limit"],
			["match[type]=indicator&match[type]=malware", "repeated match[type]"],
			["match[version]=latest", "unknown match[version] form"],
			["match[version]=all,last", "all with another version"],
			["match[version]=first,first", "duplicate version"],
			["match[version]=2024-01-01", "a date is not a version"],
			["match[id]=not-an-id", "id of the wrong shape"],
			["match[type]=Indicator", "type with capitals"],
			["match[type]=indicator,,malware", "empty value"],
			["match[type]=indicator,%20malware", "a space after the comma"],
			["match[spec_version]=two", "spec_version not n.m"],
			["next=", "empty next"],
		];
		for (const [query, label] of cases) {
			it(`§3.4 ${label} (${query})`, async () => {
				const { response, body } = await get(`?${query}`);
				assert.equal(response.status, 400);
				assert.equal(response.headers.get("content-type"), TAXII_MEDIA_TYPE);
				assert.equal(body.http_status, "400");
				assert.equal(typeof body.description, "string");
			});
		}
		it("§3.4 a query over the cost limit (too many match values)", async () => {
			const many = Array.from({ length: 101 }, () => `indicator--${randomUUID()}`).join(",");
			const { response, body } = await get(`?match[id]=${many}`);
			assert.equal(response.status, 400);
			assert.equal(body.error_code, "E_TAXII_QUERY_COST");
		});
	});

	it("§3.4 match fields this server does not know are ignored", async () => {
		const { response, body } = await get("?match[x_custom]=1&match[relationship_type]=uses");
		assert.equal(response.status, 200);
		assert.equal(ids(body).length, 3);
	});
});
