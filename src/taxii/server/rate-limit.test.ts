// The per-user rate limit as TAXII charges it (D57): a paging run costs its first page; anything else a request.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { indicator, json, openTaxiiNode, ROOT, type TaxiiNode } from "#test/support/taxii-node.ts";

describe("TAXII rate limit: paging never trips it, a flood does", () => {
	let node: TaxiiNode;
	let objects: string;
	before(async () => {
		// A bucket of 5 that practically never refills: every token spent shows.
		node = await openTaxiiNode({ rateLimit: { burst: 5, perSecond: 0.001 } });
		objects = `${ROOT}/collections/${node.defaultCollection.id}/objects/`;
		await node.seed(Array.from({ length: 40 }, () => indicator()));
	});
	after(() => node.close());

	it("pages 40 objects one per page on a budget of 5; replaying a next or a flood of plain requests is refused", async () => {
		let page = await json(await node.request(`${objects}?limit=1`, { as: node.reader }));
		let seen = 1;
		let used = "";
		while (page.more === true) {
			used = String(page.next);
			const response = await node.request(`${objects}?limit=1&next=${encodeURIComponent(used)}`, {
				as: node.reader,
			});
			assert.equal(response.status, 200, `page ${seen + 1}`);
			page = await json(response);
			seen += (page.objects as unknown[]).length;
		}
		assert.equal(seen, 40);
		// A used token is no longer a continuation: each replay costs a request, like any other.
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) {
			const replay = await node.request(`${objects}?limit=1&next=${encodeURIComponent(used)}`, {
				as: node.reader,
			});
			statuses.push(replay.status);
		}
		assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
		const flood = await node.request(`${ROOT}/collections/`, { as: node.reader });
		assert.equal(flood.status, 429);
		assert.ok(Number(flood.headers.get("retry-after")) >= 1);
	});
});
