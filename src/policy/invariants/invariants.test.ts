// The invariants (D37): each one alone, the marking reader against the catalogue, and the guarded gate over a
// deliberately broken gate that releases everything — every invariant must block and record.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { StixObject } from "../../stix/core.ts";
import { HANDLING_IDS, TLP1_DEFINITIONS, TLP2_DEFINITIONS } from "../../stix/markings/index.ts";
import type { EgressGate, ReleasableVersion, Viewer } from "../gate/index.ts";
import type { Party, Policy } from "../model.ts";
import { enabledInvariants, guardedGate, type Incident } from "./guarded-gate.ts";
import { H3_ID, knownTlpIds } from "./marking-reader.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const id = (n: number) => `identity--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CERT = id(1); // local, NL
const BANK = id(2); // partner, NL, agreement AMBER with CERT
const UNI = id(3); // partner, GB, community only, own ceiling GREEN
const FBI = id(4); // partner, US, agreement RED with CERT
const GONE = id(5); // partner, suspended
const STRANGER = id(9); // not in the policy
const TLP = TLP2_DEFINITIONS;

function party(partyId: string, name: string, jurisdictions: string[], extra: Partial<Party> = {}): Party {
	return {
		id: partyId,
		name,
		sector: "cert",
		jurisdictions,
		node: extra.local === true ? "here" : `${name}-node`,
		local: false,
		trustTier: 1,
		clients: [],
		status: "active",
		understands: ["tlp2"],
		...extra,
	};
}

function agreement(key: string, parties: string[], tlpCeiling: "amber" | "red", until?: string) {
	return {
		id: key,
		name: key,
		kind: "bilateral" as const,
		parties,
		communities: [],
		purposes: ["network-defence" as const],
		tlpCeiling,
		papCeiling: "red" as const,
		handlingCodes: true,
		onwardSharing: false,
		evidenceUse: false,
		validity: { from: "2026-01-01T00:00:00.000Z", ...(until === undefined ? {} : { until }) },
		treatments: [],
	};
}

const POLICY: Policy = {
	version: 1,
	parties: [
		party(CERT, "cert", ["NL"], { local: true }),
		party(BANK, "bank", ["NL"]),
		party(UNI, "uni", ["GB"], { sector: "academia", tlpCeiling: "green" }),
		party(FBI, "fbi", ["US"], { sector: "law-enforcement" }),
		party(GONE, "gone", ["NL"], { status: "suspended" }),
	],
	jurisdictions: [
		{
			code: "EU",
			name: "European Union",
			members: ["NL"],
			personalData: [{ objectType: "ipv4-addr", role: "victim", treatment: "pseudonymise" }],
			transferRoutes: [{ to: "GB", basis: "adequacy" }],
			legalBases: [{ id: "adequacy", name: "UK adequacy", validity: { from: "2021-01-01T00:00:00.000Z" } }],
		},
		{ code: "NL", name: "Netherlands", members: [], personalData: [], transferRoutes: [], legalBases: [] },
		{ code: "GB", name: "United Kingdom", members: [], personalData: [], transferRoutes: [], legalBases: [] },
		{ code: "US", name: "United States", members: [], personalData: [], transferRoutes: [], legalBases: [] },
	],
	agreements: [
		agreement("cert-bank", [CERT, BANK], "amber"),
		agreement("cert-fbi", [CERT, FBI], "red"),
		agreement("cert-gone", [CERT, GONE], "red"),
		agreement("cert-uni-old", [CERT, UNI], "red", "2026-02-01T00:00:00.000Z"),
	],
	communities: [{ id: "csirts", name: "CSIRTs", members: [CERT, BANK, UNI, FBI], subgroups: [] }],
};

let counter = 0;
function indicator(markings: string[], extra: Record<string, unknown> = {}): StixObject {
	counter++;
	return {
		type: "indicator",
		spec_version: "2.1",
		id: `indicator--00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
		created: "2026-05-01T00:00:00.000Z",
		modified: "2026-05-01T00:00:00.000Z",
		pattern: "[domain-name:value = 'example.org']",
		pattern_type: "stix",
		valid_from: "2026-05-01T00:00:00Z",
		object_marking_refs: markings,
		...extra,
	};
}

function victimIp(value: string, markings: string[] = [TLP.green.id]): StixObject {
	return {
		type: "ipv4-addr",
		spec_version: "2.1",
		id: `ipv4-addr--00000000-0000-5000-8000-${value.replace(/\D/g, "").padStart(12, "0")}`,
		value,
		object_marking_refs: markings,
		x_entente_role: "victim",
	};
}

function stored(object: StixObject, owner = CERT): ReleasableVersion {
	return { object, provenance: { organizationId: owner, source: "test" }, flags: [], latest: true };
}

/** A broken gate: releases every version to everyone, as stored. */
const leakyGate: EgressGate = {
	releasePage: async (_viewer, versions) => versions.map((version) => version.object),
	release: async (_viewer, version) => version.object,
	explain: async () => ({ verdict: "full", treatments: [], addMarkings: [], trace: [] }),
	preview: async () => [],
};

/** `null`: no policy applied. */
function guarded(
	policy: Policy | null = POLICY,
	gate: EgressGate = leakyGate,
	held: ReleasableVersion[] = [],
) {
	const incidents: Incident[] = [];
	const guardedOne = guardedGate(
		gate,
		{
			policy: async () => policy ?? undefined,
			versionsOf: async (ids) =>
				new Map(held.filter((v) => ids.includes(v.object.id)).map((v) => [v.object.id, v])),
			localParties: async () => new Set([CERT]),
			now: () => NOW,
		},
		(batch) => {
			incidents.push(...batch);
		},
	);
	return { gate: guardedOne, incidents };
}

const viewer = (partyId: string): Viewer => ({ partyId, userId: "user-x", purpose: "network-defence" });

async function releasedTo(partyId: string, object: StixObject, policy: Policy | null = POLICY, owner = CERT) {
	const { gate, incidents } = guarded(policy);
	const [copy] = await gate.releasePage(viewer(partyId), [stored(object, owner)]);
	return { copy, incidents };
}

describe("invariants: the marking reader", () => {
	it("knows exactly the TLP 1.0 and 2.0 ids of the catalogue, at their levels, and H3's id", () => {
		const expected = new Map<string, number>();
		const rank = { clear: 0, white: 0, green: 1, amber: 2, "amber+strict": 3, red: 4 } as const;
		for (const [level, definition] of Object.entries(TLP2_DEFINITIONS))
			expected.set(definition.id, rank[level as keyof typeof rank]);
		for (const [level, definition] of Object.entries(TLP1_DEFINITIONS))
			expected.set(definition.id, rank[level as keyof typeof rank]);
		assert.deepEqual(new Map([...knownTlpIds()].sort()), new Map([...expected].sort()));
		assert.equal(H3_ID, HANDLING_IDS.h3);
	});
});

describe("invariants: tlp-ceiling", () => {
	it("blocks what is above the highest agreement in force naming the recipient", async () => {
		const { copy, incidents } = await releasedTo(BANK, indicator([TLP["amber+strict"].id]));
		assert.equal(copy, undefined);
		assert.deepEqual(
			incidents.map((i) => i.invariant),
			["tlp-ceiling"],
		);
		assert.match(incidents[0]?.reason ?? "", /TLP:AMBER\+STRICT is above TLP:AMBER/);
		assert.ok((await releasedTo(BANK, indicator([TLP.amber.id]))).copy !== undefined);
	});

	it("holds the recipient's own ceiling and ignores an agreement that has ended", async () => {
		// UNI's old RED agreement ended in February; its own ceiling is GREEN anyway; its community gives GREEN.
		assert.equal((await releasedTo(UNI, indicator([TLP.amber.id]))).copy, undefined);
		assert.ok((await releasedTo(UNI, indicator([TLP.green.id]))).copy !== undefined);
	});

	it("reads TLP 1.0 ids too, and a copy that lost its marking is judged by the stored version", async () => {
		assert.equal((await releasedTo(BANK, indicator([TLP1_DEFINITIONS.red.id]))).copy, undefined);
		const { gate, incidents } = guarded(POLICY, {
			...leakyGate,
			releasePage: async (_v, versions) => versions.map((v) => ({ ...v.object, object_marking_refs: [] })),
		});
		const [copy] = await gate.releasePage(viewer(UNI), [stored(indicator([TLP.amber.id]))]);
		assert.equal(copy, undefined);
		assert.equal(incidents[0]?.invariant, "tlp-ceiling");
	});

	it("gives nothing to a party unknown to the policy, to a suspended one, or to anyone without a policy", async () => {
		assert.equal((await releasedTo(STRANGER, indicator([TLP.clear.id]))).copy, undefined);
		assert.equal((await releasedTo(GONE, indicator([TLP.clear.id]))).copy, undefined);
		const none = await releasedTo(BANK, indicator([TLP.clear.id]), null);
		assert.equal(none.copy, undefined);
		assert.equal(none.incidents[0]?.invariant, "tlp-ceiling");
		// Without a policy the node's own organisations still receive everything.
		assert.ok((await releasedTo(CERT, indicator([TLP.red.id]), null, BANK)).copy !== undefined);
	});

	it("passes a partner's object on at most as TLP:GREEN", async () => {
		const amber = indicator([TLP.amber.id]);
		assert.equal((await releasedTo(FBI, amber, POLICY, BANK)).copy, undefined);
		assert.ok((await releasedTo(FBI, indicator([TLP.green.id]), POLICY, BANK)).copy !== undefined);
	});
});

describe("invariants: red-named", () => {
	it("blocks TLP:RED to a party under a RED agreement that the object does not name", async () => {
		const { copy, incidents } = await releasedTo(FBI, indicator([TLP.red.id]));
		assert.equal(copy, undefined);
		assert.deepEqual(
			incidents.map((i) => i.invariant),
			["red-named"],
		);
		const named = indicator([TLP.red.id], { x_entente_audience: { parties: [FBI] } });
		assert.ok((await releasedTo(FBI, named)).copy !== undefined);
	});
});

describe("invariants: victim-transfer", () => {
	it("blocks a raw victim observable to a jurisdiction with no route, and lets a transformed one go", async () => {
		const ip = victimIp("198.51.100.7");
		const { copy, incidents } = await releasedTo(FBI, ip);
		assert.equal(copy, undefined);
		assert.deepEqual(
			incidents.map((i) => i.invariant),
			["victim-transfer"],
		);
		const pseudonymised: EgressGate = {
			...leakyGate,
			releasePage: async (_v, versions) =>
				versions.map((v) => ({
					...v.object,
					id: "ipv4-addr--11111111-0000-5000-8000-000000000000",
					value: "10.0.0.1",
				})),
		};
		const other = guarded(POLICY, pseudonymised);
		assert.ok((await other.gate.releasePage(viewer(FBI), [stored(ip)]))[0] !== undefined);
	});

	it("lets it go raw inside the jurisdiction and along a route in force", async () => {
		assert.ok((await releasedTo(BANK, victimIp("198.51.100.8"))).copy !== undefined);
		assert.ok((await releasedTo(UNI, victimIp("198.51.100.9"))).copy !== undefined);
	});
});

describe("invariants: h3-inline", () => {
	it("blocks anything marked H3 to any partner", async () => {
		const { copy, incidents } = await releasedTo(FBI, indicator([TLP.green.id, H3_ID]));
		assert.equal(copy, undefined);
		assert.deepEqual(
			incidents.map((i) => i.invariant),
			["h3-inline"],
		);
	});
});

describe("invariants: what a copy names", () => {
	const report = (refs: string[]): StixObject => ({
		type: "report",
		spec_version: "2.1",
		id: `report--00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`,
		created: "2026-05-01T00:00:00.000Z",
		modified: "2026-05-01T00:00:00.000Z",
		name: "weekly",
		published: "2026-05-01T00:00:00Z",
		object_refs: refs,
		object_marking_refs: [TLP.green.id],
	});

	it("stops a copy naming an object the party may not receive, on the page or only held, at any depth", async () => {
		const red = stored(indicator([TLP.red.id]));
		const ip = stored(victimIp("198.51.100.20"));
		const traffic: StixObject = {
			type: "network-traffic",
			spec_version: "2.1",
			id: "network-traffic--00000000-0000-5000-8000-000000000001",
			protocols: ["tcp"],
			src_ref: ip.object.id,
			object_marking_refs: [TLP.green.id],
		};
		const extension: StixObject = {
			...indicator([TLP.green.id]),
			extensions: {
				"x-ext": { extension_type: "property-extension", deep: { related_refs: [red.object.id] } },
			},
		};
		const { gate, incidents } = guarded(POLICY, leakyGate, [red, ip]);
		const green = stored(indicator([TLP.green.id]));
		const page = [
			stored(report([red.object.id])),
			stored(traffic),
			stored(extension),
			green,
			stored(report([green.object.id])),
		];
		const released = await gate.releasePage(viewer(FBI), page);
		assert.deepEqual(
			released.map((copy) => copy !== undefined),
			[false, false, false, true, true],
		);
		assert.deepEqual(
			incidents.map((i) => [i.objectId, i.invariant]),
			[
				[page[0]?.object.id, "red-named"],
				[page[1]?.object.id, "victim-transfer"],
				[page[2]?.object.id, "red-named"],
			],
		);
		assert.match(incidents[0]?.reason ?? "", new RegExp(`^names ${red.object.id}: TLP:RED`));
		// On the same page: the named object stopped, so is the copy naming it.
		const both = guarded(POLICY, leakyGate);
		const onPage = await both.gate.releasePage(viewer(FBI), [red, stored(report([red.object.id]))]);
		assert.deepEqual(onPage, [undefined, undefined]);
	});

	it("ignores markings and the author, and ids the node does not hold (a derived id)", async () => {
		const { gate, incidents } = guarded(POLICY, leakyGate, []);
		const copy = report(["ipv4-addr--99999999-0000-5000-8000-000000000000"]);
		const [released] = await gate.releasePage(viewer(BANK), [stored({ ...copy, created_by_ref: GONE })]);
		assert.ok(released !== undefined);
		assert.equal(incidents.length, 0);
	});
});

describe("the guarded gate", () => {
	it("over a gate that releases everything, blocks and records every invariant", async () => {
		const { gate, incidents } = guarded();
		const page = [
			stored(indicator([TLP["amber+strict"].id])),
			stored(indicator([TLP.red.id])),
			stored(victimIp("198.51.100.10")),
			stored(indicator([TLP.clear.id, H3_ID])),
			stored(indicator([TLP.clear.id])),
		];
		const released = await gate.releasePage(viewer(FBI), page);
		assert.deepEqual(
			released.map((copy) => copy !== undefined),
			[true, false, false, false, true],
		);
		const toBank = await gate.releasePage(viewer(BANK), page);
		assert.deepEqual(
			toBank.map((copy) => copy !== undefined),
			[false, false, true, false, true],
		);
		assert.deepEqual([...new Set(incidents.map((i) => i.invariant))].sort(), [
			"h3-inline",
			"red-named",
			"tlp-ceiling",
			"victim-transfer",
		]);
		for (const incident of incidents) {
			assert.ok(incident.partyId === FBI || incident.partyId === BANK);
			assert.equal(incident.userId, "user-x");
			assert.ok(page.some((v) => v.object.id === incident.objectId));
		}
		assert.equal(await gate.release(viewer(FBI), page[1] as ReleasableVersion), undefined);
	});

	it("checks nothing for the node's own parties, nor for an object's owner reading it", async () => {
		const { gate, incidents } = guarded();
		const red = stored(indicator([TLP.red.id, H3_ID]));
		assert.ok((await gate.release(viewer(CERT), red)) !== undefined);
		assert.ok((await gate.release(viewer(BANK), stored(indicator([TLP.red.id]), BANK))) !== undefined);
		assert.equal(incidents.length, 0);
	});

	it("skips an invariant the policy turns off, and only that one", async () => {
		const policy: Policy = {
			...POLICY,
			invariantsOff: [{ invariant: "h3-inline", reason: "court order 7" }],
		};
		assert.deepEqual(enabledInvariants(policy), ["tlp-ceiling", "red-named", "victim-transfer"]);
		assert.ok((await releasedTo(FBI, indicator([TLP.green.id, H3_ID]), policy)).copy !== undefined);
		assert.equal((await releasedTo(FBI, indicator([TLP.red.id, H3_ID]), policy)).copy, undefined);
	});

	it("hands explain and preview to the gate unchanged and records nothing when the gate released nothing", async () => {
		const { gate, incidents } = guarded(POLICY, {
			...leakyGate,
			releasePage: async (_v, vs) => vs.map(() => undefined),
		});
		assert.deepEqual(await gate.releasePage(viewer(STRANGER), [stored(indicator([TLP.red.id]))]), [
			undefined,
		]);
		assert.equal((await gate.explain(stored(indicator([])), BANK, "network-defence")).verdict, "full");
		assert.deepEqual(await gate.preview(stored(indicator([])), "network-defence"), []);
		assert.equal(incidents.length, 0);
	});
});
