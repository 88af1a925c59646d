// GET /objects/{id}/referrers: who names an object, as the gate releases it — hidden referrers, and released
// copies that no longer name it, are never listed; a hidden object's 404 is a missing one's; paging is exact.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
	ALPHA,
	type ApiNode,
	DROP_REFS,
	IDS,
	json,
	openApiNode,
	SECRETS,
	WITHHOLD,
} from "#test/support/api-node.ts";
import type { StixObject } from "../stix/core.ts";
import { releasedReferrers } from "./released-referrers.ts";
import { viewerOf } from "./services.ts";
import { ReferrersResult } from "./shapes/index.ts";

const T1 = "2025-01-01T00:00:00.000Z";
const T2 = "2025-03-01T00:00:00.000Z";
/** A target with many referrers, for paging. */
const BUSY = "malware--88888888-8888-4888-8888-888888888888";

function idOf(type: string, n: number): string {
	return `${type}--aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

function sdo(type: string, n: number, fields: Record<string, unknown>, modified = T1): StixObject {
	return { type, spec_version: "2.1", id: idOf(type, n), created: T1, modified, ...fields } as StixObject;
}

const report = (n: number, refs: string[], extra: Record<string, unknown> = {}, modified = T1) =>
	sdo("report", n, { name: `report ${n}`, published: T1, object_refs: refs, ...extra }, modified);
const relationship = (n: number, source: string, target: string, extra: Record<string, unknown> = {}) =>
	sdo("relationship", n, {
		relationship_type: "indicates",
		source_ref: source,
		target_ref: target,
		...extra,
	});

const NAMES_BOTH = report(1, [IDS.indicator, IDS.malware]);
/** Released, but without its reference to the malware. */
const DROPS_MALWARE = report(2, [IDS.indicator, IDS.malware], { [DROP_REFS]: [IDS.malware] });
const INDICATES = relationship(1, IDS.indicator, IDS.malware);
const HIDDEN_INDICATES = relationship(2, IDS.hiddenIndicator, IDS.malware, {
	description: "Nightjar",
	[WITHHOLD]: true,
});
const SIGHTING = sdo("sighting", 1, { sighting_of_ref: IDS.malware, count: 3 });
/** Named the malware in its first version only. */
const UNNAMED_LATER = [report(3, [IDS.malware]), report(3, [IDS.indicator], {}, T2)];
/** Names the hidden malware; must not turn that 404 into an answer. */
const NAMES_HIDDEN = report(4, [IDS.hidden]);

/** Referrers of BUSY: twelve released, withheld ones between them (ids sort in between) and after the last. */
const BUSY_VISIBLE = Array.from({ length: 12 }, (_, i) => report(100 + 2 * i, [BUSY]));
const BUSY_HIDDEN = [101, 105, 109, 113, 117, 121, 130].map((n) =>
	report(n, [BUSY], { name: "Revised secretly", [WITHHOLD]: true }),
);

let node: ApiNode;
before(async () => {
	node = await openApiNode();
	const objects = [
		NAMES_BOTH,
		DROPS_MALWARE,
		INDICATES,
		HIDDEN_INDICATES,
		SIGHTING,
		...UNNAMED_LATER,
		NAMES_HIDDEN,
		{
			type: "malware",
			spec_version: "2.1",
			id: BUSY,
			created: T1,
			modified: T1,
			name: "Busy",
			is_family: true,
		},
		...BUSY_VISIBLE,
		...BUSY_HIDDEN,
	].map((object) => ({ object, provenance: { organizationId: ALPHA, source: "test" } }));
	const outcomes = await node.store.putVersions(objects);
	assert.ok(outcomes.every((outcome) => outcome.status === "stored"));
});
after(() => node.close());

async function referrers(id: string, query = ""): Promise<ReturnType<typeof ReferrersResult.parse>> {
	return ReferrersResult.parse(
		await json(await node.request(`/api/v1/objects/${id}/referrers${query}`), 200),
	);
}

/** Every page, following `next`; the ids in the order listed. */
async function allPages(id: string, limit: number): Promise<{ ids: string[]; pages: number }> {
	const ids: string[] = [];
	let cursor: string | undefined;
	for (let pages = 1; pages < 50; pages++) {
		const page = await referrers(id, `?limit=${limit}${cursor === undefined ? "" : `&cursor=${cursor}`}`);
		assert.ok(page.items.length <= limit);
		ids.push(...page.items.map((item) => item.object.id));
		if (page.next === undefined) return { ids, pages };
		cursor = encodeURIComponent(page.next);
	}
	throw new Error("paging did not end");
}

describe("GET /api/v1/objects/{id}/referrers", () => {
	it("lists containers, relationships and sightings naming the object, by id, with their kinds", async () => {
		const page = await referrers(IDS.malware);
		assert.deepEqual(
			page.items.map((item) => [item.object.id, item.kinds]),
			[
				[INDICATES.id, ["target_ref"]],
				[NAMES_BOTH.id, ["object_refs"]],
				[SIGHTING.id, ["sighting_of_ref"]],
			],
		);
		assert.equal(page.id, IDS.malware);
		assert.equal(page.next, undefined);
		assert.match(page.items[0]?.dateAdded ?? "", /^\d{4}-\d\d-\d\dT/);
		const indicator = await referrers(IDS.indicator);
		assert.deepEqual(
			indicator.items.map((item) => [item.object.id, item.kinds]),
			[
				[INDICATES.id, ["source_ref"]],
				[NAMES_BOTH.id, ["object_refs"]],
				[DROPS_MALWARE.id, ["object_refs"]],
				[UNNAMED_LATER[1]?.id, ["object_refs"]],
			],
		);
	});

	it("never lists a withheld referrer, nor one whose latest version is withheld", async () => {
		const response = await node.request(`/api/v1/objects/${IDS.malware}/referrers`);
		const text = await response.text();
		for (const secret of [...SECRETS, HIDDEN_INDICATES.id, IDS.revised])
			assert.ok(!text.includes(secret), `revealed '${secret}': ${text}`);
	});

	it("does not list a report released without its reference to the object, though it keeps others", async () => {
		const ids = (await referrers(IDS.malware)).items.map((item) => item.object.id);
		assert.ok(!ids.includes(DROPS_MALWARE.id));
		const kept = (await referrers(IDS.indicator)).items.find((item) => item.object.id === DROPS_MALWARE.id);
		assert.deepEqual(kept?.object.object_refs, [IDS.indicator]);
	});

	it("judges the latest version: a reference only an older version made does not count", async () => {
		const ids = (await referrers(IDS.malware)).items.map((item) => item.object.id);
		assert.ok(!ids.includes(UNNAMED_LATER[0]?.id ?? ""));
	});

	it("answers a hidden or transformed object's referrers exactly as GET /objects/{id} a missing object", async () => {
		const missing = await node.request(`/api/v1/objects/${IDS.missing}`);
		const missingBody = await missing.text();
		assert.equal(missing.status, 404);
		for (const path of [
			`/api/v1/objects/${IDS.hidden}/referrers`,
			`/api/v1/objects/${IDS.missing}/referrers`,
			`/api/v1/objects/${IDS.victimIp}/referrers`,
			`/api/v1/objects/${IDS.hidden}/referrers?limit=1&cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
		]) {
			const response = await node.request(path);
			assert.equal(response.status, 404, path);
			assert.deepEqual([...response.headers], [...missing.headers], path);
			assert.equal(await response.text(), missingBody, path);
		}
	});

	it("pages by referrer id: each released referrer exactly once, whatever the page size", async () => {
		const expected = BUSY_VISIBLE.map((object) => object.id);
		assert.deepEqual((await allPages(BUSY, 200)).ids, expected);
		for (const limit of [1, 2, 5, 7, 12]) {
			const { ids, pages } = await allPages(BUSY, limit);
			assert.deepEqual(ids, expected, `limit ${limit}`);
			// No trailing empty page, though withheld referrers follow the last released one: nothing shows them.
			assert.equal(pages, Math.ceil(expected.length / limit), `limit ${limit}`);
		}
	});

	it("refuses another listing's cursor, or another object's, with 400 E_API_CURSOR_INVALID", async () => {
		const search = (await json(await node.request("/api/v1/objects?limit=1"), 200)) as { next?: string };
		const busy = await referrers(BUSY, "?limit=1");
		assert.ok(search.next !== undefined && busy.next !== undefined);
		for (const [path, cursor] of [
			[`/api/v1/objects/${BUSY}/referrers`, search.next],
			[`/api/v1/objects/${IDS.malware}/referrers`, busy.next],
			["/api/v1/objects", busy.next],
		] as const) {
			const body = await json(await node.request(`${path}?cursor=${encodeURIComponent(cursor)}`), 400);
			assert.equal(body.error_code, "E_API_CURSOR_INVALID", path);
		}
	});
});

describe("releasedReferrers with small reads", () => {
	const viewer = () => viewerOf(node.reader.user, "network-defence");

	it("resumes where reading stopped when its reads run out: short pages, each referrer once", async () => {
		const ids: string[] = [];
		let resume: string | undefined;
		let shortPages = 0;
		for (let pages = 0; pages < 100; pages++) {
			const page = await releasedReferrers(node, {
				viewer: viewer(),
				id: BUSY,
				limit: 3,
				readSize: 2,
				maxReads: 2,
				...(resume === undefined ? {} : { after: resume }),
			});
			if (page.items.length < 3 && page.resumeAfter !== undefined) shortPages++;
			ids.push(...page.items.map((item) => item.object.id));
			resume = page.resumeAfter;
			if (resume === undefined) break;
		}
		assert.deepEqual(
			ids,
			BUSY_VISIBLE.map((object) => object.id),
		);
		assert.ok(shortPages > 0, "reads should have run out before some page was full");
	});

	it("asks the gate about every referrer it lists, for the viewer given", async () => {
		node.gate.viewers.length = 0;
		await releasedReferrers(node, { viewer: viewer(), id: BUSY, limit: 50 });
		assert.ok(node.gate.viewers.length > 0);
		assert.ok(node.gate.viewers.every((seen) => seen.userId === node.reader.user.id));
	});
});
