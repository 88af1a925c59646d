// chooseStatement (D31): which of an observable's statements a party receives.
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
import { scoId } from "../../stix/ids/index.ts";
import { compilePolicy } from "../engine/index.ts";
import type { Verdict } from "../model.ts";
import { createGate } from "./index.ts";
import { canonicalValue, chooseStatement, isStatement } from "./statements.ts";
import type { GateSources, ReleasableVersion } from "./types.ts";

const A = "identity--a";
const B = "identity--b";
const C = "identity--c";

const statement = (organizationId: string, version: string, marking: string): ReleasableVersion => ({
	object: { type: "ipv4-addr", id: "ipv4-addr--1", value: "198.51.100.1", object_marking_refs: [marking] },
	provenance: { organizationId, source: "test" },
	flags: [],
	latest: true,
	version,
});

const byMarking =
	(released: readonly string[]) =>
	(s: ReleasableVersion): Verdict =>
		released.includes(String((s.object.object_marking_refs as string[])[0])) ? "full" : "deny";

describe("chooseStatement", () => {
	const clear = statement(B, "2026-01-01T00:00:00.000001Z", "clear");
	const red = statement(A, "2026-01-01T00:00:00.000002Z", "red");
	const green = statement(C, "2026-01-01T00:00:00.000003Z", "green");

	it("gives a party its own statement when it may receive it, even if another is newer", () => {
		assert.equal(chooseStatement([clear, red, green], A, byMarking(["clear", "red", "green"])), red);
	});
	it("otherwise the newest it may receive: one it may not is as if never made", () => {
		assert.equal(chooseStatement([clear, red, green], "identity--x", byMarking(["clear", "green"])), green);
		assert.equal(chooseStatement([clear, red, green], B, byMarking(["clear", "green"])), clear);
		assert.equal(chooseStatement([clear, red, green], "identity--x", byMarking(["clear"])), clear);
		assert.equal(chooseStatement([green, red, clear], "identity--x", byMarking(["clear"])), clear);
	});
	it("none when the party may receive none", () => {
		assert.equal(chooseStatement([clear, red], "identity--x", byMarking([])), undefined);
	});
	it("breaks a tie of versions by contributor, whatever the order given", () => {
		const one = statement(B, "v", "clear");
		const two = statement(C, "v", "clear");
		assert.equal(chooseStatement([one, two], "identity--x", byMarking(["clear"])), two);
		assert.equal(chooseStatement([two, one], "identity--x", byMarking(["clear"])), two);
	});
	it("treats an object without created and modified as a statement", () => {
		assert.equal(isStatement(clear.object), true);
		assert.equal(isStatement({ ...clear.object, created: "x", modified: "x" }), false);
	});
});

describe("chooseStatement over forged values (D31)", () => {
	const honestValue = "104.168.174.32";
	const derivedId = scoId({ type: "ipv4-addr", value: honestValue }) ?? "";
	const mispId = "ipv4-addr--bf69ad31-0000-4000-8000-000000000001";
	const at = (id: string, organizationId: string, version: string, value: string): ReleasableVersion => ({
		object: { type: "ipv4-addr", id, value, object_marking_refs: ["clear"] },
		provenance: { organizationId, source: "test" },
		flags: [],
		latest: true,
		version,
	});
	const all = byMarking(["clear"]);

	it("never gives a third party another value forged under a derived id, whoever stated first", () => {
		const forged = at(derivedId, B, "2026-01-01T00:00:00.000001Z", "6.6.6.6");
		const honest = at(derivedId, A, "2026-01-01T00:00:00.000002Z", honestValue);
		assert.equal(chooseStatement([forged, honest], C, all), honest);
		assert.equal(chooseStatement([honest, forged], C, all), honest);
		assert.equal(canonicalValue([forged, honest]), JSON.stringify({ value: honestValue }));
	});
	it("under a non-derived id the earliest statement names the value, whatever the order given", () => {
		const honest = at(mispId, A, "2026-01-01T00:00:00.000001Z", honestValue);
		const forged = at(mispId, B, "2026-01-01T00:00:00.000002Z", "6.6.6.6");
		assert.equal(chooseStatement([honest, forged], C, all), honest);
		assert.equal(chooseStatement([forged, honest], C, all), honest);
		// The canonical value counts statements the party may not receive: withheld, never the forged one.
		assert.equal(chooseStatement([honest, forged], C, byMarking([])), undefined);
		const hidden = { ...honest, object: { ...honest.object, object_marking_refs: ["red"] } };
		assert.equal(chooseStatement([hidden, forged], C, all), undefined);
	});
	it("still gives each contributor its own statement back, forged or not", () => {
		const honest = at(mispId, A, "2026-01-01T00:00:00.000001Z", honestValue);
		const forged = at(mispId, B, "2026-01-01T00:00:00.000002Z", "6.6.6.6");
		assert.equal(chooseStatement([honest, forged], B, all), forged);
		assert.equal(chooseStatement([honest, forged], A, all), honest);
	});
	it("keeps two statements of the same value under a uuid4 id for everyone", () => {
		const one = at(mispId, A, "2026-01-01T00:00:00.000001Z", honestValue);
		const two = at(mispId, B, "2026-01-01T00:00:00.000002Z", honestValue);
		assert.equal(chooseStatement([one, two], C, all), two);
		assert.equal(chooseStatement([one, two], A, all), one);
		assert.equal(chooseStatement([one, two], B, all), two);
	});
});

describe("releasePage over an observable's statements", () => {
	const stated = (object: StixObject, organizationId: string, version: string): ReleasableVersion => ({
		object,
		provenance: { organizationId, source: "test" },
		flags: [],
		latest: true,
		version,
	});
	// The value's true SCO id, so that an indicator's pattern naming the value finds the held statements (D21).
	const id = scoId({ type: "ipv4-addr", value: "203.0.113.9" }) ?? "";
	const { x_entente_role: _, ...plain }: StixObject = { ...victimIp([MARKS.clear]), id };
	const partners = stated(plain, IDS.fbi, "2025-05-01T00:00:00.000001Z");
	const originators = stated({ ...victimIp([MARKS.red]), id }, IDS.nca, "2025-05-01T00:00:00.000002Z");
	const naming = stated(
		indicator([MARKS.clear], {
			pattern: "[ipv4-addr:value = '203.0.113.9']",
			indicator_types: ["malicious-activity"],
			created_by_ref: IDS.fbi,
		}),
		IDS.fbi,
		"2025-05-01T00:00:00.000Z",
	);
	const held = [partners, originators];
	const sources: GateSources = {
		compiled: () => compilePolicy(REFERENCE_POLICY),
		markingDefinitions: () => new Map(),
		inherited: async () => new Map(),
		// Any one statement, as a store's latest read may answer: the gate must not judge by it alone.
		versionsOf: async (ids) => new Map(ids.includes(plain.id) ? [[plain.id, originators]] : []),
		statementsOf: async (ids) => new Map(ids.includes(plain.id) ? [[plain.id, held]] : []),
		heldIds: async (ids) => new Set(ids.filter((id) => id === plain.id)),
		heldTypes: async (types) => new Set(types.filter((type) => type === "ipv4-addr")),
		localParties: async () => new Set(),
		transformKey: new Uint8Array(32).fill(7),
		nodeIdentity: IDS.nca,
		now: () => SCENARIO_NOW,
	};
	const gate = createGate(sources);
	const as = (partyId: string) => ({ partyId, userId: "u", purpose: "criminal-investigation" as const });

	it("releases a third party the partner's statement only, wherever the page holds which", async () => {
		const [first, second] = await gate.releasePage(as(IDS.nlPolice), [partners, originators]);
		assert.equal(first?.id, plain.id);
		assert.equal(first?.x_entente_role, undefined);
		assert.equal(second, undefined);
		assert.deepEqual(await gate.releasePage(as(IDS.nlPolice), [originators]), [undefined]);
	});

	it("releases the originator its own statement and not the partner's beside it", async () => {
		const [first, second] = await gate.releasePage(as(IDS.nca), [partners, originators]);
		assert.equal(first, undefined);
		assert.equal(second?.x_entente_role, "victim");
		assert.ok(((second?.object_marking_refs ?? []) as string[]).includes(MARKS.red));
	});

	it("judges an indicator naming the value by the statement the party receives", async () => {
		const [released] = await gate.releasePage(as(IDS.nlPolice), [naming]);
		assert.equal(released?.pattern, "[ipv4-addr:value = '203.0.113.9']");
	});
});
