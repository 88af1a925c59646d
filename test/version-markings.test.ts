// A marking tightened in a newer version binds every older version on every output path (docs/decisions.md D18).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ingest } from "../src/ingest/index.ts";
import { TLP2_DEFINITIONS } from "../src/stix/markings/index.ts";
import type { ModelObject, ModelWorld } from "./model/entitlement-model.ts";
import { modifiedAt, PARTY_POOL, stixOf } from "./model/model-node.ts";
import { bilateralAgreement, openModelScenario, type ScenarioNode } from "./support/scenario-node.ts";

const [LOCAL, PARTNER] = PARTY_POOL as unknown as [string, string];
const ROOT = "/taxii2/api/collections/all";
const API = "/api/v1";
const id = (type: string, n: number) => `${type}--7e500000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const world: ModelWorld = {
	parties: [
		{ id: LOCAL, local: true, suspended: false, sector: "cert", jurisdiction: "GB", inPolicy: true },
		{ id: PARTNER, local: false, suspended: false, sector: "cert", jurisdiction: "GB", inPolicy: true },
	],
	communities: [],
	agreements: [bilateralAgreement("local-partner", LOCAL, PARTNER)],
	objects: [],
};

/** GREEN, GREEN, then RED: the originator tightened it. */
const tightened: ModelObject = {
	id: id("indicator", 1),
	type: "indicator",
	poster: LOCAL,
	marking: "red",
	history: [{ marking: "green" }, { marking: "green" }],
};
/** RED, then GREEN: the latest goes, the older RED version does not. */
const loosened: ModelObject = {
	id: id("indicator", 2),
	type: "indicator",
	poster: LOCAL,
	marking: "green",
	history: [{ marking: "red" }],
};
/** GREEN, then GREEN for the originator's own organisation only. */
const narrowed: ModelObject = {
	id: id("malware", 3),
	type: "malware",
	poster: LOCAL,
	marking: "green",
	audience: { scope: "own-organization" },
	history: [{ marking: "green" }],
};
/** GREEN, then revoked under RED. */
const revoked: ModelObject = { id: id("indicator", 4), type: "indicator", poster: LOCAL, marking: "green" };
/** Never changed: every version goes. */
const steady: ModelObject = {
	id: id("indicator", 5),
	type: "indicator",
	poster: LOCAL,
	marking: "green",
	history: [{ marking: "green" }],
};
const HIDDEN = [tightened.id, narrowed.id, revoked.id];

let node: ScenarioNode;
before(async () => {
	node = await openModelScenario(world, [tightened, loosened, narrowed, revoked, steady]);
	const withdrawal = {
		...stixOf(revoked, 1),
		revoked: true,
		object_marking_refs: [TLP2_DEFINITIONS.red.id],
	};
	const report = await ingest(node.store, [{ index: 0, object: withdrawal }], {
		provenance: { organizationId: LOCAL, source: "test" },
	});
	assert.equal(report.counts.rejected, 0, JSON.stringify(report.problems));
});
after(() => node.close());

const get = (path: string, party = PARTNER) => node.get(path, party);
const json = async (path: string, party = PARTNER) => {
	const answer = await get(path, party);
	assert.equal(answer.status, 200, `${path}: ${answer.text}`);
	return JSON.parse(answer.text) as Record<string, unknown>;
};
/** `id@modified` of each object, sorted. */
const stamps = (objects: readonly Record<string, unknown>[]) =>
	objects.map((o) => `${String(o.id)}@${String(o.modified)}`).sort();
const at = (object: ModelObject, ...indexes: number[]) => indexes.map((i) => `${object.id}@${modifiedAt(i)}`);

/** What PARTNER may receive: the latest of `loosened`, both versions of `steady`, nothing of the rest. */
const PARTNER_GETS = [...at(loosened, 1), ...at(steady, 0, 1)].sort();

function assertNothingOf(text: string, where: string): void {
	for (const hidden of HIDDEN) assert.ok(!text.includes(hidden), `${where} names ${hidden}`);
	assert.ok(!text.includes(`${loosened.id}@${modifiedAt(0)}`), where);
}

describe("older versions are bound by the latest version's markings", () => {
	it("TAXII objects with match[version]=all|first|<timestamp> release no version the latest withholds", async () => {
		const all = await json(`${ROOT}/objects/?match[version]=all`);
		assert.deepEqual(stamps(all.objects as Record<string, unknown>[]), PARTNER_GETS);
		const first = await json(`${ROOT}/objects/?match[version]=first`);
		assert.deepEqual(stamps(first.objects as Record<string, unknown>[]), at(steady, 0));
		const old = await json(`${ROOT}/objects/?match[version]=${modifiedAt(0)}`);
		assert.deepEqual(stamps(old.objects as Record<string, unknown>[]), at(steady, 0));
		const mine = await json(`${ROOT}/objects/?match[version]=all`, LOCAL);
		assert.equal(
			(mine.objects as unknown[]).length,
			3 + 2 + 2 + 2 + 2,
			"the originator's house sees every version",
		);
	});

	it("TAXII object and versions endpoints answer for a tightened object as for a missing one", async () => {
		const missing = id("indicator", 999);
		for (const suffix of ["/?match[version]=all", "/?match[version]=first", "/versions/"]) {
			for (const hidden of HIDDEN)
				assert.deepEqual(
					await get(`${ROOT}/objects/${hidden}${suffix}`),
					await get(`${ROOT}/objects/${missing}${suffix}`),
					`${hidden}${suffix}`,
				);
		}
		const versions = await json(`${ROOT}/objects/${loosened.id}/versions/`);
		assert.deepEqual(versions.versions, [modifiedAt(1)]);
		const manifest = await json(`${ROOT}/manifest/?match[version]=all`);
		assertNothingOf(JSON.stringify(manifest), "TAXII manifest");
	});

	it("REST versions release only what the latest allows", async () => {
		const missing = await get(`${API}/objects/${id("indicator", 999)}/versions`);
		for (const hidden of HIDDEN) assert.deepEqual(await get(`${API}/objects/${hidden}/versions`), missing);
		const loose = await json(`${API}/objects/${loosened.id}/versions`);
		assert.deepEqual(
			stamps((loose.items as { object: Record<string, unknown> }[]).map((i) => i.object)),
			at(loosened, 1),
		);
		const local = await json(`${API}/objects/${tightened.id}/versions`, LOCAL);
		assert.equal((local.items as unknown[]).length, 3);
	});

	it("export --all-versions --as releases only what the latest allows", async () => {
		const { objects: exported } = await node.exportAs(PARTNER, { versions: ["all"] });
		assert.deepEqual(stamps(exported), PARTNER_GETS);
		assertNothingOf(JSON.stringify(exported), "export --all-versions --as");
	});

	it("a revoked latest binds the older versions like any other latest", async () => {
		const [first] = await node.store.getVersions(revoked.id, ["first"]);
		assert.ok(first !== undefined && first.latest === false);
		assert.equal(
			await node.gate.release({ partyId: PARTNER, userId: "t", purpose: "network-defence" }, first),
			undefined,
		);
		const decision = await node.gate.explain(first, PARTNER, "network-defence");
		assert.equal(decision.verdict, "deny");
		assert.ok(decision.trace.some((step) => step.rule === "inherit.latest" && step.outcome === "deny"));
	});

	it("policy explain and preview take ?version= and judge an older version under the latest's markings", async () => {
		const query = (version: string) =>
			`${API}/policy/explain?object=${tightened.id}&to=${PARTNER}&version=${encodeURIComponent(version)}`;
		const explained = (await json(query(modifiedAt(0)), LOCAL)) as {
			decision: { verdict: string; trace: { rule: string; outcome: string }[] };
		};
		assert.equal(explained.decision.verdict, "deny");
		assert.ok(explained.decision.trace.some((s) => s.rule === "inherit.latest" && s.outcome === "deny"));
		const preview = (await json(
			`${API}/policy/preview?object=${tightened.id}&version=${encodeURIComponent(modifiedAt(1))}`,
			LOCAL,
		)) as { parties: { partyId: string; verdict: string }[] };
		assert.equal(preview.parties.find((p) => p.partyId === PARTNER)?.verdict, "deny");
		const steadyOld = (await json(
			`${API}/policy/explain?object=${steady.id}&to=${PARTNER}&version=${encodeURIComponent(modifiedAt(0))}`,
			LOCAL,
		)) as { decision: { verdict: string; trace: { rule: string }[] } };
		assert.equal(steadyOld.decision.verdict, "full");
		assert.ok(
			!steadyOld.decision.trace.some((s) => s.rule === "inherit.latest"),
			"nothing changed: no second judgment",
		);
		// A version that does not exist, and one the requester may not see, answer as a missing object.
		const missing = await get(`${API}/policy/explain?object=${id("indicator", 999)}&to=${PARTNER}`, LOCAL);
		assert.equal(missing.status, 404);
		assert.deepEqual(await get(query("2030-01-01T00:00:00.000Z"), LOCAL), missing);
		assert.equal((await get(query("yesterday"), LOCAL)).status, 400);
	});

	it("the store marks which versions are the latest", async () => {
		const all = await node.store.getVersions(tightened.id, ["all"]);
		assert.deepEqual(
			all.map((v) => v.latest),
			[false, false, true],
		);
		const page = await node.store.query({ ids: [tightened.id], versions: ["first", "last"], limit: 10 });
		assert.deepEqual(page.items.map((v) => [v.version, v.latest]).sort(), [
			[modifiedAt(0), false],
			[modifiedAt(2), true],
		]);
		const last = await node.store.query({ ids: [tightened.id], versions: ["last"], limit: 10 });
		assert.deepEqual(
			last.items.map((v) => v.latest),
			[true],
		);
	});
});
