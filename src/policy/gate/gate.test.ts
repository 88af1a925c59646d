// The egress gate over in-memory sources and the reference scenario: containers, relationships, transforms, policy changes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	IDS,
	indicator,
	MARKS,
	REFERENCE_POLICY,
	SCENARIO_NOW,
	victimIp,
} from "#test/fixtures/reference-scenario.ts";
import type { StixObject } from "../../stix/core.ts";
import { type CompiledPolicy, compilePolicy } from "../engine/index.ts";
import type { Purpose } from "../model.ts";
import { createGate, type GateSources, type Inherited, type ReleasableVersion } from "./index.ts";

const LOCAL_ORG = "identity--0a5e0c2d-6b1e-4c1a-8f3e-0000000000ff";

function version(object: StixObject, originator: string = IDS.nca, flags: string[] = []): ReleasableVersion {
	return {
		object: { ...object, created_by_ref: originator },
		provenance: { organizationId: originator, source: "test" },
		flags,
	};
}

/** Sources over a fixed set of versions; `policy` may be swapped between calls. */
function sources(held: readonly ReleasableVersion[], inherited = new Map<string, Inherited>()) {
	const state: { policy: CompiledPolicy | undefined } = { policy: compilePolicy(REFERENCE_POLICY) };
	const byId = new Map(held.map((v) => [v.object.id, v]));
	const built: GateSources = {
		compiled: () => state.policy,
		markingDefinitions: () => new Map(),
		inherited: async (ids) => new Map([...inherited].filter(([id]) => ids.includes(id))),
		versionsOf: async (ids) =>
			new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id) as ReleasableVersion]] : []))),
		heldIds: async (ids) => new Set(ids.filter((id) => byId.has(id))),
		heldTypes: async (types) => new Set(types.filter((type) => held.some((v) => v.object.type === type))),
		localParties: async () => new Set([LOCAL_ORG]),
		transformKey: new Uint8Array(32).fill(7),
		nodeIdentity: IDS.nca,
		now: () => SCENARIO_NOW,
	};
	return { state, sources: built };
}

const viewer = (party: string, purpose: Purpose = "criminal-investigation") => ({
	partyId: party,
	userId: "u",
	purpose,
});

const AMBER = version(indicator([MARKS.amber]));
const RED = version(
	indicator([MARKS.red], {
		id: "indicator--0b6f5a3c-0000-4000-8000-000000000001",
		pattern: "[domain-name:value = 'x.example']",
	}),
);
const MALWARE = version({
	type: "malware",
	spec_version: "2.1",
	id: "malware--0b6f5a3c-0000-4000-8000-000000000002",
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	name: "evil",
	is_family: false,
	object_marking_refs: [MARKS.amber],
});
const REPORT = version({
	type: "report",
	spec_version: "2.1",
	id: "report--0b6f5a3c-0000-4000-8000-000000000003",
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	name: "campaign",
	published: "2025-05-01T00:00:00Z",
	object_refs: [AMBER.object.id, RED.object.id],
	object_marking_refs: [MARKS.amber],
});
const relationship = (target: ReleasableVersion, n: number) =>
	version({
		type: "relationship",
		spec_version: "2.1",
		id: `relationship--0b6f5a3c-0000-4000-8000-00000000001${n}`,
		created: "2025-05-01T00:00:00.000Z",
		modified: "2025-05-01T00:00:00.000Z",
		relationship_type: "indicates",
		source_ref: target.object.id,
		target_ref: MALWARE.object.id,
		object_marking_refs: [MARKS.amber],
	});
const IP = version(victimIp([MARKS.amber]));
const IP_INDICATOR = version(
	indicator([MARKS.amber], {
		id: "indicator--0b6f5a3c-0000-4000-8000-000000000004",
		pattern: "[ipv4-addr:value = '203.0.113.9']",
	}),
);
const SIGHTING_REPORT = version({
	...REPORT.object,
	id: "report--0b6f5a3c-0000-4000-8000-000000000005",
	object_refs: [IP.object.id, IP_INDICATOR.object.id],
});

describe("egress gate", () => {
	it("releases an NCA TLP:AMBER indicator to the FBI and the bank, not to the university", async () => {
		const gate = createGate(sources([AMBER]).sources);
		assert.equal((await gate.release(viewer(IDS.fbi), AMBER))?.id, AMBER.object.id);
		assert.equal((await gate.release(viewer(IDS.bank, "network-defence"), AMBER))?.id, AMBER.object.id);
		assert.equal(await gate.release(viewer(IDS.uniCert, "research"), AMBER), undefined);
	});

	it("keeps only the refs of a container the party may see; drops a relationship with a hidden end", async () => {
		const held = [AMBER, RED, MALWARE, REPORT];
		const gate = createGate(sources(held).sources);
		const [report, rel1, rel2] = await gate.releasePage(viewer(IDS.fbi), [
			REPORT,
			relationship(AMBER, 1),
			relationship(RED, 2),
		]);
		assert.deepEqual(report?.object_refs, [AMBER.object.id], "the RED indicator is not named");
		assert.equal(rel1?.source_ref, AMBER.object.id);
		assert.equal(rel2, undefined, "the relationship to a RED indicator is withheld");
		const explained = await gate.explain(relationship(RED, 2), IDS.fbi, "criminal-investigation");
		assert.equal(explained.verdict, "deny");
		assert.equal(explained.trace.at(-1)?.rule, "gate.references");
	});

	it("pseudonymises a victim IP for Colombia: a new SCO id, and the container and pattern rewritten with it", async () => {
		const gate = createGate(sources([IP, IP_INDICATOR, SIGHTING_REPORT]).sources);
		const [report, ip, ind] = await gate.releasePage(viewer(IDS.coPolice), [
			SIGHTING_REPORT,
			IP,
			IP_INDICATOR,
		]);
		assert.ok(ip !== undefined && report !== undefined);
		assert.notEqual(ip.id, IP.object.id, "a transformed observable gets a new id");
		assert.notEqual(ip.value, "203.0.113.9");
		assert.ok((report.object_refs as string[]).includes(ip.id));
		assert.ok(!(report.object_refs as string[]).includes(IP.object.id));
		assert.ok(ind === undefined || !String(ind.pattern).includes("203.0.113.9"), "the value never leaves");
		// A page carrying only the report still names the new id: referenced transformed objects ride along.
		const [alone] = await gate.releasePage(viewer(IDS.coPolice), [SIGHTING_REPORT]);
		assert.ok(((alone?.object_refs ?? []) as string[]).includes(ip.id));
		// The FBI (transfer route) receives it as it is.
		assert.equal((await gate.release(viewer(IDS.fbi), IP))?.id, IP.object.id);
	});

	it("sends one pseudonymised copy of a victim IP stated under two ids (e.g. two MISP attributes), not two", async () => {
		const twin = version({ ...IP.object, id: "ipv4-addr--0b6f5a3c-0000-4000-8000-000000000006" });
		const gate = createGate(sources([IP, twin]).sources);
		const [first, second] = await gate.releasePage(viewer(IDS.coPolice), [IP, twin]);
		assert.ok(first !== undefined && first.id !== IP.object.id && first.value !== "203.0.113.9");
		assert.equal(second, undefined, "the same pseudonymised copy is not sent twice on one page");
		// Each still goes alone, as the same copy.
		const [alone] = await gate.releasePage(viewer(IDS.coPolice), [twin]);
		assert.deepEqual(alone, first);
	});

	it("records the new id of every copy a page names transformed, and nothing for a page without one (D29)", async () => {
		const recorded: unknown[] = [];
		const { sources: built } = sources([IP, IP_INDICATOR, SIGHTING_REPORT]);
		const gate = createGate({ ...built, recordDerived: async (pairs) => void recorded.push(...pairs) });
		await gate.releasePage(viewer(IDS.fbi), [SIGHTING_REPORT, IP]);
		assert.deepEqual(recorded, [], "released as stored: nothing to record");
		// The report alone: the observable riding along is recorded too, since the report names its new id.
		const [report] = await gate.releasePage(viewer(IDS.coPolice), [SIGHTING_REPORT]);
		const derived = ((report?.object_refs ?? []) as string[]).find((ref) => ref.startsWith("ipv4-addr--"));
		assert.ok(derived !== undefined && derived !== IP.object.id);
		assert.deepEqual(recorded, [{ derivedId: derived, originalId: IP.object.id }]);
	});

	it("explains an indicator whose pattern names a value the party receives transformed as transformed, by gate.pattern", async () => {
		const gate = createGate(sources([IP, IP_INDICATOR]).sources);
		const [released] = await gate.releasePage(viewer(IDS.coPolice), [IP_INDICATOR]);
		assert.ok(
			released !== undefined && released.pattern !== IP_INDICATOR.object.pattern,
			"the pattern is rewritten",
		);
		const explained = await gate.explain(IP_INDICATOR, IDS.coPolice, "criminal-investigation");
		assert.equal(explained.verdict, "transformed");
		const step = explained.trace.find((s) => s.rule === "gate.pattern");
		assert.equal(step?.outcome, "transform");
		assert.match(step?.reason ?? "", /pseudonymise ipv4-addr/);
		const line = (await gate.preview(IP_INDICATOR, "criminal-investigation")).find(
			(l) => l.partyId === IDS.coPolice,
		);
		assert.equal(line?.verdict, "transformed");
		assert.equal(line?.decidingRule, "gate.pattern");
		// The FBI has a transfer route: the value goes as written, and the step says so.
		const fbi = await gate.explain(IP_INDICATOR, IDS.fbi, "criminal-investigation");
		assert.equal(fbi.verdict, "full");
		assert.equal(
			fbi.trace.find((s) => s.rule === "gate.pattern")?.outcome,
			"pass",
			JSON.stringify(fbi.trace.slice(-3)),
		);
	});

	it("explains an indicator withheld for the value its pattern names, by gate.pattern", async () => {
		const unparsable = version(indicator([MARKS.amber], { pattern: "[ipv4-addr:value = " }));
		const gate = createGate(sources([unparsable]).sources);
		const explained = await gate.explain(unparsable, IDS.fbi, "criminal-investigation");
		assert.equal(explained.verdict, "deny");
		assert.equal(explained.trace.at(-1)?.rule, "gate.pattern");
		assert.equal(await gate.release(viewer(IDS.fbi), unparsable), undefined);
	});

	it("takes a policy change into account on the next call", async () => {
		const { state, sources: s } = sources([AMBER]);
		const gate = createGate(s);
		assert.notEqual(await gate.release(viewer(IDS.fbi), AMBER), undefined);
		state.policy = compilePolicy({
			...REFERENCE_POLICY,
			version: 2,
			parties: REFERENCE_POLICY.parties.map((p) => (p.id === IDS.fbi ? { ...p, status: "suspended" } : p)),
		});
		assert.equal(await gate.release(viewer(IDS.fbi), AMBER), undefined);
		state.policy = undefined;
		assert.equal(
			await gate.release(viewer(IDS.nca), AMBER),
			undefined,
			"without a policy only local orgs see",
		);
		assert.deepEqual(await gate.release(viewer(LOCAL_ORG), AMBER), AMBER.object);
	});

	it("judges the value an indicator names with the indicator's 4x4 evaluation (a minimum applies to both)", async () => {
		const graded = version(
			indicator([MARKS.amber], { x_entente_evaluation: { source: "A", information: 1 } }),
		);
		const ungraded = AMBER;
		const { state, sources: s } = sources([graded]);
		state.policy = compilePolicy({
			...REFERENCE_POLICY,
			agreements: REFERENCE_POLICY.agreements.map((a) => ({ ...a, minimumEvaluation: "B2" as const })),
		});
		const gate = createGate(s);
		// The pattern's IP is not held: it is judged as a stand-in carrying the indicator's grade, so it passes too.
		assert.equal((await gate.release(viewer(IDS.fbi), graded))?.id, graded.object.id);
		assert.equal(await gate.release(viewer(IDS.fbi), ungraded), undefined);
	});

	it("never releases an object flagged with an unknown marking, with or without a policy", async () => {
		const flagged = version(indicator([MARKS.clear]), IDS.nca, ["unknown-marking"]);
		const { state, sources: s } = sources([flagged]);
		const gate = createGate(s);
		assert.equal(await gate.release(viewer(IDS.nca), flagged), undefined);
		assert.equal(
			(await gate.explain(flagged, IDS.nca, "criminal-investigation")).trace[0]?.rule,
			"marking.flag",
		);
		state.policy = undefined;
		assert.equal(await gate.release(viewer(LOCAL_ORG), flagged), undefined);
	});

	it("applies markings inherited from a container (RED report → its indicator withheld from the FBI)", async () => {
		const inherited = new Map([[AMBER.object.id, { markingRefs: [MARKS.red], originators: [IDS.nca] }]]);
		const gate = createGate(sources([AMBER], inherited).sources);
		assert.equal(await gate.release(viewer(IDS.fbi), AMBER), undefined);
	});

	it("previews every party with its verdict and the deciding rule", async () => {
		const gate = createGate(sources([AMBER]).sources);
		const lines = await gate.preview(AMBER, "criminal-investigation");
		assert.equal(lines.length, REFERENCE_POLICY.parties.length);
		const uni = lines.find((line) => line.partyId === IDS.uniCert);
		assert.equal(uni?.verdict, "deny");
		assert.notEqual(uni?.decidingRule, "form");
		assert.equal(lines.find((line) => line.partyId === IDS.fbi)?.verdict, "full");
	});
});
