// The invariants (D37) never stop a release the real gate makes in the shipped scenarios: the reference
// policy over every marking, audience, role and owner combination, and every node of `entente demo` with
// every party's sample intelligence, for every party and purpose — zero incidents, and plenty released.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planScenario, sampleIntel } from "../src/demo/index.ts";
import {
	compilePolicy,
	createGate,
	type GateSources,
	guardedGate,
	type Incident,
	type Policy,
	PURPOSES,
	parsePolicyFile,
	type ReleasableVersion,
} from "../src/policy/index.ts";
import type { StixObject } from "../src/stix/core.ts";
import {
	REFERENCE_POLICY as FIXTURE_POLICY,
	IDS,
	indicator,
	MARKS,
	SCENARIO_NOW,
	victimIp,
} from "./fixtures/reference-scenario.ts";

const STRANGER = "identity--0a5e0c2d-6b1e-4c1a-8f3e-0000000000ff";

/**
 * The real gate over `policy` and these versions (references resolve among them), guarded by the invariants;
 * `leaky` replaces it with one that releases everything (the sweep must then trip every invariant).
 */
function guardedRealGate(policy: Policy, versions: readonly ReleasableVersion[], now: Date, leaky = false) {
	const byId = new Map(versions.map((v) => [v.object.id, v]));
	const locals = new Set(policy.parties.filter((p) => p.local).map((p) => p.id));
	const compiled = compilePolicy(policy);
	const sources: GateSources = {
		compiled: () => compiled,
		markingDefinitions: () => new Map(),
		inherited: async () => new Map(),
		versionsOf: async (ids) =>
			new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)]] : [])) as never),
		heldIds: async (ids) => new Set(ids.filter((id) => byId.has(id))),
		heldTypes: async (types) => new Set(types.filter((t) => versions.some((v) => v.object.type === t))),
		localParties: async () => locals,
		transformKey: new Uint8Array(32).fill(7),
		nodeIdentity: [...locals][0] ?? STRANGER,
		now: () => now,
	};
	const incidents: Incident[] = [];
	const real = createGate(sources);
	const gate = guardedGate(
		leaky ? { ...real, releasePage: async (_viewer, page) => page.map((v) => v.object) } : real,
		{
			policy: async () => policy,
			versionsOf: async (ids) =>
				new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)]] : [])) as never),
			localParties: async () => locals,
			now: () => now,
		},
		(batch) => {
			incidents.push(...batch);
		},
	);
	return { gate, incidents };
}

/** Releases every version to every party of the policy (and a stranger) for every purpose; counts copies. */
async function releaseToEveryone(
	policy: Policy,
	versions: readonly ReleasableVersion[],
	now: Date,
	leaky = false,
) {
	const { gate, incidents } = guardedRealGate(policy, versions, now, leaky);
	let released = 0;
	let toPartners = 0;
	const locals = new Set(policy.parties.filter((p) => p.local).map((p) => p.id));
	for (const party of [...policy.parties.map((p) => p.id), STRANGER])
		for (const purpose of PURPOSES) {
			const page = await gate.releasePage({ partyId: party, userId: "test", purpose }, versions);
			for (const copy of page)
				if (copy !== undefined) {
					released++;
					if (!locals.has(party)) toPartners++;
				}
		}
	return { incidents, released, toPartners };
}

const TLPS = [
	undefined,
	MARKS.clear,
	MARKS.green,
	MARKS.amber,
	MARKS.amberStrict,
	MARKS.red,
	MARKS.tlp1Amber,
	MARKS.tlp1Red,
];
const EXTRAS = [[], [MARKS.h0], [MARKS.h1], [MARKS.h2], [MARKS.h3], [MARKS.papRed]];
const AUDIENCES = [
	undefined,
	{ parties: [IDS.fbi] },
	{ parties: [IDS.bank, IDS.uniCert] },
	{ parties: [IDS.ec3, IDS.nlPolice], communities: ["j-cat"] },
	{ communities: ["j-cat/outreach"] },
];
const OWNERS = [IDS.nca, IDS.fbi, IDS.bank, IDS.ec3, STRANGER];

describe("invariants: no false positives with the real gate", () => {
	it("the reference policy: every marking, handling code, audience, role and owner, to every party and purpose", async () => {
		const versions: ReleasableVersion[] = [];
		let n = 0;
		for (const tlp of TLPS)
			for (const extra of EXTRAS)
				for (const audience of AUDIENCES)
					for (const owner of OWNERS) {
						const markings = [...(tlp === undefined ? [] : [tlp]), ...extra];
						const suffix = String(++n).padStart(12, "0");
						const objects: StixObject[] = [
							indicator(markings, {
								id: `indicator--8e2e2d2b-17d4-4cbf-938f-${suffix}`,
								...(audience === undefined ? {} : { x_entente_audience: audience }),
							}),
							{
								...victimIp(markings),
								id: `ipv4-addr--ff26c055-6336-5bc5-b98d-${suffix}`,
								value: `203.0.${Math.floor(n / 250)}.${n % 250}`,
								...(audience === undefined ? {} : { x_entente_audience: audience }),
							},
						];
						for (const object of objects)
							versions.push({
								object,
								provenance: { organizationId: owner, source: "test" },
								flags: [],
								latest: true,
							});
					}
		const { incidents, released, toPartners } = await releaseToEveryone(
			FIXTURE_POLICY,
			versions,
			SCENARIO_NOW,
		);
		assert.deepEqual(incidents, []);
		// The sweep releases a great deal to partners, so the invariants were really asked.
		assert.ok(toPartners > 1000, `only ${toPartners} of ${released} copies went to partners`);
		// The same sweep through a gate that releases everything trips every invariant: the sweep reaches each.
		const leaked = await releaseToEveryone(FIXTURE_POLICY, versions, SCENARIO_NOW, true);
		assert.deepEqual([...new Set(leaked.incidents.map((i) => i.invariant))].sort(), [
			"h3-inline",
			"red-named",
			"tlp-ceiling",
			"victim-transfer",
		]);
	});

	it("every node of `entente demo` with every party's sample intelligence", async () => {
		const plan = planScenario();
		const now = new Date();
		let partnerCopies = 0;
		for (const node of plan.nodes) {
			const parsed = parsePolicyFile(node.policyText, `${node.name}.yaml`, { nodeName: node.name });
			assert.ok(parsed.ok, node.name);
			const versions: ReleasableVersion[] = plan.nodes.flatMap((origin) =>
				sampleIntel(origin.partyKey, origin.party.id).map((object) => ({
					object: object as StixObject,
					provenance: { organizationId: origin.party.id, source: "test" },
					flags: [],
					latest: true,
				})),
			);
			const { incidents, toPartners } = await releaseToEveryone(parsed.policy, versions, now);
			assert.deepEqual(incidents, [], node.name);
			partnerCopies += toPartners;
		}
		assert.ok(partnerCopies > 100, `only ${partnerCopies} copies went to partners`);
	});
});
