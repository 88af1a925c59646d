import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, indicator, json, openTaxiiNode, ROOT, type TaxiiNode } from "#test/support/taxii-node.ts";

type Obj = Record<string, unknown>;

describe("§3.5 pagination with signed next tokens", () => {
	let node: TaxiiNode;
	let objects: string;
	before(async () => {
		node = await openTaxiiNode();
		objects = `${ROOT}/collections/${node.defaultCollection.id}/objects/`;
		for (let i = 0; i < 5; i++) await node.seed([indicator(), indicator()]);
	});
	after(() => node.close());

	const page = async (query: string, as = node.admin): Promise<{ response: Response; body: Obj }> => {
		const response = await node.request(`${objects}${query}`, { as });
		return { response, body: await json(response) };
	};

	it("§3.5 more and next walk the whole collection in date_added order, limit may change", async () => {
		const seen: string[] = [];
		let next: string | undefined;
		let limit = 3;
		do {
			const query = `?limit=${limit}${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
			const { body } = await page(query);
			const items = (body.objects as Obj[]).map((o) => String(o.id));
			assert.ok(items.length <= limit);
			seen.push(...items);
			next = body.next as string | undefined;
			assert.equal(body.more === true, next !== undefined);
			limit = 4;
		} while (next !== undefined);
		const all = (await page("")).body.objects as Obj[];
		assert.deepEqual(
			seen,
			all.map((o) => o.id),
		);
		assert.equal(seen.length, 10);
	});

	it("§3.5 resuming with added_after=X-TAXII-Date-Added-Last gives the same pages", async () => {
		const first = await page("?limit=4");
		const last = String(first.response.headers.get("x-taxii-date-added-last"));
		const byDate = await page(`?limit=4&added_after=${last}`);
		const byNext = await page(`?limit=4&next=${encodeURIComponent(String(first.body.next))}`);
		assert.deepEqual(byDate.body.objects, byNext.body.objects);
	});

	it("§3.4 next is bound to the query: other filters with it are 400", async () => {
		const { body } = await page("?limit=2&match[type]=indicator");
		const next = encodeURIComponent(String(body.next));
		assert.equal((await page(`?limit=2&match[type]=indicator&next=${next}`)).response.status, 200);
		const changed = await page(`?limit=2&match[type]=malware&next=${next}`);
		assert.equal(changed.response.status, 400);
		assert.equal(changed.body.error_code, "E_TAXII_NEXT_INVALID");
		assert.equal((await page(`?limit=2&next=${next}`)).response.status, 400);
		const manifest = await node.request(
			`${ROOT}/collections/${node.defaultCollection.id}/manifest/?limit=2&match[type]=indicator&next=${next}`,
		);
		assert.equal(manifest.status, 400);
	});

	it("§3.4 next is bound to the client: another user's token is 400, not their page", async () => {
		const { body } = await page("?limit=2");
		const foreign = await page(`?limit=2&next=${encodeURIComponent(String(body.next))}`, node.reader);
		assert.equal(foreign.response.status, 400);
		assert.equal(foreign.body.objects, undefined);
	});

	it("§3.4 forged and altered next values are 400", async () => {
		const { body } = await page("?limit=2");
		const token = String(body.next);
		const [version, cursor, bound, signature] = token.split(".") as [string, string, string, string];
		const forgedCursor = Buffer.from("p1.1", "utf8").toString("base64url");
		for (const forged of [
			"12345",
			"n1.abc.def.ghi",
			`${version}.${forgedCursor}.${bound}.${signature}`,
			`${version}.${cursor}.${bound}.${signature.slice(0, -2)}AA`,
			`${token}.extra`,
		]) {
			const response = await page(`?limit=2&next=${encodeURIComponent(forged)}`);
			assert.equal(response.response.status, 400, forged);
			assert.equal(response.body.http_status, "400");
		}
	});

	it("§3.5 paging while objects are being added never skips nor repeats an object", async () => {
		const concurrent = await openTaxiiNode();
		try {
			const url = `${ROOT}/collections/${concurrent.defaultCollection.id}/objects/`;
			const posted: string[] = [];
			const post = async (count: number): Promise<void> => {
				const batch = Array.from({ length: count }, () => indicator());
				posted.push(...batch.map((o) => String(o.id)));
				const response = await concurrent.request(url, envelope(batch));
				assert.equal(response.status, 202);
			};
			await post(7);
			const before = [...posted];
			const seen: string[] = [];
			let next: string | undefined;
			let last = "";
			let rounds = 0;
			for (;;) {
				const query = `?limit=3${next === undefined ? "" : `&next=${encodeURIComponent(next)}`}`;
				// A writer and a reader at the same time: the page must be consistent either way.
				const [response] = await Promise.all([
					concurrent.request(`${url}${query}`),
					rounds < 5 ? post(2) : Promise.resolve(),
				]);
				const body = await json(response);
				seen.push(...((body.objects as Obj[] | undefined) ?? []).map((o) => String(o.id)));
				last = String(response.headers.get("x-taxii-date-added-last"));
				next = body.next as string | undefined;
				rounds++;
				if (next === undefined) break;
			}
			for (const id of before) assert.ok(seen.includes(id), `${id}, present before paging began, was seen`);
			// Writes that landed after the last page are exactly what resuming from its Last header returns.
			const rest = await json(await concurrent.request(`${url}?added_after=${last}`));
			seen.push(...((rest.objects as Obj[] | undefined) ?? []).map((o) => String(o.id)));
			assert.equal(new Set(seen).size, seen.length, "no object repeated");
			assert.deepEqual([...seen].sort(), [...posted].sort(), "every object seen once");
			assert.ok(rounds > 3);
		} finally {
			await concurrent.close();
		}
	});
});
