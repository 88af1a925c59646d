// The gate closes every reference: SCO references to hidden objects go, required ones withhold, and a
// reference to a transformed observable carries its derived id whatever the page, batch or order.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IDS, MARKS, REFERENCE_POLICY, SCENARIO_NOW, victimIp } from "#test/fixtures/reference-scenario.ts";
import type { StixObject } from "../../stix/core.ts";
import { scoId } from "../../stix/ids/index.ts";
import { compilePolicy } from "../engine/index.ts";
import { createGate, type GateSources, type ReleasableVersion } from "./index.ts";

function version(object: StixObject): ReleasableVersion {
	return { object, provenance: { organizationId: IDS.nca, source: "test" }, flags: [], latest: true };
}

function observable(body: Record<string, unknown>): StixObject {
	const object = { spec_version: "2.1", ...body } as StixObject;
	return { ...object, id: scoId(object) ?? `${object.type}--0b6f5a3c-0000-4000-8000-0000000000aa` };
}

const IP = version(victimIp([MARKS.amber]));
const HIDDEN = version(
	observable({ type: "ipv4-addr", value: "198.51.100.66", object_marking_refs: [MARKS.red] }),
);
const TRAFFIC = version(
	observable({
		type: "network-traffic",
		src_ref: IP.object.id,
		dst_ref: HIDDEN.object.id,
		dst_port: 443,
		protocols: ["tcp"],
		object_marking_refs: [MARKS.amber],
	}),
);
const TRAFFIC_TO_HIDDEN = version(
	observable({
		type: "network-traffic",
		dst_ref: HIDDEN.object.id,
		dst_port: 22,
		protocols: ["tcp"],
		object_marking_refs: [MARKS.amber],
	}),
);
const DOMAIN = version(
	observable({
		type: "domain-name",
		value: "victim.example",
		resolves_to_refs: [IP.object.id, HIDDEN.object.id],
		object_marking_refs: [MARKS.amber],
	}),
);
const MAIL = version(
	observable({
		type: "email-message",
		is_multipart: false,
		subject: "hello",
		x_relay_ref: HIDDEN.object.id,
		extensions: { "x-hops": { x_via_refs: [HIDDEN.object.id, IP.object.id] } },
		object_marking_refs: [MARKS.amber],
	}),
);
const REPORT = version({
	type: "report",
	spec_version: "2.1",
	id: "report--0b6f5a3c-0000-4000-8000-0000000000b1",
	created: "2025-05-01T00:00:00.000Z",
	modified: "2025-05-01T00:00:00.000Z",
	name: "traffic",
	published: "2025-05-01T00:00:00Z",
	object_refs: [TRAFFIC.object.id],
	object_marking_refs: [MARKS.amber],
});
const HELD = [IP, HIDDEN, TRAFFIC, TRAFFIC_TO_HIDDEN, DOMAIN, MAIL, REPORT];

/** A gate over `held`; each call builds a new one, as a later batch or another node's run would. */
function gateOver(held: readonly ReleasableVersion[] = HELD) {
	const byId = new Map(held.map((v) => [v.object.id, v]));
	const sources: GateSources = {
		compiled: () => compilePolicy(REFERENCE_POLICY),
		markingDefinitions: () => new Map(),
		inherited: async () => new Map(),
		versionsOf: async (ids) =>
			new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id) as ReleasableVersion]] : []))),
		heldIds: async (ids) => new Set(ids.filter((id) => byId.has(id))),
		heldTypes: async (types) => new Set(types.filter((type) => held.some((v) => v.object.type === type))),
		localParties: async () => new Set(),
		transformKey: new Uint8Array(32).fill(7),
		nodeIdentity: IDS.nca,
		now: () => SCENARIO_NOW,
	};
	return createGate(sources);
}

const fbi = { partyId: IDS.fbi, userId: "u", purpose: "criminal-investigation" as const };
const colombia = { partyId: IDS.coPolice, userId: "u", purpose: "criminal-investigation" as const };

describe("gate: reference closure", () => {
	it("the hidden address is hidden from both recipients (the premise)", async () => {
		assert.equal(await gateOver().release(fbi, HIDDEN), undefined);
		assert.equal(await gateOver().release(colombia, HIDDEN), undefined);
		assert.equal(
			(await gateOver().release(fbi, IP))?.id,
			IP.object.id,
			"the FBI receives the victim IP as it is",
		);
	});

	it("drops SCO references to hidden objects, in lists, extensions and custom properties; never names the hidden id", async () => {
		const [traffic, domain, mail] = await gateOver().releasePage(fbi, [TRAFFIC, DOMAIN, MAIL]);
		assert.ok(traffic !== undefined && domain !== undefined && mail !== undefined);
		assert.equal(traffic.src_ref, IP.object.id);
		assert.equal(traffic.dst_ref, undefined);
		assert.deepEqual(domain.resolves_to_refs, [IP.object.id]);
		assert.equal(mail.x_relay_ref, undefined);
		assert.deepEqual(mail.extensions, { "x-hops": { x_via_refs: [IP.object.id] } });
		const text = JSON.stringify([traffic, domain, mail]);
		assert.ok(!text.includes(HIDDEN.object.id) && !text.includes("198.51.100.66"));
	});

	it("moves granular markings with the references that stay: a marking never lands on another item", async () => {
		const marked = version({
			...DOMAIN.object,
			resolves_to_refs: [HIDDEN.object.id, IP.object.id],
			granular_markings: [
				{ marking_ref: MARKS.green, selectors: ["resolves_to_refs.[1]"] },
				{ marking_ref: MARKS.clear, selectors: ["resolves_to_refs.[0]", "value"] },
			],
		});
		const [domain] = await gateOver([...HELD, marked]).releasePage(fbi, [marked]);
		assert.deepEqual(domain?.resolves_to_refs, [IP.object.id]);
		assert.deepEqual(domain?.granular_markings, [
			{ marking_ref: MARKS.green, selectors: ["resolves_to_refs.[0]"] },
			{ marking_ref: MARKS.clear, selectors: ["value"] },
		]);
	});

	it("re-mints an observable whose id hashed the dropped reference: its id does not encode the hidden value", async () => {
		const [traffic] = await gateOver().releasePage(fbi, [TRAFFIC]);
		assert.ok(traffic !== undefined);
		assert.notEqual(traffic.id, TRAFFIC.object.id, "the stored id is a hash of the hidden dst_ref");
		assert.equal(traffic.id, scoId(traffic), "the new id is the copy's own deterministic id");
		// A container naming it names the same new id, on the same page or without the traffic on it.
		const [report, sameTraffic] = await gateOver().releasePage(fbi, [REPORT, TRAFFIC]);
		assert.deepEqual(report?.object_refs, [traffic.id]);
		assert.equal(sameTraffic?.id, traffic.id);
		const [alone] = await gateOver().releasePage(fbi, [REPORT]);
		assert.deepEqual(alone?.object_refs, [traffic.id]);
	});

	it("withholds an object whose required reference is hidden (network-traffic with only a hidden end)", async () => {
		const gate = gateOver();
		assert.equal(await gate.release(fbi, TRAFFIC_TO_HIDDEN), undefined);
		const explained = await gate.explain(TRAFFIC_TO_HIDDEN, IDS.fbi, "criminal-investigation");
		assert.equal(explained.verdict, "deny");
		assert.equal(explained.trace.at(-1)?.rule, "gate.references");
		const report = version({ ...REPORT.object, object_refs: [TRAFFIC_TO_HIDDEN.object.id] });
		assert.equal(
			await gateOver([...HELD, report]).release(fbi, report),
			undefined,
			"nor a report of it alone",
		);
	});

	it("a reference to a pseudonymised observable carries its derived id on the same page, another page, alone, and in a later batch", async () => {
		const [ipAlone] = await gateOver().releasePage(colombia, [IP]);
		assert.ok(ipAlone !== undefined);
		const derived = ipAlone.id;
		assert.notEqual(derived, IP.object.id);
		const [samePageTraffic, samePageIp] = await gateOver().releasePage(colombia, [TRAFFIC, IP]);
		assert.equal(samePageIp?.id, derived);
		assert.equal(samePageTraffic?.src_ref, derived);
		const [trafficAlone] = await gateOver().releasePage(colombia, [TRAFFIC]);
		assert.equal(trafficAlone?.src_ref, derived, "the referenced observable is not on the page");
		const [domain] = await gateOver().releasePage(colombia, [DOMAIN]);
		assert.deepEqual(domain?.resolves_to_refs, [derived]);
		// A later batch: a store that did not hold the traffic when the address was first released.
		const [early] = await gateOver([IP]).releasePage(colombia, [IP]);
		assert.equal(early?.id, derived);
		// The traffic's own id follows its src_ref: the same wherever it is released.
		assert.equal(samePageTraffic?.id, trafficAlone?.id);
		const [report] = await gateOver().releasePage(colombia, [REPORT]);
		assert.deepEqual(report?.object_refs, [trafficAlone?.id]);
		const text = JSON.stringify([samePageTraffic, trafficAlone, domain, report]);
		for (const leak of [IP.object.id, "203.0.113.9", HIDDEN.object.id, TRAFFIC.object.id])
			assert.ok(!text.includes(leak), leak);
	});
});
