// Regression tests for the peer platforms' leak classes (../shared/reference/lessons-from-peers.md): counts, search,
// autocomplete, errors, containers, sightings, placeholders, identity spoofing, IDOR on delete, `next` reuse.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { releasedStats } from "../src/cli/commands/stats.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import type { ModelObject, ModelWorld } from "./model/entitlement-model.ts";
import { PARTY_POOL } from "./model/model-node.ts";
import { bilateralAgreement, openModelScenario, type ScenarioNode } from "./support/scenario-node.ts";

const [LOCAL, PARTNER, OTHER] = PARTY_POOL as unknown as [string, string, string];
const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const id = (type: string, n: number) => `${type}--5ec00000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const MISSING = id("indicator", 999);

const world: ModelWorld = {
	parties: [
		{ id: LOCAL, local: true, suspended: false, sector: "cert", jurisdiction: "GB", inPolicy: true },
		{
			id: PARTNER,
			local: false,
			suspended: false,
			sector: "law-enforcement",
			jurisdiction: "GB",
			inPolicy: true,
		},
		{ id: OTHER, local: false, suspended: false, sector: "private", jurisdiction: "US", inPolicy: true },
	],
	communities: [],
	agreements: [
		bilateralAgreement("local-partner", LOCAL, PARTNER),
		bilateralAgreement("local-other", LOCAL, OTHER),
	],
	objects: [],
};

const shared: ModelObject = { id: id("indicator", 1), type: "indicator", poster: LOCAL, marking: "green" };
const secret: ModelObject = { id: id("malware", 2), type: "malware", poster: LOCAL, marking: "red" };
const report: ModelObject = {
	id: id("report", 3),
	type: "report",
	poster: LOCAL,
	marking: "green",
	refs: [shared.id, secret.id],
};
const hiddenOnly: ModelObject = {
	id: id("report", 4),
	type: "report",
	poster: LOCAL,
	marking: "green",
	refs: [secret.id],
};
const sightingOfSecret: ModelObject = {
	id: id("sighting", 5),
	type: "sighting",
	poster: LOCAL,
	marking: "green",
	sightingOf: secret.id,
};
const reportOfSighting: ModelObject = {
	id: id("report", 6),
	type: "report",
	poster: LOCAL,
	marking: "green",
	refs: [shared.id, sightingOfSecret.id],
};
const HIDDEN = [secret.id, hiddenOnly.id, sightingOfSecret.id];

let node: ScenarioNode;
before(async () => {
	node = await openModelScenario(world, [
		shared,
		secret,
		report,
		hiddenOnly,
		sightingOfSecret,
		reportOfSighting,
	]);
});
after(() => node.close());

const get = (path: string, party = PARTNER) => node.get(path, party);

function assertHidden(text: string, where: string): void {
	for (const hidden of HIDDEN) assert.ok(!text.includes(hidden), `${where} names ${hidden}`);
	assert.ok(!text.includes("malware"), `${where} names the hidden type`);
}

describe("side channels: what a partner learns of objects it may not see", () => {
	it("counts, facets and stats count released objects only", async () => {
		const facets = JSON.parse((await get(`${API}/facets`)).text) as {
			total: number;
			types: Record<string, number>;
		};
		assert.deepEqual(facets, { total: 3, types: { indicator: 1, report: 2 } });
		const stats = await releasedStats(node, { partyId: PARTNER, userId: "test", purpose: "network-defence" });
		assert.deepEqual(stats.objects, 3);
	});

	it("search and autocomplete never match hidden text", async () => {
		const search = await get(`${API}/objects?q=${encodeURIComponent(secret.id)}`);
		assert.equal(search.status, 200);
		assert.deepEqual(JSON.parse(search.text).items, []);
		const suggest = await get(`${API}/autocomplete?prefix=mdl&limit=50`);
		assertHidden(suggest.text, "autocomplete");
		assert.match(suggest.text, new RegExp(shared.id));
	});

	it("errors for a hidden object are byte-identical to a missing one and name neither id nor type", async () => {
		for (const [hidden, missing] of [
			[`${ROOT}/objects/${secret.id}/`, `${ROOT}/objects/${MISSING}/`],
			[`${ROOT}/objects/${secret.id}/versions/`, `${ROOT}/objects/${MISSING}/versions/`],
			[`${API}/objects/${secret.id}`, `${API}/objects/${MISSING}`],
			[`${API}/objects/${secret.id}/versions`, `${API}/objects/${MISSING}/versions`],
		] as const) {
			const answer = await get(hidden);
			assert.deepEqual(answer, await get(missing));
			assert.equal(answer.status, 404);
			assertHidden(answer.text, hidden);
		}
	});

	it("containers emit only released children, and a container of hidden children is withheld (no placeholder)", async () => {
		const objects = JSON.parse((await get(`${ROOT}/objects/`)).text).objects as Record<string, unknown>[];
		assert.deepEqual(objects.map((o) => o.id).sort(), [shared.id, report.id, reportOfSighting.id].sort());
		assert.deepEqual(objects.find((o) => o.id === report.id)?.object_refs, [shared.id]);
		// The sighting is itself GREEN, but what it sights is hidden: neither it nor its id may leave.
		assert.deepEqual(objects.find((o) => o.id === reportOfSighting.id)?.object_refs, [shared.id]);
		assertHidden(JSON.stringify(objects), "TAXII objects");
		const manifest = await get(`${ROOT}/manifest/`);
		assertHidden(manifest.text, "TAXII manifest");
		assertHidden(
			JSON.stringify((await node.exportAs(PARTNER, { versions: ["last"] })).objects),
			"export --as",
		);
	});

	it("a sighting of a hidden object is withheld", async () => {
		assert.deepEqual(
			await get(`${ROOT}/objects/${sightingOfSecret.id}/`),
			await get(`${ROOT}/objects/${MISSING}/`),
		);
		assert.equal((await get(`${ROOT}/objects/${sightingOfSecret.id}/`, LOCAL)).status, 200);
	});

	it("a partner's object claiming another organisation as author is refused, so it borrows nothing", async () => {
		// PARTNER may not pass AMBER on; claiming LOCAL as author must not borrow LOCAL's agreement with OTHER.
		// Since D30's author rule the claim is refused outright: nothing is stored, no one receives it.
		const spoofed = {
			type: "indicator",
			spec_version: "2.1",
			id: id("indicator", 7),
			created: "2024-01-01T00:00:00.000Z",
			modified: "2024-01-01T00:00:00.000Z",
			created_by_ref: LOCAL,
			name: "spoofed",
			pattern: "[domain-name:value = 'spoof.example']",
			pattern_type: "stix",
			valid_from: "2024-01-01T00:00:00.000Z",
			object_marking_refs: [TLP2_DEFINITIONS.amber.id],
		};
		const posted = await node.request(`${ROOT}/objects/`, PARTNER, {
			method: "POST",
			headers: { "Content-Type": "application/taxii+json;version=2.1" },
			body: JSON.stringify({ objects: [spoofed] }),
		});
		const status = JSON.parse(await posted.text()) as { failures?: { id: string; message?: string }[] };
		assert.equal(posted.status, 202, JSON.stringify(status));
		assert.deepEqual(
			status.failures?.map((f) => f.id),
			[spoofed.id],
		);
		assert.match(status.failures?.[0]?.message ?? "", /a partner publishes only as itself/);
		assert.deepEqual(await node.store.getVersions(spoofed.id, ["all"]), []);
		assert.equal((await get(`${ROOT}/objects/${spoofed.id}/`, OTHER)).status, 404);
		assert.equal((await get(`${ROOT}/objects/${spoofed.id}/`, LOCAL)).status, 404);
	});

	it("a party cannot delete another party's object, seen or not (IDOR)", async () => {
		for (const target of [shared.id, secret.id]) {
			const response = await node.request(`${ROOT}/objects/${target}/`, PARTNER, { method: "DELETE" });
			assert.ok(response.status === 403 || response.status === 404, `DELETE ${target}: ${response.status}`);
			assert.equal((await node.store.getVersions(target, ["all"])).length, 1);
		}
	});

	it("a TAXII `next` issued to one user is refused to another", async () => {
		const first = JSON.parse((await get(`${ROOT}/objects/?limit=1`, LOCAL)).text) as { next?: string };
		assert.ok(first.next !== undefined);
		const stolen = await get(`${ROOT}/objects/?limit=1&next=${encodeURIComponent(first.next)}`, PARTNER);
		assert.equal(stolen.status, 400);
		assertHidden(stolen.text, "a refused next");
	});
});
